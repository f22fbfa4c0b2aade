package dev.idp.sandbox.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's Kubernetes API: fabric8's mock API server in CRUD mode (objects stored, watches served) with the real
 * Crossplane CRDs installed, a {@code default} ProviderConfig and a healthy {@code provider-azure-storage} Provider,
 * behind a {@link ConnectionGate} that takes it away and brings it back.
 */
public final class KubernetesSandbox implements AutoCloseable {

    public static final String ACCOUNT_API_VERSION = "storage.azure.upbound.io/v1beta2";
    public static final String ACCOUNT_KIND = "Account";
    public static final String PROVIDER_NAME = "provider-azure-storage";
    static final List<String> CRDS = List.of(
            "crds/storage.azure.upbound.io_accounts.yaml",
            "crds/azure.upbound.io_providerconfigs.yaml",
            "crds/pkg.crossplane.io_providers.yaml");

    private final KubernetesMockServer server;
    private final ConnectionGate gate;
    private final KubernetesClient admin;

    private KubernetesSandbox(String address, int port) throws IOException {
        server = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        gate = new ConnectionGate(InetAddress.getByName(address), port, server.getPort());
        admin = client(server.url("/").replaceAll("/$", ""));
        install();
    }

    /** Starts the API on {@code address:port} (0 picks a free port). */
    public static KubernetesSandbox start(String address, int port) {
        try {
            return new KubernetesSandbox(address, port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Unknown address " + address, e);
        } catch (IOException e) {
            throw new IllegalStateException("The Kubernetes API cannot start: " + e.getMessage(), e);
        }
    }

    /** {@code http://127.0.0.1:8282}: what a client sets as its master URL. */
    public String url() {
        return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + gate.port();
    }

    public int port() {
        return gate.port();
    }

    /** A client through the public port, as the service and the provider use it. */
    public KubernetesClient newClient() {
        return client(url());
    }

    /**
     * A free port for the API on this address, outside the range the OS hands out for outgoing connections: a client
     * connecting to a closed port in that range can, rarely, connect to itself (TCP simultaneous open), so an outage
     * would look like a working API.
     */
    public static int freePort(String address) {
        try {
            return ConnectionGate.freePortOutsideTheEphemeralRange(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown address " + address, e);
        }
    }

    /** Takes the API away (connections refused, watches cut) or brings it back on the same port with its objects. */
    public void setAvailable(boolean available) {
        if (available) {
            gate.open();
        } else {
            gate.shut();
        }
    }

    public boolean isAvailable() {
        return gate.isOpen();
    }

    /**
     * A lost cluster whose restore came back incomplete: every managed resource ({@code Account}, any served version)
     * is gone, without finalizers running (nothing reaches Azure). Returns how many were removed.
     */
    public int wipeManagedResources() {
        List<GenericKubernetesResource> accounts = admin.genericKubernetesResources(ACCOUNT_API_VERSION, ACCOUNT_KIND)
                .list()
                .getItems();
        for (GenericKubernetesResource account : accounts) {
            var resource = admin.genericKubernetesResources(ACCOUNT_API_VERSION, ACCOUNT_KIND)
                    .withName(account.getMetadata().getName());
            if (account.getMetadata().getFinalizers() != null
                    && !account.getMetadata().getFinalizers().isEmpty()) {
                resource.edit(a -> {
                    a.getMetadata().setFinalizers(List.of());
                    return a;
                });
            }
            resource.withGracePeriod(0).delete();
        }
        return accounts.size();
    }

    @Override
    public void close() {
        gate.close();
        admin.close();
        server.destroy();
    }

    private void install() throws IOException {
        for (String crd : CRDS) {
            try (InputStream in = KubernetesSandbox.class.getClassLoader().getResourceAsStream(crd)) {
                if (in == null) {
                    throw new IOException("missing " + crd);
                }
                admin.apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .resource(Serialization.unmarshal(in, CustomResourceDefinition.class))
                        .create();
            }
        }
        admin.resource(new GenericKubernetesResourceBuilder()
                        .withApiVersion("azure.upbound.io/v1beta1")
                        .withKind("ProviderConfig")
                        .withNewMetadata()
                        .withName("default")
                        .endMetadata()
                        .withAdditionalProperties(Map.of(
                                "spec",
                                Map.of(
                                        "credentials", Map.of("source", "OIDCTokenFile"),
                                        "subscriptionID", "00000000-0000-0000-0000-0000000000a1",
                                        "tenantID", "00000000-0000-0000-0000-00000000e4a1")))
                        .build())
                .create();
        GenericKubernetesResource provider = admin.resource(new GenericKubernetesResourceBuilder()
                        .withApiVersion("pkg.crossplane.io/v1")
                        .withKind("Provider")
                        .withNewMetadata()
                        .withName(PROVIDER_NAME)
                        .endMetadata()
                        .withAdditionalProperties(Map.of(
                                "spec", Map.of("package", "xpkg.upbound.io/upbound/provider-azure-storage:v1.11.0")))
                        .build())
                .create();
        String now = Instant.now().toString();
        provider.setAdditionalProperty(
                "status",
                Map.of(
                        "conditions",
                        List.of(
                                Map.of(
                                        "type",
                                        "Installed",
                                        "status",
                                        "True",
                                        "reason",
                                        "ActivePackageRevision",
                                        "lastTransitionTime",
                                        now),
                                Map.of(
                                        "type",
                                        "Healthy",
                                        "status",
                                        "True",
                                        "reason",
                                        "HealthyPackageRevision",
                                        "lastTransitionTime",
                                        now))));
        admin.resource(provider).updateStatus();
    }

    private static KubernetesClient client(String url) {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(url)
                .withRequestTimeout(10_000)
                .withConnectionTimeout(3_000)
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
