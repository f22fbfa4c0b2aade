package dev.idp.kernel.crossplane;

import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The managed resource for a request is in the cluster. */
public record RecordManagedResourceAppliedCommand(
        @TargetAggregateIdentifier ResourceId resourceId, RequestId requestId, ManagedResourceBinding binding) {}
