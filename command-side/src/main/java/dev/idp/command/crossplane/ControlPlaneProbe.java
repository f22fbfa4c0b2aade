package dev.idp.command.crossplane;

import dev.idp.kernel.platform.ControlPlane;
import dev.idp.kernel.platform.RecordControlPlaneProbeCommand;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Probes the control plane on an interval: the Kubernetes API answers, the {@code Account} CRD is installed and serves
 * the version this service writes, and the provider is {@code Healthy}. Each result goes to the
 * {@code ControlPlaneAvailability} aggregate (an event only when availability changes) and, with its time, to the
 * {@code control_plane_probe} table that the health endpoint reads.
 */
@Component
class ControlPlaneProbe implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ControlPlaneProbe.class);
    static final String INSTANCE = ManagementFactory.getRuntimeMXBean().getName();

    private final KubernetesClient kubernetes;
    private final ControlPlaneProperties properties;
    private final CrossplaneProperties crossplane;
    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private ScheduledExecutorService schedule;
    private volatile boolean running;

    ControlPlaneProbe(
            KubernetesClient kubernetes,
            ControlPlaneProperties properties,
            CrossplaneProperties crossplane,
            CommandGateway commands,
            JdbcTemplate jdbc) {
        this.kubernetes = kubernetes;
        this.properties = properties;
        this.crossplane = crossplane;
        this.commands = commands;
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
    }

    /** What one probe found. */
    record Result(boolean available, String detail) {}

    /** Checks the API, the CRD and the provider, in that order; the first thing missing is the detail. */
    Result check() {
        try {
            CustomResourceDefinition crd = kubernetes
                    .apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .withName(properties.crdName())
                    .get();
            if (crd == null) {
                return new Result(false, "the CRD " + properties.crdName() + " is not installed");
            }
            boolean served = crd.getSpec().getVersions().stream()
                    .anyMatch(v -> v.getName().equals(crossplane.apiVersion()) && Boolean.TRUE.equals(v.getServed()));
            if (!served) {
                return new Result(
                        false, "the CRD " + properties.crdName() + " does not serve " + crossplane.apiVersion());
            }
            if (properties.providerName().isEmpty()) {
                return new Result(true, "Kubernetes API and CRD " + properties.crdName() + " present");
            }
            GenericKubernetesResource provider = kubernetes
                    .genericKubernetesResources("pkg.crossplane.io/v1", "Provider")
                    .withName(properties.providerName())
                    .get();
            if (provider == null) {
                return new Result(false, "the provider " + properties.providerName() + " is not installed");
            }
            List<Map<String, Object>> conditions = Optional.<List<Map<String, Object>>>ofNullable(
                            provider.get("status", "conditions"))
                    .orElse(List.of());
            Map<String, Object> healthy = conditions.stream()
                    .filter(c -> "Healthy".equals(c.get("type")))
                    .findFirst()
                    .orElse(Map.of());
            if (!"True".equals(healthy.get("status"))) {
                return new Result(
                        false,
                        "the provider " + properties.providerName() + " is not healthy"
                                + (healthy.get("reason") == null ? "" : ": " + healthy.get("reason")));
            }
            return new Result(
                    true,
                    "Kubernetes API, CRD " + properties.crdName() + " and provider " + properties.providerName()
                            + " healthy");
        } catch (KubernetesClientException e) {
            return new Result(false, "the Kubernetes API does not answer: " + Failures.rootMessage(e));
        }
    }

    void probe() {
        Result result = check();
        Instant now = clock.instant();
        commands.send(new RecordControlPlaneProbeCommand(ControlPlane.ID, result.available(), result.detail(), now))
                .exceptionally(failure -> {
                    log.warn("Could not record the control plane's availability ({})", failure.getMessage());
                    return null;
                });
        try {
            jdbc.update(
                    "INSERT INTO control_plane_probe (instance_id, available, detail, checked_at) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT (instance_id) DO UPDATE SET available = EXCLUDED.available,"
                            + " detail = EXCLUDED.detail, checked_at = EXCLUDED.checked_at",
                    INSTANCE,
                    result.available(),
                    result.detail(),
                    Timestamp.from(now));
        } catch (DataAccessException e) {
            log.warn("Could not record the control plane probe's time ({})", e.getMessage());
        }
    }

    @Override
    public synchronized void start() {
        schedule = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "control-plane-probe");
            t.setDaemon(true);
            return t;
        });
        long every = properties.probeInterval().toMillis();
        schedule.scheduleWithFixedDelay(
                () -> {
                    try {
                        probe();
                    } catch (RuntimeException e) {
                        log.warn("The control plane probe failed", e);
                    }
                },
                0,
                every,
                TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (schedule != null) {
            schedule.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
