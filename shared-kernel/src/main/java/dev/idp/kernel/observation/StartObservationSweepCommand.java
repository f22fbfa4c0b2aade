package dev.idp.kernel.observation;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Start a sweep over the observed scope; {@code trigger} is {@code SCHEDULED} or {@code ON_DEMAND}. */
public record StartObservationSweepCommand(
        @TargetAggregateIdentifier String sweepId,
        String trigger,
        List<String> subscriptions,
        List<String> resourceGroups,
        Instant startedAt) {}
