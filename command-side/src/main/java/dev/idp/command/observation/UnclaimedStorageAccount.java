package dev.idp.command.observation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.idp.kernel.classification.ObservedStorageAccount;
import dev.idp.kernel.ids.ResourceId;
import dev.idp.kernel.observation.AzureAccountNotFoundEvent;
import dev.idp.kernel.observation.AzureStateObservedEvent;
import dev.idp.kernel.observation.RecordUnclaimedObservationCommand;
import dev.idp.kernel.observation.StorageAccountDiscoveredEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A storage account in the observed scope that no request claims ({@code CLOUD_ONLY}): discovered the first time a
 * sweep lists it, then observed like any other, an event only on change. Its identity is derived from its ARM ID.
 */
@Aggregate
class UnclaimedStorageAccount {

    @AggregateIdentifier
    private ResourceId resourceId;

    private ObservedStorageAccount lastObserved;
    private boolean present;

    protected UnclaimedStorageAccount() {
        // for Axon: state is rebuilt from events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordUnclaimedObservationCommand command) {
        if (resourceId == null) {
            if (command.observed() != null) {
                apply(new StorageAccountDiscoveredEvent(
                        command.resourceId(),
                        command.armId(),
                        command.armId().subscriptionId(),
                        command.armId().resourceGroup(),
                        command.armId().name(),
                        command.observed(),
                        command.source(),
                        command.observedAt(),
                        command.sweepId()));
            }
            return;
        }
        if (command.observed() == null) {
            if (present) {
                apply(new AzureAccountNotFoundEvent(
                        resourceId, command.armId(), command.source(), command.observedAt(), command.sweepId()));
            }
        } else if (!present || !command.observed().equals(lastObserved)) {
            apply(new AzureStateObservedEvent(
                    resourceId,
                    command.armId(),
                    command.observed(),
                    command.source(),
                    command.observedAt(),
                    command.sweepId()));
        }
    }

    @EventSourcingHandler
    void on(StorageAccountDiscoveredEvent event) {
        resourceId = event.resourceId();
        lastObserved = event.observed();
        present = true;
    }

    @EventSourcingHandler
    void on(AzureStateObservedEvent event) {
        lastObserved = event.observed();
        present = true;
    }

    @EventSourcingHandler
    void on(AzureAccountNotFoundEvent event) {
        present = false;
    }
}
