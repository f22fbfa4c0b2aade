package dev.idp.kernel.crossplane;

import dev.idp.kernel.ids.ResourceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The resource's managed resource is no longer in the cluster (deleted, or lost with the cluster). */
public record RecordManagedResourceDeletedCommand(
        @TargetAggregateIdentifier ResourceId resourceId, String name) {}
