package dev.idp.sandbox;

import static dev.idp.sandbox.SandboxClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idp.emulator.azure.Faults;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sweeps against the sandbox's emulator through the service's real SDK clients: paging over several pages, a quiet
 * second sweep appending nothing per account, 5xx and 429 mid-sweep, a failed sweep concluding nothing, Resource
 * Graph's lag, the casing and nulls the real API produces, and hostile tag values.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxObservationTest {

    static final String SUB = SandboxClient.SUBSCRIPTION;

    @TempDir
    static Path data;

    static SandboxMain.Running sandbox;
    static SandboxClient api;
    static SandboxClient.Emulator emulator;
    static JdbcTemplate jdbc;

    @BeforeAll
    static void start() throws Exception {
        SandboxTesting.openToPostgres(data);
        sandbox = SandboxMain.start(
                new SandboxOptions(data, false, "127.0.0.1", 0, 0, 0, Duration.ofMinutes(10)),
                SandboxTesting.ONLY_REQUESTED_SWEEPS);
        jdbc = sandbox.context().getBean(JdbcTemplate.class);
        api = new SandboxClient(sandbox.apiPort());
        emulator = new SandboxClient.Emulator(sandbox.azure().baseUrl(), data.resolve("azure/emulator.pem"));
    }

    @AfterAll
    static void stop() {
        sandbox.stop();
    }

    @Test
    @Order(1)
    void aFirstSweepPagesThroughTheFleetAndDiscoversWhatNoRequestClaims() throws Exception {
        sandbox.azure().seed(SUB, "rg-fleet", 2500, "stfleet", Map.of("owner", "someone"));
        JsonNode sweep = sweepAndWait();
        assertThat(sweep.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(sweep.at("/statistics/accountsSeen").asLong()).isGreaterThanOrEqualTo(2500);
        assertThat(sweep.at("/statistics/resourceGraphQueries").asLong()).isEqualTo(3);
        assertThat(sweep.at("/statistics/discovered").asLong()).isGreaterThanOrEqualTo(2500);
        assertThat(sweep.at("/statistics/armReads").asLong()).isZero();
        assertThat(count("StorageAccountDiscoveredEvent")).isGreaterThanOrEqualTo(2500);
    }

    @Test
    @Order(2)
    void aQuietSweepAppendsNothingPerAccount() throws Exception {
        long before = events();
        JsonNode sweep = sweepAndWait();
        assertThat(sweep.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(sweep.at("/statistics/changes").asLong()).isZero();
        assertThat(events() - before)
                .as("only the sweep's own started and completed")
                .isEqualTo(2);
    }

    @Test
    @Order(3)
    void anOutOfBandChangeIsOneEventWithTheNullsAndCasingNormalized() throws Exception {
        // no properties at all: every owned boolean and minimumTlsVersion null, as older accounts report them;
        // the location in the portal's spelling, the group in another casing than Resource Graph reports
        HttpResponse<String> put = emulator.account(
                "PUT",
                "RG-Casing",
                "stcasing01",
                "{\"location\":\"West Europe\",\"kind\":\"StorageV2\",\"sku\":{\"name\":\"Standard_LRS\"},"
                        + "\"tags\":{\"Team\":\"x\"}}");
        assertThat(put.statusCode()).as(put.body()).isBetween(200, 202);
        sweepAndWait();
        JsonNode discovered = lastPayload("StorageAccountDiscoveredEvent", "stcasing01");
        assertThat(discovered.at("/observed/minimumTlsVersion").asText()).isEqualTo("TLS1_0");
        assertThat(discovered.at("/observed/accountKind").asText()).isEqualTo("StorageV2");
        assertThat(discovered.at("/observed/replicationType").asText()).isEqualTo("LRS");
        assertThat(discovered.at("/observed/location").asText()).isEqualTo("westeurope");
        assertThat(discovered.at("/observed/allowSharedKeyAccess").asBoolean()).isTrue();

        emulator.account("PATCH", "rg-CASING", "stcasing01", "{\"properties\":{\"minimumTlsVersion\":\"TLS1_2\"}}");
        long before = events();
        JsonNode sweep = sweepAndWait();
        assertThat(sweep.at("/statistics/changes").asLong()).isEqualTo(1);
        assertThat(events() - before).isEqualTo(3);
        assertThat(lastPayload("AzureStateObservedEvent", "stcasing01")
                        .at("/observed/minimumTlsVersion")
                        .asText())
                .isEqualTo("TLS1_2");
    }

    @Test
    @Order(4)
    void hostileTagValuesAreData() throws Exception {
        sandbox.azure()
                .seed(
                        SUB,
                        "rg-hostile",
                        2,
                        "sthostile",
                        Map.of(
                                "owner", "x' or 1==1 //",
                                "idp-managed-by", "\" | where name == \"\"",
                                "note", "| project id | take 1"));
        JsonNode sweep = sweepAndWait();
        assertThat(sweep.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(lastPayload("StorageAccountDiscoveredEvent", "sthostile0")
                        .at("/observed/tags/owner")
                        .asText())
                .isEqualTo("x' or 1==1 //");
        assertThat(sweep.at("/statistics/accountsSeen").asLong()).isGreaterThanOrEqualTo(2503);
    }

    @Test
    @Order(5)
    void fiveHundredsMidSweepAreRetriedAndAFailedSweepConcludesNothing() throws Exception {
        sandbox.azure().setFaults(new Faults(0, 0, 0, 0.3));
        JsonNode retried = sweepAndWait();
        assertThat(retried.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(retried.at("/statistics/changes").asLong()).isZero();

        emulator.account("DELETE", "rg-fleet", "stfleet0000", null);
        sandbox.azure().setFaults(new Faults(0, 0, 0, 1.0));
        long before = events();
        JsonNode failed = sweepAndWait();
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("failure").asText()).isNotBlank();
        assertThat(events() - before)
                .as("started and failed, nothing per account")
                .isEqualTo(2);
        JsonNode health =
                JSON.readTree(api.get("/api/v1/platform/health", "viewer").body());
        assertThat(health.at("/observation/status").asText()).isEqualTo("FAILED");
        sandbox.azure().setFaults(Faults.NONE);

        JsonNode next = sweepAndWait();
        assertThat(next.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(next.at("/statistics/disappeared").asLong()).isEqualTo(1);
        assertThat(count("AzureAccountNotFoundEvent")).isEqualTo(1);
    }

    @Test
    @Order(6)
    void resourceGraphLagMisclassifiesNothing() throws Exception {
        sandbox.azure().setFaults(new Faults(3_000, 0, 0, 0)); // Resource Graph shows Azure as it was 3 s ago
        emulator.account(
                "PUT",
                "rg-lag",
                "stlag01",
                "{\"location\":\"westeurope\",\"kind\":\"StorageV2\",\"sku\":{\"name\":\"Standard_LRS\"}}");
        emulator.account("DELETE", "rg-fleet", "stfleet0001", null);
        long notFound = count("AzureAccountNotFoundEvent");
        JsonNode lagging = sweepAndWait();
        assertThat(lagging.get("status").asText()).isEqualTo("COMPLETED");
        // the new account is not listed yet (so not discovered), the deleted one still is (so not gone yet)
        assertThat(count("StorageAccountDiscoveredEvent", "stlag01")).isZero();
        assertThat(count("AzureAccountNotFoundEvent")).isEqualTo(notFound);
        sandbox.azure().setFaults(Faults.NONE);
        JsonNode caughtUp = sweepAndWait(); // Resource Graph has caught up
        assertThat(caughtUp.at("/statistics/disappeared").asLong()).isEqualTo(1);
        assertThat(count("StorageAccountDiscoveredEvent", "stlag01")).isEqualTo(1);
    }

    @Test
    @Order(7)
    void throttledQueriesWaitForTheirRetryAfter() throws Exception {
        // use up the service principal's Resource Graph window from outside, then sweep
        String body = "{\"subscriptions\":[\"" + SUB + "\"],\"query\":\"Resources | take 1\"}";
        for (int i = 0; i < 30; i++) {
            emulator.send(
                    "POST",
                    "/providers/Microsoft.ResourceGraph/resources?api-version=2022-10-01",
                    serviceToken(),
                    body);
        }
        JsonNode sweep = sweepAndWait();
        assertThat(sweep.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(sweep.at("/statistics/throttled").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(sweep.at("/statistics/changes").asLong()).isZero();
    }

    private static String serviceToken() {
        return sandbox.context().getEnvironment().getProperty("idp.azure.static-token");
    }

    private static JsonNode sweepAndWait() throws Exception {
        HttpResponse<String> started = api.send("POST", "/api/v1/observation/sweeps", "operator", null);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String sweepId = JSON.readTree(started.body()).get("sweepId").asText();
        return await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> JSON.readTree(api.get("/api/v1/observation/sweeps/" + sweepId, "operator")
                                .body()),
                        s -> !s.path("status").asText().equals("RUNNING"));
    }

    private static long events() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    private static long count(String type) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE ?", Long.class, "%." + type);
    }

    private static long count(String type, String name) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE ? AND convert_from(payload, 'UTF8')"
                        + " LIKE ?",
                Long.class,
                "%." + type,
                "%/" + name + "\"%");
    }

    private static JsonNode lastPayload(String type, String name) throws Exception {
        List<String> payloads = jdbc.queryForList(
                "SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE payload_type LIKE ? AND"
                        + " convert_from(payload, 'UTF8') LIKE ? ORDER BY global_index DESC LIMIT 1",
                String.class,
                "%." + type,
                "%/" + name + "\"%");
        assertThat(payloads).as(type + " of " + name).isNotEmpty();
        return JSON.readTree(payloads.get(0));
    }
}
