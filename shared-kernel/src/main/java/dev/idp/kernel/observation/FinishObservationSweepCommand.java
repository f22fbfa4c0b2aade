package dev.idp.kernel.observation;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A sweep's end: every shard listed completely ({@code failure == null}), or the first failure that stopped it. */
public record FinishObservationSweepCommand(
        @TargetAggregateIdentifier String sweepId, Instant finishedAt, SweepStatistics statistics, String failure) {}
