package dev.idp.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KubernetesSandboxTest {

    KubernetesSandbox api;
    KubernetesClient client;

    @BeforeEach
    void start() {
        api = KubernetesSandbox.start("127.0.0.1", 0);
        client = api.newClient();
    }

    @AfterEach
    void stop() {
        client.close();
        api.close();
    }

    static GenericKubernetesResource account(String name) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(KubernetesSandbox.ACCOUNT_API_VERSION)
                .withKind("Account")
                .withNewMetadata()
                .withName(name)
                .withAnnotations(Map.of("crossplane.io/external-name", name))
                .endMetadata()
                .withAdditionalProperties(Map.of(
                        "spec",
                        Map.of(
                                "forProvider",
                                Map.of(
                                        "location", "westeurope",
                                        "resourceGroupName", "rg",
                                        "accountTier", "Standard",
                                        "accountReplicationType", "ZRS"),
                                "providerConfigRef",
                                Map.of("name", "default"))))
                .build();
    }

    @Test
    void servesTheRealCrdsCopiedUnmodified() throws Exception {
        for (String crd : KubernetesSandbox.CRDS) {
            Path fixture = Files.list(Path.of("../../shared/fixtures"))
                    .map(dir -> dir.resolve(Path.of(crd).getFileName()))
                    .filter(Files::exists)
                    .findFirst()
                    .orElseThrow();
            assertThat(getClass().getClassLoader().getResourceAsStream(crd).readAllBytes())
                    .isEqualTo(Files.readAllBytes(fixture));
        }
        assertThat(client.apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .list()
                        .getItems())
                .extracting(c -> c.getMetadata().getName())
                .contains(
                        "accounts.storage.azure.upbound.io",
                        "providerconfigs.azure.upbound.io",
                        "providers.pkg.crossplane.io");
        GenericKubernetesResource provider = client.genericKubernetesResources("pkg.crossplane.io/v1", "Provider")
                .withName(KubernetesSandbox.PROVIDER_NAME)
                .get();
        assertThat(provider.<List<Map<String, Object>>>get("status", "conditions"))
                .anySatisfy(c -> assertThat(c).containsEntry("type", "Healthy").containsEntry("status", "True"));
    }

    @Test
    void storesAccountsAndServesWatches() {
        List<String> seen = new CopyOnWriteArrayList<>();
        SharedIndexInformer<GenericKubernetesResource> informer = client.genericKubernetesResources(
                        KubernetesSandbox.ACCOUNT_API_VERSION, "Account")
                .inform(new ResourceEventHandler<>() {
                    public void onAdd(GenericKubernetesResource r) {
                        seen.add("ADD " + r.getMetadata().getName());
                    }

                    public void onUpdate(GenericKubernetesResource o, GenericKubernetesResource n) {
                        seen.add("UPDATE " + n.getMetadata().getName());
                    }

                    public void onDelete(GenericKubernetesResource r, boolean unknown) {
                        seen.add("DELETE " + r.getMetadata().getName());
                    }
                });
        try {
            client.resource(account("stwatch")).create();
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("ADD stwatch"));
            client.genericKubernetesResources(KubernetesSandbox.ACCOUNT_API_VERSION, "Account")
                    .withName("stwatch")
                    .delete();
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("DELETE stwatch"));
        } finally {
            informer.close();
        }
    }

    @Test
    void anOutageRefusesConnectionsAndTheApiComesBackWithItsObjects() {
        client.resource(account("stkept")).create();

        api.setAvailable(false);
        assertThatThrownBy(() -> new Socket("127.0.0.1", api.port()).close()).isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> client.genericKubernetesResources(KubernetesSandbox.ACCOUNT_API_VERSION, "Account")
                        .list())
                .isInstanceOf(KubernetesClientException.class);

        api.setAvailable(true);
        assertThat(client.genericKubernetesResources(KubernetesSandbox.ACCOUNT_API_VERSION, "Account")
                        .withName("stkept")
                        .get())
                .isNotNull();
    }

    @Test
    void anInformerCarriesOnAfterAnOutage() {
        List<String> added = new CopyOnWriteArrayList<>();
        SharedIndexInformer<GenericKubernetesResource> informer = client.genericKubernetesResources(
                        KubernetesSandbox.ACCOUNT_API_VERSION, "Account")
                .inform(new ResourceEventHandler<>() {
                    public void onAdd(GenericKubernetesResource r) {
                        added.add(r.getMetadata().getName());
                    }

                    public void onUpdate(GenericKubernetesResource o, GenericKubernetesResource n) {}

                    public void onDelete(GenericKubernetesResource r, boolean unknown) {}
                });
        try {
            api.setAvailable(false);
            api.setAvailable(true);
            try (KubernetesClient other = api.newClient()) {
                other.resource(account("stafter")).create();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> added.contains("stafter"));
        } finally {
            informer.close();
        }
    }

    @Test
    void theWipeRemovesManagedResourcesWithoutRunningFinalizers() {
        GenericKubernetesResource guarded = account("stguarded");
        guarded.getMetadata().setFinalizers(List.of("finalizer.managedresource.crossplane.io"));
        client.resource(guarded).create();
        client.resource(account("stplain")).create();

        assertThat(api.wipeManagedResources()).isEqualTo(2);

        await().atMost(Duration.ofSeconds(5))
                .until(() -> client.genericKubernetesResources(KubernetesSandbox.ACCOUNT_API_VERSION, "Account")
                        .list()
                        .getItems()
                        .isEmpty());
        assertThat(client.genericKubernetesResources("azure.upbound.io/v1beta1", "ProviderConfig")
                        .withName("default")
                        .get())
                .as("a wipe takes managed resources only")
                .isNotNull();
    }
}
