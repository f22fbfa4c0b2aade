package dev.idp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idp.emulator.azure.Faults;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rest of a request's life through Crossplane in the sandbox: a spec change patched into the MR and completed
 * when Ready for it, a decommission that deletes the MR and, through the provider, the Azure account; the control
 * plane's health following an outage; and a service restart between "applied" and "Ready" that the saga survives.
 */
class SandboxLifecycleTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SUB = "00000000-0000-0000-0000-0000000000a1";

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();
    private SandboxMain.Running sandbox;
    private KubernetesClient kubernetes;

    @BeforeEach
    void start() throws Exception {
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        sandbox = SandboxMain.start(
                new SandboxOptions(data, false, "127.0.0.1", 0, 0, 0, Duration.ofSeconds(2)), new String[0]);
        kubernetes = sandbox.kubernetes().newClient();
    }

    @AfterEach
    void stop() {
        kubernetes.close();
        sandbox.stop();
    }

    String base() {
        return "http://127.0.0.1:" + sandbox.apiPort();
    }

    @Test
    void changesAndDecommissionsThroughCrossplaneAndReportsTheControlPlane() throws Exception {
        String resourceId = submit("stlifecycle01");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> types(resourceId), t -> t.contains("ProvisioningCompletedEvent"));

        // a change patches forProvider, keeps the ownership tags, and completes when Ready for the new generation
        Map<String, Object> spec = spec();
        spec.put("tags", Map.of("cost-center", "cc-9"));
        HttpResponse<String> changed = send(
                base() + "/api/v1/storage-accounts/" + resourceId + "/spec",
                "PUT",
                JSON.writeValueAsString(Map.of("spec", spec)),
                token("portal"));
        assertThat(changed.statusCode()).isEqualTo(202);
        String change = JSON.readTree(changed.body()).get("requestId").asText();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> types(resourceId), t -> t.contains("SpecChangeCompletedEvent"));
        Map<String, Object> tags = mr("stlifecycle01").get("spec", "forProvider", "tags");
        assertThat(tags).containsEntry("cost-center", "cc-9").containsEntry("idp-resource-id", resourceId);
        JsonNode completed = event(resourceId, "SpecChangeCompletedEvent");
        assertThat(completed.at("/payload/requestId").asText()).isEqualTo(change);
        assertThat(sandbox.azure().operations())
                .as("the provider carried the change to Azure")
                .anyMatch(
                        o -> o.armId().endsWith("/stlifecycle01") && o.method().equals("PATCH"));

        // the control plane's health follows an outage, as events and on the health endpoint
        assertThat(await().atMost(Duration.ofSeconds(30))
                        .until(() -> health().at("/controlPlane/status").asText(), "AVAILABLE"::equals))
                .isEqualTo("AVAILABLE");
        sandbox.kubernetes().setAvailable(false);
        JsonNode down = await().atMost(Duration.ofSeconds(30))
                .until(this::health, h -> h.at("/controlPlane/status").asText().equals("UNAVAILABLE"));
        assertThat(down.at("/controlPlane/detail").asText()).contains("Kubernetes API");
        assertThat(down.at("/controlPlane/since").isNull()).isFalse();
        assertThat(down.at("/controlPlane/lastCheckedAt").isNull()).isFalse();
        sandbox.kubernetes().setAvailable(true);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> health().at("/controlPlane/status").asText(), "AVAILABLE"::equals);

        // a decommission deletes the MR, the provider deletes the account, and the request ends with an event
        HttpResponse<String> deleted =
                send(base() + "/api/v1/storage-accounts/" + resourceId, "DELETE", null, token("portal"));
        assertThat(deleted.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> types(resourceId), t -> t.contains("DecommissionCompletedEvent"));
        assertThat(types(resourceId))
                .containsSubsequence(
                        "StorageAccountDecommissionRequestedEvent",
                        "ManagedResourceDeletedEvent",
                        "DecommissionCompletedEvent");
        assertThat(mr("stlifecycle01")).isNull();
        assertThat(sandbox.azure().operations())
                .anyMatch(
                        o -> o.armId().endsWith("/stlifecycle01") && o.method().equals("DELETE"));
    }

    @Test
    void aRestartBetweenAppliedAndReadyResumesTheSaga() throws Exception {
        sandbox.azure().setFaults(new Faults(0, 0, 1.0, 0)); // every ARM call fails: the MR cannot become Ready
        String resourceId = submit("strestart01");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> types(resourceId), t -> t.contains("ManagedResourceAppliedEvent"));
        assertThat(types(resourceId)).doesNotContain("ProvisioningCompletedEvent");
        assertThat(sagas("ProvisioningSaga")).isEqualTo(1);

        sandbox.restartService();
        sandbox.azure().setFaults(Faults.NONE);

        await().atMost(Duration.ofSeconds(90))
                .until(() -> types(resourceId), t -> t.contains("ProvisioningCompletedEvent"));
        await().atMost(Duration.ofSeconds(30)).until(() -> sagas("ProvisioningSaga"), n -> n == 0);
        assertThat(types(resourceId).stream().filter("ManagedResourceAppliedEvent"::equals))
                .hasSize(1);
        assertThat(sandbox.azure().operations().stream()
                        .filter(o ->
                                o.armId().endsWith("/strestart01") && o.method().equals("PUT")))
                .hasSize(1);
    }

    private long sagas(String type) {
        JdbcTemplate jdbc = sandbox.context().getBean(JdbcTemplate.class);
        return jdbc.queryForObject("SELECT count(*) FROM saga_entry WHERE saga_type LIKE ?", Long.class, "%" + type);
    }

    private JsonNode health() throws Exception {
        return JSON.readTree(send(base() + "/api/v1/platform/health", "GET", null, token("viewer"))
                .body());
    }

    static Map<String, Object> spec() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("location", "westeurope");
        spec.put("accountKind", "StorageV2");
        spec.put("accountTier", "Standard");
        spec.put("replicationType", "ZRS");
        return spec;
    }

    private String submit(String name) throws Exception {
        String body = JSON.writeValueAsString(Map.of(
                "requestId",
                UUID.randomUUID().toString(),
                "workflowType",
                "storage-account",
                "subscriptionId",
                SUB,
                "resourceGroup",
                "rg-payments",
                "name",
                name,
                "owner",
                Map.of("team", "payments", "requestedBy", "alice@example.com"),
                "spec",
                spec()));
        HttpResponse<String> accepted = send(base() + "/api/v1/storage-accounts", "POST", body, token("portal"));
        assertThat(accepted.statusCode()).isEqualTo(202);
        return JSON.readTree(accepted.body()).get("resourceId").asText();
    }

    private String token(String roles) throws Exception {
        return JSON.readTree(send(base() + "/sandbox/token?roles=" + roles, "GET", null, null)
                        .body())
                .get("token")
                .asText();
    }

    private List<String> types(String resourceId) throws Exception {
        List<String> types = new ArrayList<>();
        history(resourceId).forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    private JsonNode event(String resourceId, String type) throws Exception {
        for (JsonNode e : history(resourceId)) {
            if (e.get("type").asText().equals(type)) {
                return e;
            }
        }
        throw new AssertionError("no " + type);
    }

    private JsonNode history(String resourceId) throws Exception {
        return JSON.readTree(send(
                                base() + "/api/v1/storage-accounts/" + resourceId + "/history",
                                "GET",
                                null,
                                token("auditor"))
                        .body())
                .get("events");
    }

    private HttpResponse<String> send(String url, String method, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private GenericKubernetesResource mr(String name) {
        return kubernetes
                .genericKubernetesResources("storage.azure.upbound.io/v1beta2", "Account")
                .withName(name)
                .get();
    }
}
