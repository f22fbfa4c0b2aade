package dev.idp.kernel.crossplane;

import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The managed resource for a request is in the cluster, at the given spec generation. */
public record RecordManagedResourceAppliedCommand(
        @TargetAggregateIdentifier ResourceId resourceId,
        RequestId requestId,
        ManagedResourceBinding binding,
        Long generation) {

    public RecordManagedResourceAppliedCommand(
            ResourceId resourceId, RequestId requestId, ManagedResourceBinding binding) {
        this(resourceId, requestId, binding, null);
    }
}
