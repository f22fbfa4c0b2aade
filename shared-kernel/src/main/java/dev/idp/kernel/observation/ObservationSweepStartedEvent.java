package dev.idp.kernel.observation;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A sweep began over this scope. */
@Revision("1")
public record ObservationSweepStartedEvent(
        String sweepId, String trigger, List<String> subscriptions, List<String> resourceGroups, Instant startedAt) {}
