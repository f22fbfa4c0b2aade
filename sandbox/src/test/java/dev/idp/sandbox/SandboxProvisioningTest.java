package dev.idp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idp.emulator.azure.Operation;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Submit → the MR with the right fields → the provider makes it Ready → the bindings recorded as events; and a request
 * accepted while the control plane is away is applied once when it returns (the emulator's log shows one create).
 */
class SandboxProvisioningTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void provisionsThroughCrossplaneAndRecordsTheBindings() throws Exception {
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        SandboxMain.Running sandbox = SandboxMain.start(
                new SandboxOptions(data, false, "127.0.0.1", 0, 0, 0, Duration.ofSeconds(2)), new String[0]);
        try (KubernetesClient kubernetes = sandbox.kubernetes().newClient()) {
            String base = "http://127.0.0.1:" + sandbox.apiPort();
            String resourceId = submit(base, "stprovision01");

            GenericKubernetesResource mr =
                    await().atMost(Duration.ofSeconds(30)).until(() -> mr(kubernetes, "stprovision01"), m -> m != null);
            Map<String, Object> forProvider = mr.get("spec", "forProvider");
            assertThat(forProvider)
                    .containsEntry("location", "westeurope")
                    .containsEntry("resourceGroupName", "rg-payments")
                    .containsEntry("accountReplicationType", "ZRS")
                    .containsEntry("minTlsVersion", "TLS1_2");
            assertThat(mr.getMetadata().getLabels()).containsEntry("idp.dev/resource-id", resourceId);

            List<String> types = await().atMost(Duration.ofSeconds(60))
                    .until(() -> types(base, resourceId), t -> t.contains("ProvisioningCompletedEvent"));
            assertThat(types)
                    .containsSubsequence(
                            "StorageAccountRequestedEvent",
                            "ManagedResourceAppliedEvent",
                            "CrossplaneStatusChangedEvent",
                            "ProvisioningCompletedEvent")
                    .contains("AzureBindingRecordedEvent");
            JsonNode binding = event(base, resourceId, "AzureBindingRecordedEvent");
            assertThat(binding.at("/payload/armId").asText())
                    .isEqualTo("/subscriptions/00000000-0000-0000-0000-0000000000a1/resourceGroups/rg-payments"
                            + "/providers/Microsoft.Storage/storageAccounts/stprovision01");
            assertThat(binding.at("/payload/subscriptionId").asText())
                    .isEqualTo("00000000-0000-0000-0000-0000000000a1");
            JsonNode applied = event(base, resourceId, "ManagedResourceAppliedEvent");
            assertThat(applied.at("/payload/binding/externalName").asText()).isEqualTo("stprovision01");
            assertThat(applied.at("/payload/binding/providerConfig").asText()).isEqualTo("default");

            // the desired-state document outside Kubernetes carries both bindings
            JsonNode document = await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> archived(resourceId),
                            d -> d != null
                                    && d.at("/azure/armId").isTextual()
                                    && d.at("/crossplane/externalName").isTextual());
            assertThat(document.at("/crossplane/providerConfig").asText()).isEqualTo("default");
            assertThat(document.at("/azure/resourceGroup").asText()).isEqualTo("rg-payments");

            // an outage during apply: accepted at once, applied once on return
            sandbox.kubernetes().setAvailable(false);
            String during = submit(base, "stoutage01");
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
            assertThat(types(base, during)).containsExactly("StorageAccountRequestedEvent");
            sandbox.kubernetes().setAvailable(true);
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> types(base, during), t -> t.contains("ProvisioningCompletedEvent"));
            List<Operation> creates = sandbox.azure().operations().stream()
                    .filter(o -> o.armId().endsWith("/stoutage01") && o.method().equals("PUT"))
                    .toList();
            assertThat(creates).hasSize(1);
        } finally {
            sandbox.stop();
        }
    }

    private String submit(String base, String name) throws Exception {
        String token = JSON.readTree(send(base + "/sandbox/token?roles=portal,auditor", "GET", null, null)
                        .body())
                .get("token")
                .asText();
        String body = JSON.writeValueAsString(Map.of(
                "requestId",
                UUID.randomUUID().toString(),
                "workflowType",
                "storage-account",
                "subscriptionId",
                "00000000-0000-0000-0000-0000000000a1",
                "resourceGroup",
                "rg-payments",
                "name",
                name,
                "owner",
                Map.of("team", "payments", "requestedBy", "alice@example.com"),
                "spec",
                Map.of(
                        "location", "westeurope",
                        "accountKind", "StorageV2",
                        "accountTier", "Standard",
                        "replicationType", "ZRS")));
        HttpResponse<String> accepted = send(base + "/api/v1/storage-accounts", "POST", body, token);
        assertThat(accepted.statusCode()).isEqualTo(202);
        return JSON.readTree(accepted.body()).get("resourceId").asText();
    }

    private List<String> types(String base, String resourceId) throws Exception {
        List<String> types = new ArrayList<>();
        history(base, resourceId).forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    private JsonNode event(String base, String resourceId, String type) throws Exception {
        for (JsonNode e : history(base, resourceId)) {
            if (e.get("type").asText().equals(type)) {
                return e;
            }
        }
        throw new AssertionError("no " + type);
    }

    private JsonNode history(String base, String resourceId) throws Exception {
        String token = JSON.readTree(send(base + "/sandbox/token?roles=auditor", "GET", null, null)
                        .body())
                .get("token")
                .asText();
        return JSON.readTree(send(base + "/api/v1/storage-accounts/" + resourceId + "/history", "GET", null, token)
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

    private JsonNode archived(String resourceId) throws Exception {
        try (var files = Files.walk(data.resolve("desired-state"))) {
            Path file = files.filter(f -> f.getFileName().toString().equals(resourceId + ".json"))
                    .findFirst()
                    .orElse(null);
            return file == null ? null : JSON.readTree(file.toFile());
        }
    }

    private static GenericKubernetesResource mr(KubernetesClient kubernetes, String name) {
        return kubernetes
                .genericKubernetesResources("storage.azure.upbound.io/v1beta2", "Account")
                .withName(name)
                .get();
    }
}
