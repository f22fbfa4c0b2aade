package dev.idp.sandbox.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Behaves like the Azure provider ({@code provider-azure-storage}) does for {@code Account} managed resources: it
 * watches them and reconciles at once on every change, re-observes every account on a poll (10 minutes by default, the
 * real provider's interval), creates, corrects and deletes through ARM as its own principal, and reports back in
 * {@code status.atProvider} and the {@code Synced} and {@code Ready} conditions. It honours management policies
 * ({@code Observe} never writes; without {@code Update} drift stays), {@code crossplane.io/paused},
 * {@code crossplane.io/external-name} and {@code deletionPolicy}.
 */
public final class ProviderSimulator implements AutoCloseable {

    static final String FINALIZER = "finalizer.managedresource.crossplane.io";
    static final String EXTERNAL_NAME = "crossplane.io/external-name";
    static final String PAUSED = "crossplane.io/paused";
    private static final Logger log = LoggerFactory.getLogger(ProviderSimulator.class);

    private final KubernetesClient kubernetes;
    private final ArmClient arm;
    private final Duration poll;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "provider-simulator");
        t.setDaemon(true);
        return t;
    });
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private volatile SharedIndexInformer<GenericKubernetesResource> informer;

    /**
     * @param kubernetes a client of the cluster's API
     * @param armEndpoint ARM's base URL (the emulator's)
     * @param trustCertificate the certificate to trust for it, or null for the JDK's roots
     * @param token the provider's own bearer token
     * @param poll how often every account is observed again
     */
    public ProviderSimulator(
            KubernetesClient kubernetes, String armEndpoint, Path trustCertificate, String token, Duration poll) {
        this.kubernetes = kubernetes;
        this.arm = new ArmClient(armEndpoint, trustCertificate, token);
        this.poll = poll;
    }

    /** Starts watching (retrying while the API is away) and polling. */
    public ProviderSimulator start() {
        worker.execute(this::watch);
        worker.scheduleWithFixedDelay(this::pollAll, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public void close() {
        worker.shutdownNow();
        SharedIndexInformer<GenericKubernetesResource> current = informer;
        if (current != null) {
            current.close();
        }
    }

    private void watch() {
        try {
            informer = accounts().inform(new ResourceEventHandler<>() {
                public void onAdd(GenericKubernetesResource account) {
                    enqueue(account.getMetadata().getName(), Duration.ZERO);
                }

                public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
                    if (!Objects.equals(
                                    before.getMetadata().getGeneration(),
                                    after.getMetadata().getGeneration())
                            || !Objects.equals(
                                    before.getMetadata().getAnnotations(),
                                    after.getMetadata().getAnnotations())
                            || after.getMetadata().getDeletionTimestamp() != null) {
                        enqueue(after.getMetadata().getName(), Duration.ZERO);
                    }
                }

                public void onDelete(GenericKubernetesResource account, boolean unknownFinalState) {
                    // gone from the cluster: nothing to do in Azure (finalizers are how deletion reaches the provider)
                }
            });
        } catch (KubernetesClientException e) {
            log.info("The provider simulator cannot watch Accounts yet ({}); retrying", e.getMessage());
            worker.schedule(this::watch, 2, TimeUnit.SECONDS);
        }
    }

    private void pollAll() {
        try {
            accounts().list().getItems().forEach(a -> enqueue(a.getMetadata().getName(), Duration.ZERO));
        } catch (KubernetesClientException e) {
            log.debug("The provider simulator cannot list Accounts: {}", e.getMessage());
        }
    }

    private void enqueue(String name, Duration delay) {
        if (queued.add(name)) {
            worker.schedule(() -> run(name), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void run(String name) {
        queued.remove(name);
        try {
            Optional<Duration> again = reconcile(name);
            failures.remove(name);
            again.ifPresent(d -> enqueue(name, d));
        } catch (RuntimeException e) {
            int attempt = failures.merge(name, 1, Integer::sum);
            Duration backoff = Duration.ofMillis(Math.min(30_000, 250L << Math.min(attempt, 7)));
            log.debug("Reconciling Account {} failed (attempt {}), again in {}", name, attempt, backoff, e);
            enqueue(name, backoff);
        }
    }

    /** One reconciliation; the answer says whether to look again soon. */
    Optional<Duration> reconcile(String name) {
        Resource<GenericKubernetesResource> resource = accounts().withName(name);
        GenericKubernetesResource mr = resource.get();
        if (mr == null) {
            return Optional.empty();
        }
        Map<String, String> annotations =
                Optional.ofNullable(mr.getMetadata().getAnnotations()).orElse(Map.of());
        if ("true".equalsIgnoreCase(annotations.get(PAUSED))) {
            setConditions(
                    resource,
                    mr,
                    null,
                    condition(
                            "Synced", "False", "ReconcilePaused", "Reconciliation is paused via the pause annotation"),
                    null);
            return Optional.empty();
        }
        Policies policies = Policies.of(mr.get("spec", "managementPolicies"));
        String externalName = annotations.get(EXTERNAL_NAME);
        if (externalName == null || externalName.isBlank()) {
            externalName = name;
            String set = externalName;
            mr = resource.edit(a -> {
                a.getMetadata().getAnnotations().put(EXTERNAL_NAME, set);
                return a;
            });
        }
        boolean deleting = mr.getMetadata().getDeletionTimestamp() != null;
        if (!deleting && !hasFinalizer(mr)) {
            mr = resource.edit(a -> {
                List<String> finalizers = new ArrayList<>(
                        Optional.ofNullable(a.getMetadata().getFinalizers()).orElse(List.of()));
                finalizers.add(FINALIZER);
                a.getMetadata().setFinalizers(finalizers);
                return a;
            });
        }
        Map<String, Object> forProvider = Optional.<Map<String, Object>>ofNullable(mr.get("spec", "forProvider"))
                .orElse(Map.of());
        String group = (String) forProvider.get("resourceGroupName");
        String subscription;
        try {
            subscription = subscription(mr);
        } catch (IllegalStateException e) {
            setConditions(resource, mr, null, condition("Synced", "False", "ReconcileError", e.getMessage()), null);
            return Optional.of(Duration.ofSeconds(5));
        }
        try {
            Optional<JsonNode> azure = arm.get(subscription, group, externalName);
            if (deleting) {
                String policy = Optional.ofNullable((String) mr.get("spec", "deletionPolicy"))
                        .orElse("Delete");
                if (azure.isPresent() && policy.equals("Delete") && policies.allows("Delete")) {
                    arm.delete(subscription, group, externalName);
                    setConditions(resource, mr, null, null, condition("Ready", "False", "Deleting", null));
                }
                resource.edit(a -> {
                    List<String> finalizers = new ArrayList<>(
                            Optional.ofNullable(a.getMetadata().getFinalizers()).orElse(List.of()));
                    finalizers.remove(FINALIZER);
                    a.getMetadata().setFinalizers(finalizers);
                    return a;
                });
                return Optional.empty();
            }
            if (azure.isEmpty()) {
                if (!policies.allows("Create")) {
                    setConditions(
                            resource,
                            mr,
                            null,
                            condition(
                                    "Synced",
                                    "False",
                                    "ReconcileError",
                                    "cannot observe external resource: the storage account " + externalName
                                            + " does not exist and the management policies do not allow creating it"),
                            null);
                    return Optional.empty();
                }
                Map<String, Object> create =
                        new LinkedHashMap<>(Optional.<Map<String, Object>>ofNullable(mr.get("spec", "initProvider"))
                                .orElse(Map.of()));
                create.putAll(forProvider);
                arm.put(subscription, group, externalName, AccountMapping.createBody(create));
                setConditions(
                        resource,
                        mr,
                        null,
                        condition("Synced", "True", "ReconcileSuccess", null),
                        condition("Ready", "False", "Creating", null));
                return Optional.of(Duration.ofMillis(200));
            }
            JsonNode observed = azure.get();
            var correction = AccountMapping.correction(forProvider, observed);
            if (!correction.isEmpty() && policies.allows("Update")) {
                observed = arm.patch(subscription, group, externalName, correction);
            }
            setConditions(
                    resource,
                    mr,
                    AccountMapping.atProvider(observed, group),
                    condition("Synced", "True", "ReconcileSuccess", null),
                    condition("Ready", "True", "Available", null));
            return Optional.empty();
        } catch (ArmClient.ArmException e) {
            String verb = deleting ? "delete" : "apply";
            setConditions(
                    resource,
                    mr,
                    null,
                    condition("Synced", "False", "ReconcileError", verb + " failed: " + e.getMessage()),
                    null);
            return Optional.of(Duration.ofSeconds(e.status == 409 ? 30 : 2));
        }
    }

    private String subscription(GenericKubernetesResource mr) {
        String config = Optional.ofNullable((String) mr.get("spec", "providerConfigRef", "name"))
                .orElse("default");
        GenericKubernetesResource providerConfig = kubernetes
                .genericKubernetesResources("azure.upbound.io/v1beta1", "ProviderConfig")
                .withName(config)
                .get();
        if (providerConfig == null) {
            throw new IllegalStateException("cannot get ProviderConfig \"" + config + "\": not found");
        }
        String subscription = providerConfig.get("spec", "subscriptionID");
        if (subscription == null) {
            throw new IllegalStateException("ProviderConfig \"" + config + "\" has no subscriptionID");
        }
        return subscription;
    }

    /** Writes the status when it changed (conditions keep their transition time while unchanged). */
    private void setConditions(
            Resource<GenericKubernetesResource> resource,
            GenericKubernetesResource mr,
            Map<String, Object> atProvider,
            Map<String, Object> synced,
            Map<String, Object> ready) {
        Map<String, Object> status = new LinkedHashMap<>(
                Optional.<Map<String, Object>>ofNullable(mr.get("status")).orElse(Map.of()));
        List<Map<String, Object>> conditions =
                new ArrayList<>(Optional.<List<Map<String, Object>>>ofNullable(mr.get("status", "conditions"))
                        .orElse(List.of()));
        boolean changed = false;
        for (Map<String, Object> next : new Map[] {synced, ready}) {
            if (next == null) {
                continue;
            }
            if (mr.getMetadata().getGeneration() != null) {
                next.put("observedGeneration", mr.getMetadata().getGeneration()); // as crossplane-runtime reports it
            }
            Optional<Map<String, Object>> old = conditions.stream()
                    .filter(c -> next.get("type").equals(c.get("type")))
                    .findFirst();
            if (old.isPresent() && same(old.get(), next)) {
                continue;
            }
            old.ifPresent(conditions::remove);
            conditions.add(next);
            changed = true;
        }
        if (atProvider != null && !atProvider.equals(status.get("atProvider"))) {
            status.put("atProvider", atProvider);
            changed = true;
        }
        if (!changed) {
            return;
        }
        status.put("conditions", conditions);
        GenericKubernetesResource latest = resource.get();
        if (latest == null) {
            return;
        }
        latest.setAdditionalProperty("status", status);
        kubernetes.resource(latest).updateStatus();
    }

    private static boolean same(Map<String, Object> a, Map<String, Object> b) {
        return Objects.equals(a.get("status"), b.get("status"))
                && Objects.equals(number(a.get("observedGeneration")), number(b.get("observedGeneration")))
                && Objects.equals(a.get("reason"), b.get("reason"))
                && Objects.equals(a.get("message"), b.get("message"));
    }

    private static Long number(Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }

    private static Map<String, Object> condition(String type, String status, String reason, String message) {
        Map<String, Object> c = new HashMap<>();
        c.put("type", type);
        c.put("status", status);
        c.put("reason", reason);
        c.put("lastTransitionTime", Instant.now().toString());
        if (message != null) {
            c.put("message", message);
        }
        return c;
    }

    private static boolean hasFinalizer(GenericKubernetesResource mr) {
        return mr.getMetadata().getFinalizers() != null
                && mr.getMetadata().getFinalizers().contains(FINALIZER);
    }

    private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<
                    GenericKubernetesResource,
                    io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
                    Resource<GenericKubernetesResource>>
            accounts() {
        return kubernetes.genericKubernetesResources(
                KubernetesSandbox.ACCOUNT_API_VERSION, KubernetesSandbox.ACCOUNT_KIND);
    }

    /** Crossplane's management policies: {@code *} is all of Observe, Create, Update, Delete, LateInitialize. */
    record Policies(List<String> granted) {
        static Policies of(Object value) {
            if (value instanceof List<?> list && !list.isEmpty()) {
                return new Policies(list.stream().map(Object::toString).toList());
            }
            return new Policies(List.of("*"));
        }

        boolean allows(String action) {
            return granted.contains("*") || granted.contains(action);
        }
    }
}
