package dev.idp.query.accounts;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the read model while the API keeps answering from the live copy. A rebuild resets the other copy's
 * processor to the start of the event store (its reset handler empties the copy) and lets it replay; once it has caught
 * up with the head, {@code projection_status.active_copy} switches to it and the old copy's processor stops. Every
 * query-side instance runs the same reconciler: it keeps the active copy's processor running and the standby's stopped
 * while LIVE, both running while REBUILDING, and switches when the replay has caught up, so the instances agree through
 * the database and whichever holds the replay's segment does the work.
 */
@Component
class ProjectionAdmin implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProjectionAdmin.class);
    static final long RECONCILE_MILLIS = 1000;

    private final EventProcessingConfiguration processing;
    private final ReadModelCopies copies;
    private final ProcessorPositions positions;
    private final JdbcTemplate jdbc;
    private volatile ScheduledExecutorService reconciler;
    private volatile boolean running;

    ProjectionAdmin(
            EventProcessingConfiguration processing,
            ReadModelCopies copies,
            ProcessorPositions positions,
            JdbcTemplate jdbc) {
        this.processing = processing;
        this.copies = copies;
        this.positions = positions;
        this.jdbc = jdbc;
    }

    /** Starts a rebuild into the standby copy; a rebuild already under way is answered as it is. */
    synchronized Map<String, Object> rebuild() {
        char active = copies.active();
        char standby = ReadModelCopies.other(active);
        int started = jdbc.update(
                "UPDATE projection_status SET status = 'REBUILDING', rebuild_started_at = now(), rebuild_target = ?,"
                        + " updated_at = now() WHERE processing_group = ? AND status = 'LIVE'",
                positions.head(),
                ReadModelCopies.READ_MODEL);
        if (started == 1) {
            PooledStreamingEventProcessor replay = processor(standby);
            replay.shutDown();
            replay.resetTokens(); // the reset handler empties the standby copy
            replay.start();
            log.info("Read model rebuild started: replaying the event store into copy {}", standby);
        }
        return status();
    }

    /** {@code {"status", "position", "headPosition"}} and, while rebuilding, which copy is being filled. */
    Map<String, Object> status() {
        Map<String, Object> row = copies.status();
        String status = (String) row.get("status");
        char active = row.get("active_copy").toString().charAt(0);
        char measured = "REBUILDING".equals(status) ? ReadModelCopies.other(active) : active;
        OptionalLong position = positions.position(ReadModelCopies.group(measured));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", status);
        answer.put("position", position.isPresent() ? position.getAsLong() : 0);
        answer.put("headPosition", positions.head());
        answer.put("activeCopy", String.valueOf(active));
        if ("REBUILDING".equals(status)) {
            answer.put("rebuildingCopy", String.valueOf(measured));
            Object startedAt = row.get("rebuild_started_at");
            answer.put("rebuildStartedAt", startedAt instanceof java.sql.Timestamp t ? t.toInstant() : (Instant) null);
        }
        return answer;
    }

    /** One pass of the reconciler. */
    void reconcile() {
        Map<String, Object> row = copies.status();
        char active = row.get("active_copy").toString().charAt(0);
        char standby = ReadModelCopies.other(active);
        PooledStreamingEventProcessor live = processor(active);
        PooledStreamingEventProcessor replay = processor(standby);
        if (!live.isRunning()) {
            live.start();
        }
        if (!"REBUILDING".equals(row.get("status"))) {
            if (replay.isRunning()) {
                replay.shutDown();
            }
            return;
        }
        if (!replay.isRunning()) {
            replay.start();
        }
        OptionalLong position = positions.position(ReadModelCopies.group(standby));
        long head = positions.head();
        long target = row.get("rebuild_target") == null ? head : ((Number) row.get("rebuild_target")).longValue();
        // caught up: past where the store stood when the rebuild began, and within a batch of the head
        if (position.isPresent()
                && position.getAsLong() >= target
                && head - position.getAsLong() <= ReadModelProcessors.BATCH_SIZE) {
            int switched = jdbc.update(
                    "UPDATE projection_status SET status = 'LIVE', active_copy = ?, position = ?, updated_at = now()"
                            + " WHERE processing_group = ? AND status = 'REBUILDING' AND active_copy = ?",
                    String.valueOf(standby),
                    position.getAsLong(),
                    ReadModelCopies.READ_MODEL,
                    String.valueOf(active));
            if (switched == 1) {
                log.info("Read model rebuilt into copy {} up to position {}; it answers now", standby, head);
            }
            copies.refresh();
            live.shutDown();
        }
    }

    PooledStreamingEventProcessor processor(char copy) {
        Optional<PooledStreamingEventProcessor> processor =
                processing.eventProcessor(ReadModelCopies.group(copy), PooledStreamingEventProcessor.class);
        return processor.orElseThrow(() -> new IllegalStateException("no processor " + ReadModelCopies.group(copy)));
    }

    @Override
    public synchronized void start() {
        running = true;
        reconciler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "read-model-reconciler");
            t.setDaemon(true);
            return t;
        });
        reconciler.scheduleWithFixedDelay(
                () -> {
                    try {
                        synchronized (this) {
                            if (running) { // not after stop: a late pass would start processors again
                                reconcile();
                            }
                        }
                    } catch (RuntimeException e) {
                        log.warn("The read model reconciler failed ({}); trying again", e.getMessage());
                    }
                },
                0,
                RECONCILE_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Not synchronized: a reconciler pass holds the monitor while it waits on the database, which may already be gone
     * when the context closes; the interrupt ends that wait.
     */
    @Override
    public void stop() {
        running = false;
        ScheduledExecutorService current = reconciler;
        if (current != null) {
            current.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100; // after Axon's processors have started
    }
}
