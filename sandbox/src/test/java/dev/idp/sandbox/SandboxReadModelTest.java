package dev.idp.sandbox;

import static dev.idp.sandbox.SandboxClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read model through the contract's projections, in the sandbox: a request becomes IN_SYNC, an out-of-band change
 * DRIFTED with its field, an unrequested account CLOUD_ONLY, an outage CONTROL_PLANE_UNAVAILABLE for every active
 * account and back, filters and cursor paging, roles, and a rebuild that switches to a copy equal to the live one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxReadModelTest {

    static final String SUB = SandboxClient.SUBSCRIPTION;

    @TempDir
    static Path data;

    static SandboxMain.Running sandbox;
    static SandboxClient api;
    static final Map<String, String> ids = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        SandboxTesting.openToPostgres(data);
        sandbox = SandboxMain.start(
                new SandboxOptions(data, false, "127.0.0.1", 0, 0, 0, Duration.ofMinutes(10)),
                SandboxTesting.ONLY_REQUESTED_SWEEPS);
        api = new SandboxClient(sandbox.apiPort());
    }

    @AfterAll
    static void stop() {
        sandbox.stop();
    }

    @Test
    @Order(1)
    void aRequestBecomesInSyncWithItsBindings() throws Exception {
        for (String name : List.of("strm01", "strm02", "strm03")) {
            ids.put(name, submit(name));
        }
        for (String id : ids.values()) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> detail(id).path("state").asText(), "IN_SYNC"::equals);
        }
        JsonNode detail = detail(ids.get("strm01"));
        assertThat(detail.get("name").asText()).isEqualTo("strm01");
        assertThat(detail.get("team").asText()).isEqualTo("payments");
        assertThat(detail.get("driftCount").asInt()).isZero();
        assertThat(detail.at("/desired/minimumTlsVersion").asText()).isEqualTo("TLS1_2");
        assertThat(detail.at("/observed/minimumTlsVersion").asText()).isEqualTo("TLS1_2");
        assertThat(detail.at("/crossplane/externalName").asText()).isEqualTo("strm01");
        assertThat(detail.at("/crossplane/ready").asBoolean()).isTrue();
        assertThat(detail.at("/crossplane/synced").asBoolean()).isTrue();
        assertThat(detail.at("/crossplane/managementPolicies/0").asText()).isEqualTo("*");
        assertThat(detail.at("/azure/armId").asText()).endsWith("/storageAccounts/strm01");
        assertThat(detail.at("/requests/0/workflowType").asText()).isEqualTo("storage-account");
        assertThat(detail.get("remediations").isArray()).isTrue();
    }

    @Test
    @Order(2)
    void anOutOfBandChangeIsDriftOnThatField() throws Exception {
        new SandboxClient.Emulator(sandbox.azure().baseUrl(), data.resolve("azure/emulator.pem"))
                .account("PATCH", "rg-payments", "strm02", "{\"properties\":{\"minimumTlsVersion\":\"TLS1_0\"}}");
        // the account's detail read from ARM on demand (a sweep would find it too: see the next test)
        HttpResponse<String> observed =
                api.send("POST", "/api/v1/observation/storage-accounts/" + ids.get("strm02"), "operator", null);
        assertThat(observed.statusCode()).as(observed.body()).isEqualTo(200);
        assertThat(JSON.readTree(observed.body())
                        .at("/observed/minimumTlsVersion")
                        .asText())
                .isEqualTo("TLS1_0");
        JsonNode detail = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> detail(ids.get("strm02")),
                        d -> d.path("state").asText().equals("DRIFTED"));
        assertThat(detail.get("driftCount").asInt()).isEqualTo(1);
        assertThat(detail.at("/drift/0/field").asText()).isEqualTo("minimumTlsVersion");
        assertThat(detail.at("/drift/0/desired").asText()).isEqualTo("TLS1_2");
        assertThat(detail.at("/drift/0/observed").asText()).isEqualTo("TLS1_0");
        assertThat(detail.at("/azure/source").asText()).isEqualTo("ARM");
        assertThat(api.send("POST", "/api/v1/observation/storage-accounts/" + UUID.randomUUID(), "operator", null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    @Order(3)
    void anUnrequestedAccountIsCloudOnly() throws Exception {
        sandbox.azure().seed(SUB, "rg-outside", 3, "stoutside", Map.of("owner", "someone"));
        sweep();
        JsonNode page = await().atMost(Duration.ofSeconds(30))
                .until(() -> list("state=CLOUD_ONLY"), p -> p.get("items").size() == 3);
        for (JsonNode item : page.get("items")) {
            assertThat(item.get("cloudOnlyReason").asText()).isEqualTo("UNREQUESTED");
            assertThat(item.get("lastObservedAt").isNull()).isFalse();
        }
        JsonNode summary = api.json("/api/v1/summary", "viewer");
        assertThat(summary.get("total").asInt()).isEqualTo(6);
        assertThat(summary.at("/byState/IN_SYNC").asInt()).isEqualTo(2);
        assertThat(summary.at("/byState/DRIFTED").asInt()).isEqualTo(1);
        assertThat(summary.at("/byState/CLOUD_ONLY").asInt()).isEqualTo(3);
        assertThat(summary.get("controlPlane").asText()).isEqualTo("AVAILABLE");
    }

    @Test
    @Order(4)
    void filtersAndCursorsPageStably() throws Exception {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = list("limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            page.get("items").forEach(i -> seen.add(i.get("name").asText()));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asText();
        } while (cursor != null);
        assertThat(seen).containsExactly("stoutside0", "stoutside1", "stoutside2", "strm01", "strm02", "strm03");
        assertThat(names(list("team=payments"))).containsExactly("strm01", "strm02", "strm03");
        assertThat(names(list("q=RM0"))).containsExactly("strm01", "strm02", "strm03");
        assertThat(names(list("state=DRIFTED&team=payments"))).containsExactly("strm02");
        assertThat(names(list("subscriptionId=" + SUB + "&q=outside"))).hasSize(3);
        assertThat(names(list("q=%25"))).isEmpty();

        HttpResponse<String> bad = api.get("/api/v1/storage-accounts?state=GREEN&limit=0&cursor=zz", "viewer");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("state").contains("limit").contains("cursor");
    }

    @Test
    @Order(5)
    void viewersMayNotReadHistoryAuditorsMay() throws Exception {
        String history = "/api/v1/storage-accounts/" + ids.get("strm01") + "/history";
        assertThat(api.get(history, "viewer").statusCode()).isEqualTo(403);
        assertThat(api.get(history, "auditor").statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/storage-accounts", "portal").statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/admin/projections", "viewer").statusCode()).isEqualTo(403);
    }

    @Test
    @Order(6)
    void anOutageMakesEveryActiveAccountUnavailableAndItsEndRestoresThem() throws Exception {
        sandbox.kubernetes().setAvailable(false);
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        list("state=CONTROL_PLANE_UNAVAILABLE").get("items").size() == 3);
        assertThat(api.json("/api/v1/summary", "viewer").get("controlPlane").asText())
                .isEqualTo("UNAVAILABLE");
        JsonNode drifted = detail(ids.get("strm02"));
        assertThat(drifted.get("driftCount").asInt()).as("drift is still shown").isEqualTo(1);
        assertThat(list("state=CLOUD_ONLY").get("items").size())
                .as("unrequested accounts stay")
                .isEqualTo(3);
        sandbox.kubernetes().setAvailable(true);
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        list("state=CONTROL_PLANE_UNAVAILABLE").get("items").isEmpty());
        assertThat(names(list("state=IN_SYNC"))).containsExactly("strm01", "strm03");
        assertThat(names(list("state=DRIFTED"))).containsExactly("strm02");
    }

    @Test
    @Order(7)
    void aRebuildSwitchesToACopyEqualToTheLiveOne() throws Exception {
        List<JsonNode> before = all();
        HttpResponse<String> started = api.send("POST", "/api/v1/admin/projections/rebuild", "operator", null);
        assertThat(started.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(started.body()).get("status").asText()).isIn("REBUILDING", "LIVE");
        JsonNode done = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> api.json("/api/v1/admin/projections", "operator"),
                        s -> s.get("status").asText().equals("LIVE")
                                && !s.get("activeCopy").asText().equals("a"));
        assertThat(done.get("position").asLong()).isGreaterThan(0);
        List<JsonNode> after = all();
        assertThat(after).isEqualTo(before);
        for (String id : ids.values()) {
            JsonNode detail = detail(id);
            assertThat(detail.get("state").asText()).isIn("IN_SYNC", "DRIFTED");
        }
    }

    @Test
    @Order(8)
    void aDecommissionedAccountGoneFromAzureLeavesTheList() throws Exception {
        assertThat(api.send("DELETE", "/api/v1/storage-accounts/" + ids.get("strm03"), "portal", null)
                        .statusCode())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> !names(list("")).contains("strm03"));
        assertThat(detail(ids.get("strm03")).get("lifecycle").asText()).isIn("DECOMMISSIONING", "DECOMMISSIONED");
    }

    private static List<JsonNode> all() throws Exception {
        List<JsonNode> items = new ArrayList<>();
        list("limit=500").get("items").forEach(items::add);
        return items;
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("items").forEach(i -> names.add(i.get("name").asText()));
        return names;
    }

    private static JsonNode list(String query) throws Exception {
        return api.json("/api/v1/storage-accounts?" + query, "viewer");
    }

    private static JsonNode detail(String resourceId) throws Exception {
        HttpResponse<String> answer = api.get("/api/v1/storage-accounts/" + resourceId, "viewer");
        return answer.statusCode() == 200 ? JSON.readTree(answer.body()) : JSON.createObjectNode();
    }

    private static void sweep() throws Exception {
        HttpResponse<String> started = api.send("POST", "/api/v1/observation/sweeps", "operator", null);
        assertThat(started.statusCode()).isEqualTo(202);
        String sweepId = JSON.readTree(started.body()).get("sweepId").asText();
        await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> api.json("/api/v1/observation/sweeps/" + sweepId, "operator")
                                .path("status")
                                .asText(),
                        s -> !s.equals("RUNNING"));
    }

    private static String submit(String name) throws Exception {
        Map<String, Object> spec = SandboxClient.spec();
        spec.put("minimumTlsVersion", "TLS1_2");
        return api.submit("portal", SandboxClient.submission(UUID.randomUUID().toString(), SUB, name, spec));
    }
}
