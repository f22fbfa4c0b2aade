package dev.idp.command.observation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.idp.kernel.observation.FinishObservationSweepCommand;
import dev.idp.kernel.observation.ObservationSweepCompletedEvent;
import dev.idp.kernel.observation.ObservationSweepFailedEvent;
import dev.idp.kernel.observation.ObservationSweepStartedEvent;
import dev.idp.kernel.observation.StartObservationSweepCommand;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A sweep's own bookkeeping in the event store: started, then completed or failed, once. */
@Aggregate
class ObservationSweep {

    @AggregateIdentifier
    private String sweepId;

    private List<String> subscriptions;
    private List<String> resourceGroups;
    private Instant startedAt;
    private boolean finished;

    protected ObservationSweep() {
        // for Axon: state is rebuilt from events
    }

    @CommandHandler
    ObservationSweep(StartObservationSweepCommand command) {
        apply(new ObservationSweepStartedEvent(
                command.sweepId(),
                command.trigger(),
                List.copyOf(command.subscriptions()),
                List.copyOf(command.resourceGroups()),
                command.startedAt()));
    }

    @CommandHandler
    void handle(FinishObservationSweepCommand command) {
        if (finished) {
            return;
        }
        if (command.failure() == null) {
            apply(new ObservationSweepCompletedEvent(
                    sweepId, subscriptions, resourceGroups, startedAt, command.finishedAt(), command.statistics()));
        } else {
            apply(new ObservationSweepFailedEvent(
                    sweepId, startedAt, command.finishedAt(), command.failure(), command.statistics()));
        }
    }

    @EventSourcingHandler
    void on(ObservationSweepStartedEvent event) {
        sweepId = event.sweepId();
        subscriptions = event.subscriptions();
        resourceGroups = event.resourceGroups();
        startedAt = event.startedAt();
    }

    @EventSourcingHandler
    void on(ObservationSweepCompletedEvent event) {
        finished = true;
    }

    @EventSourcingHandler
    void on(ObservationSweepFailedEvent event) {
        finished = true;
    }
}
