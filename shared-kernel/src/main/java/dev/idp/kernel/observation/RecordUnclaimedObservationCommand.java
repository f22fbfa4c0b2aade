package dev.idp.kernel.observation;

import dev.idp.kernel.azure.ArmId;
import dev.idp.kernel.classification.ObservedStorageAccount;
import dev.idp.kernel.ids.ResourceId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * What a sweep saw of an account in the observed scope that no request claims: the first time, it is discovered; later
 * observations are recorded only when they change. {@code resourceId} is derived from the ARM ID
 * ({@link UnclaimedAccounts#resourceId}), so every instance names the same account the same way.
 */
public record RecordUnclaimedObservationCommand(
        @TargetAggregateIdentifier ResourceId resourceId,
        ArmId armId,
        ObservedStorageAccount observed,
        ObservationSource source,
        Instant observedAt,
        String sweepId) {}
