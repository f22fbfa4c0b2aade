package dev.idp.kernel.observation;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * Every shard of the sweep was listed completely: every account of the scope not recorded as changed is as last
 * recorded as of {@code completedAt}.
 */
@Revision("1")
public record ObservationSweepCompletedEvent(
        String sweepId,
        List<String> subscriptions,
        List<String> resourceGroups,
        Instant startedAt,
        Instant completedAt,
        SweepStatistics statistics) {}
