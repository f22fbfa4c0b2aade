package dev.idp.command.observation;

import dev.idp.command.infrastructure.azure.AzureProperties;
import dev.idp.command.observation.ObservationStore.Outcome;
import dev.idp.command.observation.ObservationStore.Shard;
import dev.idp.kernel.error.DomainException;
import dev.idp.kernel.error.FieldError;
import dev.idp.kernel.observation.FinishObservationSweepCommand;
import dev.idp.kernel.observation.StartObservationSweepCommand;
import dev.idp.kernel.observation.SweepStatistics;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts sweeps and works on their shards. A sweep is a row and one pending shard per subscription of the observed
 * scope; every instance's worker claims pending shards (or shards whose owner stopped renewing its lease) with
 * {@code FOR UPDATE SKIP LOCKED}, so several instances share a sweep without doing the same work twice. The instance
 * that finishes the last shard (or the first to fail) closes the sweep and records it in the event store.
 */
@Component
class SweepCoordinator implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SweepCoordinator.class);
    static final String INSTANCE = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

    private final ObservationStore store;
    private final ShardSweeper sweeper;
    private final CommandGateway commands;
    private final ObservationProperties properties;
    private final AzureProperties scope;
    private final Clock clock = Clock.systemUTC();
    private ScheduledExecutorService worker;
    private volatile boolean running;

    SweepCoordinator(
            ObservationStore store,
            ShardSweeper sweeper,
            CommandGateway commands,
            ObservationProperties properties,
            AzureProperties scope) {
        this.store = store;
        this.sweeper = sweeper;
        this.commands = commands;
        this.properties = properties;
        this.scope = scope;
    }

    /** Starts a sweep over the observed scope; the workers (this instance's at once) pick up its shards. */
    String start(String trigger) {
        List<String> subscriptions = scope.subscriptions();
        if (subscriptions.isEmpty()) {
            throw DomainException.validation(List.of(new FieldError(
                    "idp.azure.subscriptions", "no observed scope is configured (IDP_AZURE_SUBSCRIPTIONS)")));
        }
        String sweepId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        // the event first: a worker may take a shard the moment its row exists, and finish before this returns
        commands.sendAndWait(
                new StartObservationSweepCommand(sweepId, trigger, subscriptions, scope.resourceGroups(), now));
        try {
            store.createSweep(sweepId, trigger, subscriptions, now);
        } catch (RuntimeException e) {
            commands.sendAndWait(new FinishObservationSweepCommand(
                    sweepId, clock.instant(), SweepStatistics.NONE, "could not create the sweep's shards: " + e));
            throw e;
        }
        log.info("Sweep {} ({}) started over {} subscription(s)", sweepId, trigger, subscriptions.size());
        ScheduledExecutorService current = worker;
        if (current != null && !current.isShutdown()) {
            current.execute(this::work);
        }
        return sweepId;
    }

    /** The scheduled start: skipped while an earlier sweep still runs (a sweep older than two intervals is stale). */
    void startScheduled() {
        Optional<String> runningSweep =
                store.runningSweep(clock.instant().minus(properties.interval().multipliedBy(2)));
        if (runningSweep.isPresent()) {
            log.info("Scheduled sweep skipped: sweep {} is still running", runningSweep.get());
            return;
        }
        start("SCHEDULED");
    }

    /** Works on shards until none is left to claim. */
    synchronized void work() {
        while (running) {
            Optional<Shard> claimed;
            try {
                claimed = store.claimShard(INSTANCE, properties.shardLease());
            } catch (RuntimeException e) {
                log.warn("Cannot look for observation shards ({}); trying again", e.getMessage());
                return;
            }
            if (claimed.isEmpty()) {
                return;
            }
            run(claimed.get());
        }
    }

    private void run(Shard shard) {
        long started = System.nanoTime();
        SweepStatistics statistics = SweepStatistics.NONE;
        String failure = null;
        try {
            statistics = sweeper.sweep(shard.sweepId(), shard.subscriptionId(), () -> {
                if (!store.renewLease(shard, INSTANCE, properties.shardLease())) {
                    throw new IllegalStateException("the shard's lease passed to another instance");
                }
            });
        } catch (RuntimeException e) {
            failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            log.warn("Sweep {}: subscription {} failed: {}", shard.sweepId(), shard.subscriptionId(), failure, e);
        }
        store.finishShard(shard, INSTANCE, statistics, failure);
        log.info(
                "Sweep {}: subscription {} {} in {} ms: {}",
                shard.sweepId(),
                shard.subscriptionId(),
                failure == null ? "done" : "failed",
                (System.nanoTime() - started) / 1_000_000,
                statistics);
        Optional<Outcome> outcome = store.outcome(shard.sweepId());
        if (outcome.isPresent()) {
            // the event first (idempotent: the sweep's aggregate ends once), then the row the workers look at
            Instant now = clock.instant();
            commands.sendAndWait(new FinishObservationSweepCommand(
                    shard.sweepId(),
                    now,
                    outcome.get().statistics(),
                    outcome.get().failure()));
            store.finishSweep(shard.sweepId(), outcome.get(), now);
        }
    }

    @Override
    public synchronized void start() {
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "observation-worker");
            t.setDaemon(true);
            return t;
        });
        running = true;
        long every = properties.workerPoll().toMillis();
        worker.scheduleWithFixedDelay(
                () -> {
                    try {
                        work();
                    } catch (RuntimeException e) {
                        log.warn("The observation worker failed", e);
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (worker != null) {
            worker.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
