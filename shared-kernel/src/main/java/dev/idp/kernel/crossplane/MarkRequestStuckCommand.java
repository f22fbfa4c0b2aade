package dev.idp.kernel.crossplane;

import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;
import java.time.Duration;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A request's saga has made no progress for longer than the bound; record it once in the history. */
public record MarkRequestStuckCommand(
        @TargetAggregateIdentifier ResourceId resourceId,
        RequestId requestId,
        String step,
        Duration after,
        String detail) {}
