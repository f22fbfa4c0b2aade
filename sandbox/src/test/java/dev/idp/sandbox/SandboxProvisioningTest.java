package dev.idp.sandbox;

import static dev.idp.sandbox.SandboxClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idp.emulator.azure.Operation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    @TempDir
    Path data;

    @Test
    void provisionsThroughCrossplaneAndRecordsTheBindings() throws Exception {
        SandboxTesting.openToPostgres(data);
        SandboxMain.Running sandbox = SandboxMain.start(
                new SandboxOptions(data, false, "127.0.0.1", 0, 0, 0, Duration.ofSeconds(2)), new String[0]);
        try (KubernetesClient kubernetes = sandbox.kubernetes().newClient()) {
            SandboxClient api = new SandboxClient(sandbox.apiPort());
            String resourceId = submit(api, "stprovision01");

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
                    .until(() -> api.types(resourceId), t -> t.contains("ProvisioningCompletedEvent"));
            assertThat(types)
                    .containsSubsequence(
                            "StorageAccountRequestedEvent",
                            "ManagedResourceAppliedEvent",
                            "CrossplaneStatusChangedEvent",
                            "ProvisioningCompletedEvent")
                    .contains("AzureBindingRecordedEvent");
            JsonNode binding = api.event(resourceId, "AzureBindingRecordedEvent");
            assertThat(binding.at("/payload/armId").asText())
                    .isEqualTo("/subscriptions/00000000-0000-0000-0000-0000000000a1/resourceGroups/rg-payments"
                            + "/providers/Microsoft.Storage/storageAccounts/stprovision01");
            assertThat(binding.at("/payload/subscriptionId").asText())
                    .isEqualTo("00000000-0000-0000-0000-0000000000a1");
            JsonNode applied = api.event(resourceId, "ManagedResourceAppliedEvent");
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
            String during = submit(api, "stoutage01");
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
            assertThat(api.types(during)).containsExactly("StorageAccountRequestedEvent");
            sandbox.kubernetes().setAvailable(true);
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> api.types(during), t -> t.contains("ProvisioningCompletedEvent"));
            List<Operation> creates = sandbox.azure().operations().stream()
                    .filter(o -> o.armId().endsWith("/stoutage01") && o.method().equals("PUT"))
                    .toList();
            assertThat(creates).hasSize(1);
        } finally {
            sandbox.stop();
        }
    }

    private static String submit(SandboxClient api, String name) throws Exception {
        return api.submit(
                "portal,auditor",
                SandboxClient.submission(
                        UUID.randomUUID().toString(), SandboxClient.SUBSCRIPTION, name, SandboxClient.spec()));
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
