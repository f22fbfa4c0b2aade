package dev.idp.command.observation;

import dev.idp.command.observation.AzureInventory.Listed;
import dev.idp.command.observation.ObservationStore.Claim;
import dev.idp.kernel.azure.ArmId;
import dev.idp.kernel.classification.ObservedStorageAccount;
import dev.idp.kernel.ids.ResourceId;
import dev.idp.kernel.observation.ObservationSource;
import dev.idp.kernel.observation.RecordAzureObservationCommand;
import dev.idp.kernel.observation.RecordUnclaimedObservationCommand;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * One account read from ARM now, outside a sweep, and recorded like a sweep's observation (an event only if it
 * changed): after a request completes, and when an operator asks for an account's current detail.
 */
@Component
class TargetedObservation {

    private final AzureInventory azure;
    private final ObservationStore store;
    private final CommandGateway commands;

    TargetedObservation(AzureInventory azure, ObservationStore store, CommandGateway commands) {
        this.azure = azure;
        this.store = store;
        this.commands = commands;
    }

    /** What ARM said of the account: its owned fields, or empty when it has none. */
    record Result(ResourceId resourceId, ArmId armId, Optional<ObservedStorageAccount> observed, Instant at) {}

    /** Empty when the platform knows no ARM ID for the resource (neither requested nor ever seen in Azure). */
    Optional<Result> observe(ResourceId resourceId) {
        Optional<Claim> claim = store.claim(resourceId);
        Optional<ArmId> armId = claim.map(Claim::armId).or(() -> store.armIdOf(resourceId));
        if (armId.isEmpty()) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        Optional<ObservedStorageAccount> observed =
                azure.read(armId.get()).map(Listed::observed).map(o -> ShardSweeper.owned(o, claim.orElse(null)));
        Object command = claim.isPresent()
                ? new RecordAzureObservationCommand(
                        resourceId, armId.get(), observed.orElse(null), ObservationSource.ARM, now, null)
                : new RecordUnclaimedObservationCommand(
                        resourceId, armId.get(), observed.orElse(null), ObservationSource.ARM, now, null);
        commands.sendAndWait(command);
        return Optional.of(new Result(resourceId, armId.get(), observed, now));
    }
}
