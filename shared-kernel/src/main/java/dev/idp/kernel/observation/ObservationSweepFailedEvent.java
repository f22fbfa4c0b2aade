package dev.idp.kernel.observation;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The sweep could not list its scope completely; nothing was concluded from what it did not see. */
@Revision("1")
public record ObservationSweepFailedEvent(
        String sweepId, Instant startedAt, Instant failedAt, String reason, SweepStatistics statistics) {}
