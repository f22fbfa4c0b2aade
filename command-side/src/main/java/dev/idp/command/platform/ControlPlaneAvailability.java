package dev.idp.command.platform;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.idp.kernel.platform.ControlPlaneBecameAvailableEvent;
import dev.idp.kernel.platform.ControlPlaneBecameUnavailableEvent;
import dev.idp.kernel.platform.RecordControlPlaneProbeCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The platform-level aggregate: whether the control plane (Kubernetes API, Crossplane CRDs, the provider) is there.
 * Every probe is a command; only a change of availability is an event, so the history reads as a list of outages. The
 * first probe creates it; several instances probing at once is fine (the event store serializes them).
 */
@Aggregate
class ControlPlaneAvailability {

    @AggregateIdentifier
    private String controlPlaneId;

    private Boolean available;

    protected ControlPlaneAvailability() {
        // for Axon: state is rebuilt from events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordControlPlaneProbeCommand command) {
        if (available != null && available == command.available()) {
            return;
        }
        if (command.available()) {
            apply(new ControlPlaneBecameAvailableEvent(
                    command.controlPlaneId(), command.detail(), command.checkedAt()));
        } else {
            apply(new ControlPlaneBecameUnavailableEvent(
                    command.controlPlaneId(), command.detail(), command.checkedAt()));
        }
    }

    @EventSourcingHandler
    void on(ControlPlaneBecameAvailableEvent event) {
        controlPlaneId = event.controlPlaneId();
        available = true;
    }

    @EventSourcingHandler
    void on(ControlPlaneBecameUnavailableEvent event) {
        controlPlaneId = event.controlPlaneId();
        available = false;
    }
}
