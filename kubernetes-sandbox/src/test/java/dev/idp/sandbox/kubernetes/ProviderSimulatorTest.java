package dev.idp.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.idp.emulator.azure.AzureEmulator;
import dev.idp.emulator.azure.Operation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator against the sandbox's Kubernetes API and the real Azure emulator, over HTTP both ways. */
class ProviderSimulatorTest {

    static final String SUB = "00000000-0000-0000-0000-0000000000a1";
    static final String PROVIDER = "provider-azure-storage";

    @TempDir
    Path certificates;

    AzureEmulator azure;
    KubernetesSandbox api;
    KubernetesClient client;
    ProviderSimulator provider;
    ArmClient alice;

    static String token(String oid) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"oid\":\"" + oid + "\"}").getBytes(StandardCharsets.UTF_8)) + ".x";
    }

    @BeforeEach
    void start() {
        azure = AzureEmulator.start(AzureEmulator.Options.defaults(certificates));
        api = KubernetesSandbox.start("127.0.0.1", 0);
        client = api.newClient();
        provider = new ProviderSimulator(
                        api.newClient(), azure.baseUrl(), azure.certificate(), token(PROVIDER), Duration.ofMillis(300))
                .start();
        alice = new ArmClient(azure.baseUrl(), azure.certificate(), token("alice"));
    }

    @AfterEach
    void stop() {
        provider.close();
        client.close();
        api.close();
        azure.close();
    }

    static GenericKubernetesResource account(String name, List<String> policies, String deletionPolicy) {
        Map<String, Object> spec = new HashMap<>();
        spec.put(
                "forProvider",
                Map.of(
                        "location", "westeurope",
                        "resourceGroupName", "rg-sim",
                        "accountKind", "StorageV2",
                        "accountTier", "Standard",
                        "accountReplicationType", "ZRS",
                        "minTlsVersion", "TLS1_2",
                        "publicNetworkAccessEnabled", false,
                        "tags", Map.of("idp-managed-by", "idp-storage-accounts")));
        spec.put("providerConfigRef", Map.of("name", "default"));
        spec.put("managementPolicies", policies);
        spec.put("deletionPolicy", deletionPolicy);
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(KubernetesSandbox.ACCOUNT_API_VERSION)
                .withKind("Account")
                .withNewMetadata()
                .withName(name)
                .withAnnotations(Map.of(ProviderSimulator.EXTERNAL_NAME, name))
                .endMetadata()
                .withAdditionalProperties(Map.of("spec", spec))
                .build();
    }

    GenericKubernetesResource mr(String name) {
        return client.genericKubernetesResources(KubernetesSandbox.ACCOUNT_API_VERSION, "Account")
                .withName(name)
                .get();
    }

    String condition(String name, String type) {
        GenericKubernetesResource mr = mr(name);
        List<Map<String, Object>> conditions = mr == null ? null : mr.get("status", "conditions");
        if (conditions == null) {
            return null;
        }
        return conditions.stream()
                .filter(c -> type.equals(c.get("type")))
                .map(c -> c.get("status") + "/" + c.get("reason"))
                .findFirst()
                .orElse(null);
    }

    List<Operation> writesBy(String principal) {
        return azure.operations().stream()
                .filter(o -> o.principal().equals(principal))
                .toList();
    }

    @Test
    void createsTheAccountOnceAndReportsReadyWithItsArmId() {
        client.resource(account("stsimcreate", List.of("*"), "Delete")).create();

        await().atMost(Duration.ofSeconds(15)).until(() -> "True/Available".equals(condition("stsimcreate", "Ready")));
        assertThat(condition("stsimcreate", "Synced")).isEqualTo("True/ReconcileSuccess");
        assertThat(mr("stsimcreate").<String>get("status", "atProvider", "id"))
                .isEqualTo("/subscriptions/" + SUB
                        + "/resourceGroups/rg-sim/providers/Microsoft.Storage/storageAccounts/stsimcreate");
        assertThat(mr("stsimcreate").getMetadata().getFinalizers()).contains(ProviderSimulator.FINALIZER);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(writesBy(PROVIDER)).extracting(Operation::method).containsExactly("PUT");
    }

    @Test
    void correctsDriftWhenUpdatesAreAllowed() {
        client.resource(account("stsimdrift", List.of("*"), "Delete")).create();
        await().atMost(Duration.ofSeconds(15)).until(() -> "True/Available".equals(condition("stsimdrift", "Ready")));

        alice.patch(
                SUB,
                "rg-sim",
                "stsimdrift",
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .createObjectNode()
                        .set(
                                "properties",
                                new com.fasterxml.jackson.databind.ObjectMapper()
                                        .createObjectNode()
                                        .put("minimumTlsVersion", "TLS1_0")));

        await().atMost(Duration.ofSeconds(15)).until(() -> "TLS1_2"
                .equals(alice.get(SUB, "rg-sim", "stsimdrift")
                        .orElseThrow()
                        .at("/properties/minimumTlsVersion")
                        .asText()));
        assertThat(writesBy(PROVIDER)).extracting(Operation::method).containsExactly("PUT", "PATCH");
    }

    @Test
    void leavesDriftAloneWithoutTheUpdatePolicy() throws Exception {
        client.resource(account("stsimnoupd", List.of("Observe", "Create", "Delete", "LateInitialize"), "Delete"))
                .create();
        await().atMost(Duration.ofSeconds(15)).until(() -> "True/Available".equals(condition("stsimnoupd", "Ready")));
        alice.patch(
                SUB,
                "rg-sim",
                "stsimnoupd",
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .createObjectNode()
                        .set(
                                "properties",
                                new com.fasterxml.jackson.databind.ObjectMapper()
                                        .createObjectNode()
                                        .put("minimumTlsVersion", "TLS1_0")));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> "TLS1_0".equals(mr("stsimnoupd").<String>get("status", "atProvider", "minTlsVersion")));
        assertThat(alice.get(SUB, "rg-sim", "stsimnoupd")
                        .orElseThrow()
                        .at("/properties/minimumTlsVersion")
                        .asText())
                .isEqualTo("TLS1_0");
        assertThat(writesBy(PROVIDER)).extracting(Operation::method).containsExactly("PUT");
    }

    @Test
    void observeOnlyNeverWrites() {
        azure.seed(SUB, "rg-sim", 1, "stobserved", Map.of());
        client.resource(account("stobserved0", List.of("Observe"), "Delete")).create();
        client.resource(account("stmissing", List.of("Observe"), "Delete")).create();

        await().atMost(Duration.ofSeconds(15)).until(() -> "True/Available".equals(condition("stobserved0", "Ready")));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> "False/ReconcileError".equals(condition("stmissing", "Synced")));
        client.genericKubernetesResources(KubernetesSandbox.ACCOUNT_API_VERSION, "Account")
                .withName("stobserved0")
                .delete();
        await().atMost(Duration.ofSeconds(10)).until(() -> mr("stobserved0") == null);
        assertThat(writesBy(PROVIDER)).isEmpty();
        assertThat(alice.get(SUB, "rg-sim", "stobserved0")).isPresent();
    }

    @Test
    void doesNothingWhilePaused() {
        GenericKubernetesResource paused = account("stpaused", List.of("*"), "Delete");
        paused.getMetadata().getAnnotations().put(ProviderSimulator.PAUSED, "true");
        client.resource(paused).create();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> "False/ReconcilePaused".equals(condition("stpaused", "Synced")));
        assertThat(writesBy(PROVIDER)).isEmpty();
    }

    @Test
    void honoursTheDeletionPolicy() {
        client.resource(account("storphan", List.of("*"), "Orphan")).create();
        client.resource(account("stdelete", List.of("*"), "Delete")).create();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> "True/Available".equals(condition("storphan", "Ready"))
                        && "True/Available".equals(condition("stdelete", "Ready")));

        for (String name : List.of("storphan", "stdelete")) {
            client.genericKubernetesResources(KubernetesSandbox.ACCOUNT_API_VERSION, "Account")
                    .withName(name)
                    .delete();
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> mr("storphan") == null && mr("stdelete") == null);
        assertThat(alice.get(SUB, "rg-sim", "storphan")).isPresent();
        assertThat(alice.get(SUB, "rg-sim", "stdelete")).isEmpty();
    }

    @Test
    void reportsANameTakenElsewhereAsSyncedFalse() {
        azure.seed("00000000-0000-0000-0000-0000000000b2", "rg-other", 1, "sttaken", Map.of());
        client.resource(account("sttaken0", List.of("*"), "Delete")).create();

        await().atMost(Duration.ofSeconds(15))
                .until(() -> "False/ReconcileError".equals(condition("sttaken0", "Synced")));
        List<Map<String, Object>> conditions = mr("sttaken0").get("status", "conditions");
        assertThat(conditions)
                .anySatisfy(c -> assertThat((String) c.get("message")).contains("StorageAccountAlreadyTaken"));
    }

    @Test
    void theWipeLeavesAzureUntouched() {
        client.resource(account("stwiped", List.of("*"), "Delete")).create();
        await().atMost(Duration.ofSeconds(15)).until(() -> "True/Available".equals(condition("stwiped", "Ready")));

        assertThat(api.wipeManagedResources()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(5)).until(() -> mr("stwiped") == null);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(alice.get(SUB, "rg-sim", "stwiped")).isPresent();
        assertThat(writesBy(PROVIDER)).extracting(Operation::method).containsExactly("PUT");
    }
}
