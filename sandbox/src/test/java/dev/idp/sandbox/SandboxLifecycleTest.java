package dev.idp.sandbox;

import static dev.idp.sandbox.SandboxClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idp.emulator.azure.Faults;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
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

    @TempDir
    Path data;

    private SandboxMain.Running sandbox;
    private SandboxClient api;
    private KubernetesClient kubernetes;

    @BeforeEach
    void start() throws Exception {
        SandboxTesting.openToPostgres(data);
        sandbox = SandboxMain.start(
                new SandboxOptions(data, false, "127.0.0.1", 0, 0, 0, Duration.ofSeconds(2)), new String[0]);
        kubernetes = sandbox.kubernetes().newClient();
        api = new SandboxClient(sandbox.apiPort());
    }

    @AfterEach
    void stop() {
        kubernetes.close();
        sandbox.stop();
    }

    @Test
    void changesAndDecommissionsThroughCrossplaneAndReportsTheControlPlane() throws Exception {
        String resourceId = submit("stlifecycle01");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> api.types(resourceId), t -> t.contains("ProvisioningCompletedEvent"));

        // a change patches forProvider, keeps the ownership tags, and completes when Ready for the new generation
        Map<String, Object> spec = SandboxClient.spec();
        spec.put("tags", Map.of("cost-center", "cc-9"));
        HttpResponse<String> changed = api.send(
                "PUT",
                "/api/v1/storage-accounts/" + resourceId + "/spec",
                "portal",
                JSON.writeValueAsString(Map.of("spec", spec)));
        assertThat(changed.statusCode()).isEqualTo(202);
        String change = JSON.readTree(changed.body()).get("requestId").asText();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> api.types(resourceId), t -> t.contains("SpecChangeCompletedEvent"));
        Map<String, Object> tags = mr("stlifecycle01").get("spec", "forProvider", "tags");
        assertThat(tags).containsEntry("cost-center", "cc-9").containsEntry("idp-resource-id", resourceId);
        JsonNode completed = api.event(resourceId, "SpecChangeCompletedEvent");
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
        HttpResponse<String> deleted = api.send("DELETE", "/api/v1/storage-accounts/" + resourceId, "portal", null);
        assertThat(deleted.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> api.types(resourceId), t -> t.contains("DecommissionCompletedEvent"));
        assertThat(api.types(resourceId))
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
                .until(() -> api.types(resourceId), t -> t.contains("ManagedResourceAppliedEvent"));
        assertThat(api.types(resourceId)).doesNotContain("ProvisioningCompletedEvent");
        assertThat(sagas("ProvisioningSaga")).isEqualTo(1);

        sandbox.restartService();
        api = new SandboxClient(sandbox.apiPort()); // the restarted service binds a new port
        sandbox.azure().setFaults(Faults.NONE);

        await().atMost(Duration.ofSeconds(90))
                .until(() -> api.types(resourceId), t -> t.contains("ProvisioningCompletedEvent"));
        await().atMost(Duration.ofSeconds(30)).until(() -> sagas("ProvisioningSaga"), n -> n == 0);
        assertThat(api.types(resourceId).stream().filter("ManagedResourceAppliedEvent"::equals))
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
        return JSON.readTree(api.get("/api/v1/platform/health", "viewer").body());
    }

    private String submit(String name) throws Exception {
        return api.submit(
                "portal",
                SandboxClient.submission(
                        UUID.randomUUID().toString(), SandboxClient.SUBSCRIPTION, name, SandboxClient.spec()));
    }

    private GenericKubernetesResource mr(String name) {
        return kubernetes
                .genericKubernetesResources("storage.azure.upbound.io/v1beta2", "Account")
                .withName(name)
                .get();
    }
}
