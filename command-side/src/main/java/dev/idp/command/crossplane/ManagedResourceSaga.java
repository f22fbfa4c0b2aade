package dev.idp.command.crossplane;

import dev.idp.kernel.crossplane.MarkRequestStuckCommand;
import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;
import dev.idp.kernel.platform.ControlPlane;
import dev.idp.kernel.platform.ControlPlaneBecameAvailableEvent;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.messaging.Scope;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the provisioning, change and decommission sagas share: one step against the cluster at a time, retried with
 * backoff (1 s doubling to 30 s) through failures; while it waits, the saga listens for the control plane's return and
 * tries again at once; past the bound ({@code idp.crossplane.stuck-after}) the request is marked stuck in its history,
 * once, and the saga goes on. Deadlines are persistent (db-scheduler), so a restart resumes a saga where it was.
 *
 * <p>A step's I/O runs in command handlers ({@link ManagedResourceCommands}); the saga only decides. Its callbacks run
 * outside the saga's scope, so they capture the scope to schedule the next attempt.
 */
abstract class ManagedResourceSaga {

    private static final Logger log = LoggerFactory.getLogger(ManagedResourceSaga.class);

    static final String REQUEST_ID = "requestId";
    static final String RESOURCE_ID = "resourceId";
    static final String CONTROL_PLANE_ID = "controlPlaneId";
    static final String RETRY = "retry";
    static final String STUCK = "stuck";
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration LONGEST_RETRY = Duration.ofSeconds(30);

    protected ResourceId resourceId;
    protected RequestId requestId;
    /** Where the request waits: {@code APPLY}/{@code DELETE} (the cluster's answer) or {@code READY} (Crossplane's). */
    protected String step;

    private boolean waitingForControlPlane;

    /** Called by the starting handler: remembers the request, follows its resource, sets the stuck bound. */
    protected final void begin(
            ResourceId resourceId,
            RequestId requestId,
            String firstStep,
            DeadlineManager deadlines,
            CrossplaneProperties properties) {
        this.resourceId = resourceId;
        this.requestId = requestId;
        this.step = firstStep;
        SagaLifecycle.associateWith(RESOURCE_ID, resourceId.toString());
        deadlines.schedule(properties.stuckAfter(), STUCK, requestId.toString());
    }

    /** The step's commands: the I/O and then recording its outcome. A failed future means: try again later. */
    protected abstract CompletableFuture<?> attemptStep(CommandGateway commands);

    /** Runs the step once; on failure, schedules the next attempt. */
    protected final void attempt(int attempt, CommandGateway commands, DeadlineManager deadlines) {
        ScopeDescriptor saga = Scope.describeCurrentScope();
        String what = getClass().getSimpleName() + " " + step + " for " + resourceId + " (request " + requestId + ")";
        CompletableFuture<?> outcome;
        try {
            outcome = attemptStep(commands);
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        outcome.whenComplete((ignored, failure) -> {
            if (failure != null) {
                Duration wait = backoff(attempt);
                log.info("{}: attempt {} failed ({}); again in {}", what, attempt, Failures.rootMessage(failure), wait);
                deadlines.schedule(wait, RETRY, attempt + 1, saga);
            }
        });
    }

    @DeadlineHandler(deadlineName = RETRY)
    void retry(Integer attempt, CommandGateway commands, DeadlineManager deadlines) {
        if (!waitingForControlPlane) {
            SagaLifecycle.associateWith(CONTROL_PLANE_ID, ControlPlane.ID);
            waitingForControlPlane = true;
        }
        attempt(attempt, commands, deadlines);
    }

    /** The control plane is back: a waiting step runs now instead of at the end of its backoff. */
    @SagaEventHandler(associationProperty = CONTROL_PLANE_ID)
    void on(ControlPlaneBecameAvailableEvent event, CommandGateway commands, DeadlineManager deadlines) {
        if (!waitingForControlPlane) {
            return;
        }
        deadlines.cancelAllWithinScope(RETRY);
        attempt(1, commands, deadlines);
    }

    /** The step is done (its outcome recorded): no more retries, no more waiting for the control plane. */
    protected final void stepDone(String next, DeadlineManager deadlines) {
        step = next;
        deadlines.cancelAllWithinScope(RETRY);
        if (waitingForControlPlane) {
            SagaLifecycle.removeAssociationWith(CONTROL_PLANE_ID, ControlPlane.ID);
            waitingForControlPlane = false;
        }
    }

    /** The saga ends: its deadlines go with it. */
    protected final void finish(DeadlineManager deadlines) {
        deadlines.cancelAllWithinScope(RETRY);
        deadlines.cancelAllWithinScope(STUCK);
        SagaLifecycle.end();
    }

    @DeadlineHandler(deadlineName = STUCK)
    void stuck(String request, CommandGateway commands, CrossplaneProperties properties) {
        String detail =
                switch (step) {
                    case "READY" ->
                        "the managed resource is applied but Crossplane has not reported it Synced and Ready";
                    case "DELETE" -> "the managed resource is not gone from the cluster";
                    default ->
                        waitingForControlPlane
                                ? "the control plane has not accepted the managed resource (it is unavailable or refusing it)"
                                : "the managed resource could not be written yet";
                };
        commands.send(new MarkRequestStuckCommand(resourceId, requestId, step, properties.stuckAfter(), detail));
    }

    static Duration backoff(int attempt) {
        long millis = FIRST_RETRY.toMillis() << Math.min(Math.max(attempt, 1) - 1, 10);
        return Duration.ofMillis(Math.min(millis, LONGEST_RETRY.toMillis()));
    }
}
