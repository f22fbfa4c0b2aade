package dev.idp.kernel.observation;

import dev.idp.kernel.azure.ArmId;
import dev.idp.kernel.classification.ObservedStorageAccount;
import dev.idp.kernel.ids.ResourceId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * What a sweep saw of a requested account in Azure: its normalized owned fields, or {@code observed == null} when
 * Azure (confirmed by ARM) has no such account. The aggregate appends an event only when this differs from the last
 * observation it recorded.
 */
public record RecordAzureObservationCommand(
        @TargetAggregateIdentifier ResourceId resourceId,
        ArmId armId,
        ObservedStorageAccount observed,
        ObservationSource source,
        Instant observedAt,
        String sweepId) {}
