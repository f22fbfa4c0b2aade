package dev.idp.kernel.crossplane;

import dev.idp.kernel.ids.ResourceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * What the cluster says of a managed resource now: its conditions and, once Crossplane knows it, the ARM ID in
 * {@code status.atProvider.id}. The aggregate records only what changed.
 */
public record RecordCrossplaneStatusCommand(
        @TargetAggregateIdentifier ResourceId resourceId, CrossplaneStatus status, String armId, String location) {}
