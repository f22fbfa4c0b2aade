package dev.idp.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idp.query.QuerySideApplication;
import dev.idp.query.QuerySideTestDatabase;
import dev.idp.support.testing.TestTokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.scheduler.Schedulers;

/**
 * History and the export over real HTTP, through the real security chain, on a real PostgreSQL, with events appended
 * through Axon's own event store so that what is read back is what the command side writes.
 */
@SpringBootTest(
        classes = QuerySideApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + QuerySideApplication.CONFIG_NAME)
class HistoryApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        QuerySideTestDatabase.register(registry);
    }

    @Autowired
    WebTestClient http;

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcTemplate jdbc;

    record Requested(String resourceId, String name) {}

    record Changed(String resourceId, String minimumTlsVersion) {}

    private String append(String resourceId, long sequence, Object payload, String actor, String correlationId) {
        GenericDomainEventMessage<Object> event = new GenericDomainEventMessage<>(
                "StorageAccount",
                resourceId,
                sequence,
                payload,
                MetaData.with("actor", actor)
                        .and("correlationId", correlationId)
                        .and("requestId", "r-" + sequence));
        eventStore.publish(event);
        return event.getIdentifier();
    }

    private static String auditor() {
        return TestTokens.forRoles("audrey", "auditor");
    }

    @Test
    void answersOneResourcesHistoryOldestFirstAsRecorded() {
        String resourceId = UUID.randomUUID().toString();
        String correlation = UUID.randomUUID().toString();
        append(resourceId, 0, new Requested(resourceId, "stone"), "alice", correlation);
        append(
                resourceId,
                1,
                new Changed(resourceId, "TLS1_3"),
                "bob",
                UUID.randomUUID().toString());
        append(UUID.randomUUID().toString(), 0, new Requested("other", "sttwo"), "carol", "c");

        JsonNode body = http.get()
                .uri("/api/v1/storage-accounts/{id}/history", resourceId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + auditor())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();

        JsonNode events = body.get("events");
        assertThat(events).hasSize(2);
        JsonNode first = events.get(0);
        assertThat(first.get("sequence").asLong()).isZero();
        assertThat(first.get("type").asText()).isEqualTo("Requested");
        assertThat(first.get("actor").asText()).isEqualTo("alice");
        assertThat(first.get("correlationId").asText()).isEqualTo(correlation);
        assertThat(first.get("payload")).isEqualTo(JSON.valueToTree(Map.of("resourceId", resourceId, "name", "stone")));
        assertThat(Instant.parse(first.get("occurredAt").asText())).isBeforeOrEqualTo(Instant.now());
        assertThat(events.get(1).get("type").asText()).isEqualTo("Changed");
        assertThat(events.get(1).get("actor").asText()).isEqualTo("bob");
        assertThat(events.get(1).get("payload").get("minimumTlsVersion").asText())
                .isEqualTo("TLS1_3");
    }

    @Test
    void answers404ForAnUnknownResourceAnd400ForANonUuid() {
        http.get()
                .uri("/api/v1/storage-accounts/{id}/history", UUID.randomUUID())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + auditor())
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get()
                .uri("/api/v1/storage-accounts/{id}/history", "not-a-uuid")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + auditor())
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("resourceId");
    }

    @Test
    void letsAuditorsAndOperatorsReadHistoryButNotViewers() {
        String resourceId = UUID.randomUUID().toString();
        append(resourceId, 0, new Requested(resourceId, "stroles"), "alice", "c");
        for (String path : List.of("/api/v1/storage-accounts/" + resourceId + "/history", "/api/v1/events")) {
            http.get().uri(path).exchange().expectStatus().isUnauthorized();
            http.get()
                    .uri(path)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.forRoles("vic", "viewer"))
                    .exchange()
                    .expectStatus()
                    .isForbidden();
            http.get()
                    .uri(path)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.forRoles("portal", "portal"))
                    .exchange()
                    .expectStatus()
                    .isForbidden();
            for (String role : List.of("auditor", "operator")) {
                http.get()
                        .uri(path)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.forRoles("x", role))
                        .exchange()
                        .expectStatus()
                        .isOk();
            }
        }
    }

    @Test
    void exportsTheWholeStreamAsNdjsonInPagesByPosition() throws Exception {
        long start = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String resourceId = UUID.randomUUID().toString();
            ids.add(append(resourceId, 0, new Requested(resourceId, "stexport" + i), "alice", "corr-" + i));
        }

        List<String> seen = new ArrayList<>();
        long after = start;
        for (int page = 0; page < 3; page++) {
            var result = http.get()
                    .uri("/api/v1/events?after={after}&limit=2", after)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + auditor())
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
                    .expectBody(String.class)
                    .returnResult();
            String body = result.getResponseBody();
            for (String line : body.split("\n")) {
                JsonNode event = JSON.readTree(line);
                assertThat(event.get("globalPosition").asLong()).isGreaterThan(after);
                assertThat(event.get("actor").asText()).isEqualTo("alice");
                assertThat(event.get("correlationId").asText()).startsWith("corr-");
                assertThat(event.get("payloadType").asText()).endsWith("HistoryApiTest$Requested");
                assertThat(event.get("payload").get("name").asText()).startsWith("stexport");
                seen.add(event.get("eventId").asText());
            }
            after = Long.parseLong(result.getResponseHeaders().getFirst(HistoryController.NEXT_AFTER));
        }
        assertThat(seen).containsExactlyElementsOf(ids);
    }

    @Test
    void refusesLimitsOutsideTheRange() {
        for (String limit : List.of("0", "10001", "-3", "many")) {
            http.get()
                    .uri("/api/v1/events?limit={limit}", limit)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + auditor())
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("limit");
        }
    }

    @Test
    void readsTheDatabaseOffTheEventLoop() {
        List<String> threads = new CopyOnWriteArrayList<>();
        Schedulers.onScheduleHook("record-thread", task -> () -> {
            threads.add(Thread.currentThread().getName());
            task.run();
        });
        try {
            http.get()
                    .uri("/api/v1/events?limit=1")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + auditor())
                    .exchange()
                    .expectStatus()
                    .isOk();
        } finally {
            Schedulers.resetOnScheduleHook("record-thread");
        }
        assertThat(threads).anyMatch(name -> name.startsWith("boundedElastic"));
    }

    @Test
    void keepsItsOwnFlywayHistoryBesideTheEventStores() {
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM flyway_query_history WHERE success AND version = '1'", Integer.class))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM projection_status", Integer.class))
                .isNotNull();
    }
}
