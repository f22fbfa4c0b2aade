package dev.idp.command.crossplane;

import dev.idp.kernel.crossplane.CrossplaneStatus;
import dev.idp.kernel.crossplane.RecordCrossplaneStatusCommand;
import dev.idp.kernel.crossplane.RecordManagedResourceDeletedCommand;
import dev.idp.kernel.ids.ResourceId;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Turns what the cluster says of the platform's managed resources into commands: an informer on the {@code Account}s
 * carrying the platform's label re-lists after a disconnect and resyncs periodically; each add or update becomes a
 * {@link RecordCrossplaneStatusCommand}, and the aggregate appends events only for what changed. If the API is away
 * when the service starts, the informer is started again until it is there.
 */
@Component
class CrossplaneStatusWatch implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CrossplaneStatusWatch.class);
    static final Duration RESYNC = Duration.ofMinutes(5);
    static final Duration RETRY = Duration.ofSeconds(5);

    private final KubernetesClient kubernetes;
    private final CrossplaneProperties properties;
    private final CommandGateway commands;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "crossplane-status-watch");
        t.setDaemon(true);
        return t;
    });
    private volatile SharedIndexInformer<GenericKubernetesResource> informer;
    private volatile boolean running;

    CrossplaneStatusWatch(KubernetesClient kubernetes, CrossplaneProperties properties, CommandGateway commands) {
        this.kubernetes = kubernetes;
        this.properties = properties;
        this.commands = commands;
    }

    @Override
    public void start() {
        running = true;
        retries.execute(this::startInformer);
    }

    @Override
    public void stop() {
        running = false;
        retries.shutdownNow();
        SharedIndexInformer<GenericKubernetesResource> current = informer;
        if (current != null) {
            current.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void startInformer() {
        if (!running) {
            return;
        }
        try {
            SharedIndexInformer<GenericKubernetesResource> next = kubernetes
                    .genericKubernetesResources(properties.fullApiVersion(), AccountManifests.KIND)
                    .withLabel(AccountManifests.LABEL_MANAGED_BY)
                    .runnableInformer(RESYNC.toMillis());
            next.addEventHandler(new ResourceEventHandler<>() {
                public void onAdd(GenericKubernetesResource mr) {
                    report(mr);
                }

                public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
                    report(after);
                }

                public void onDelete(GenericKubernetesResource mr, boolean finalStateUnknown) {
                    reportDeleted(mr);
                }
            });
            next.start().whenComplete((ignored, failure) -> {
                if (failure != null) {
                    log.info(
                            "Cannot watch Crossplane's managed resources yet ({}); again in {}",
                            failure.getMessage(),
                            RETRY);
                    next.stop();
                    schedule();
                }
            });
            informer = next;
        } catch (RuntimeException e) {
            log.info("Cannot watch Crossplane's managed resources yet ({}); again in {}", e.getMessage(), RETRY);
            schedule();
        }
    }

    private void schedule() {
        if (running && !retries.isShutdown()) {
            retries.schedule(this::startInformer, RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void reportDeleted(GenericKubernetesResource mr) {
        resourceId(mr)
                .ifPresent(resourceId -> send(
                        new RecordManagedResourceDeletedCommand(
                                resourceId, mr.getMetadata().getName()),
                        mr));
    }

    private Optional<ResourceId> resourceId(GenericKubernetesResource mr) {
        Map<String, String> labels = mr.getMetadata().getLabels();
        String resource = labels == null ? null : labels.get(AccountManifests.LABEL_RESOURCE_ID);
        if (resource == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ResourceId.parse(resource));
        } catch (IllegalArgumentException e) {
            log.warn(
                    "Managed resource {} carries a resource ID that is not one: {}",
                    mr.getMetadata().getName(),
                    resource);
            return Optional.empty();
        }
    }

    private void report(GenericKubernetesResource mr) {
        Optional<ResourceId> resourceId = resourceId(mr);
        if (resourceId.isEmpty()) {
            return;
        }
        List<Map<String, Object>> conditions = Optional.<List<Map<String, Object>>>ofNullable(
                        mr.get("status", "conditions"))
                .orElse(List.of());
        Map<String, Object> synced = condition(conditions, "Synced");
        Map<String, Object> ready = condition(conditions, "Ready");
        CrossplaneStatus status = new CrossplaneStatus(
                (String) synced.get("status"),
                (String) synced.get("reason"),
                (String) synced.get("message"),
                (String) ready.get("status"),
                (String) ready.get("reason"),
                (String) ready.get("message"),
                observedGeneration(synced, ready));
        String armId = mr.get("status", "atProvider", "id");
        String location = mr.get("status", "atProvider", "location");
        send(new RecordCrossplaneStatusCommand(resourceId.get(), status, armId, location), mr);
    }

    /** The generation both conditions were observed for (the older of the two), if Crossplane reports it. */
    static Long observedGeneration(Map<String, Object> synced, Map<String, Object> ready) {
        Long a = generation(synced.get("observedGeneration"));
        Long b = generation(ready.get("observedGeneration"));
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return Math.min(a, b);
    }

    private static Long generation(Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }

    private void send(Object command, GenericKubernetesResource mr) {
        commands.send(command).exceptionally(failure -> {
            if (failure.getCause() instanceof AggregateNotFoundException
                    || failure instanceof AggregateNotFoundException) {
                log.debug(
                        "Managed resource {} names unknown resource {}",
                        mr.getMetadata().getName(),
                        command);
            } else {
                log.warn(
                        "Could not record what the cluster says of managed resource {}",
                        mr.getMetadata().getName(),
                        failure);
            }
            return null;
        });
    }

    private static Map<String, Object> condition(List<Map<String, Object>> conditions, String type) {
        return conditions.stream()
                .filter(c -> type.equals(c.get("type")))
                .findFirst()
                .orElse(Map.of());
    }
}
