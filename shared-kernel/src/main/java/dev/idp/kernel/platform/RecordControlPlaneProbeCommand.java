package dev.idp.kernel.platform;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * What a probe of the control plane found: the Kubernetes API answering, the Crossplane CRDs installed, the provider
 * healthy. Only a change of availability becomes an event.
 */
public record RecordControlPlaneProbeCommand(
        @TargetAggregateIdentifier String controlPlaneId, boolean available, String detail, Instant checkedAt) {}
