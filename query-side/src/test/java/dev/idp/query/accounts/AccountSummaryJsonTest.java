package dev.idp.query.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idp.kernel.azure.ArmId;
import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;
import dev.idp.kernel.storageaccount.Owner;
import dev.idp.kernel.storageaccount.StorageAccountRequestedEvent;
import dev.idp.query.QuerySideApplication;
import dev.idp.query.QuerySideTestDatabase;
import dev.idp.support.testing.TestTokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The list writes its items straight from the rows (a JSON generator, no map per item); the detail's summary fields go
 * through Jackson's object mapping. Over HTTP, each list item must be exactly the detail's summary fields, with the
 * same values in the same formats, whatever the instants' fractions, the nulls and the characters in the values.
 */
@SpringBootTest(
        classes = QuerySideApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + QuerySideApplication.CONFIG_NAME)
class AccountSummaryJsonTest {

    static final String SUB = "00000000-0000-0000-0000-0000000000a1";
    static final List<String> SUMMARY_FIELDS = List.of(
            "resourceId",
            "name",
            "armId",
            "subscriptionId",
            "resourceGroup",
            "location",
            "team",
            "state",
            "cloudOnlyReason",
            "driftCount",
            "lastObservedAt",
            "updatedAt");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        QuerySideTestDatabase.register(registry);
    }

    @Autowired
    WebTestClient http;

    @Autowired
    JdbcTemplate jdbc;

    final AtomicLong position = new AtomicLong(1_000_000);

    @Test
    void everyListItemIsTheDetailsSummary() {
        // written into the copy that answers, as its processor would (the test's database has no events to replay)
        AccountProjector projector = new AccountProjectorA(jdbc);
        Instant second = Instant.parse("2026-12-01T10:00:00Z");
        requested(projector, "stjsonwhole", "payments", second);
        requested(projector, "stjsonmillis", "team \"quoted\" \\ back-slashed, ünïcode, tab\t", second.plusMillis(123));
        requested(projector, "stjsonmicros", "payments", second.plusNanos(123_456_000));
        requested(projector, "stjsonnanos", "payments", second.plusNanos(1_000));
        discovered(projector, "stjsoncloud", second.plusNanos(987_654_000)); // CLOUD_ONLY: has a cloudOnlyReason

        JsonNode page = get("/api/v1/storage-accounts?q=stjson&limit=500");
        List<JsonNode> items = new ArrayList<>();
        page.get("items").forEach(items::add);
        assertThat(items).hasSize(5);
        assertThat(page.get("nextCursor").isNull()).isTrue();

        for (JsonNode item : items) {
            JsonNode detail =
                    get("/api/v1/storage-accounts/" + item.get("resourceId").asText());
            Map<String, JsonNode> expected = new HashMap<>();
            for (String field : SUMMARY_FIELDS) {
                if (detail.has(field)) {
                    expected.put(field, detail.get(field));
                }
            }
            Map<String, JsonNode> actual = new HashMap<>();
            for (Iterator<String> names = item.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                actual.put(name, item.get(name));
            }
            assertThat(actual).as(item.get("name").asText()).isEqualTo(expected);
        }
        assertThat(items.stream().filter(i -> i.has("cloudOnlyReason"))).hasSize(1);
    }

    @Test
    void aPageThatIsNotTheLastEndsWithACursorToTheNext() {
        AccountProjector projector = new AccountProjectorA(jdbc);
        Instant at = Instant.parse("2026-12-01T11:00:00Z");
        requested(projector, "stpagea", "paging", at);
        requested(projector, "stpageb", "paging", at);
        requested(projector, "stpagec", "paging", at);

        JsonNode first = get("/api/v1/storage-accounts?team=paging&limit=2");
        assertThat(first.get("items")).hasSize(2);
        JsonNode second = get("/api/v1/storage-accounts?team=paging&limit=2&cursor="
                + first.get("nextCursor").asText());
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("items").get(0).get("name").asText()).isEqualTo("stpagec");
        assertThat(second.get("nextCursor").isNull()).isTrue();
    }

    private JsonNode get(String uri) {
        return http.get()
                .uri(uri)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.forRoles("vera", "viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private void requested(AccountProjector projector, String name, String team, Instant at) {
        ResourceId resourceId = ResourceId.random();
        DefaultUnitOfWork.startAndGet(null)
                .execute(() -> projector.on(
                        new StorageAccountRequestedEvent(
                                resourceId,
                                RequestId.random(),
                                "storage-account",
                                SUB,
                                "rg-json",
                                name,
                                ArmId.ofStorageAccount(SUB, "rg-json", name),
                                new Owner(team, "alice@example.com"),
                                AccountProjectorTest.spec()),
                        at,
                        new GlobalSequenceTrackingToken(position.incrementAndGet())));
    }

    private void discovered(AccountProjector projector, String name, Instant at) {
        DefaultUnitOfWork.startAndGet(null)
                .execute(() -> projector.on(
                        AccountProjectorTest.discoveredEvent(name, at),
                        at,
                        new GlobalSequenceTrackingToken(position.incrementAndGet())));
    }
}
