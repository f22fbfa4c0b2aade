package dev.idp.command.crossplane;

import dev.idp.kernel.crossplane.ApplyManagedResourceCommand;
import dev.idp.kernel.crossplane.ManagedResourceAppliedEvent;
import dev.idp.kernel.crossplane.ManagedResourceBinding;
import dev.idp.kernel.crossplane.ProvisioningCompletedEvent;
import dev.idp.kernel.crossplane.RecordManagedResourceAppliedCommand;
import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;
import dev.idp.kernel.storageaccount.StorageAccountRequest;
import dev.idp.kernel.storageaccount.StorageAccountRequestedEvent;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.messaging.Scope;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

/**
 * From a request to a Ready managed resource: apply the MR (retried with backoff while the cluster is away, so a
 * request accepted during an outage is applied when it returns), record the binding, and end when Crossplane reports
 * Synced and Ready. Deadlines live in PostgreSQL (db-scheduler), so a restart resumes where it was.
 */
@Saga
public class ProvisioningSaga {

    static final String RESOURCE_ID = "resourceId";
    static final String RETRY_APPLY = "retry-apply";
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration LONGEST_RETRY = Duration.ofSeconds(30);

    private ResourceId resourceId;
    private RequestId requestId;
    private StorageAccountRequest request;

    @StartSaga
    @SagaEventHandler(associationProperty = RESOURCE_ID)
    void on(StorageAccountRequestedEvent event, CommandGateway commands, DeadlineManager deadlines) {
        resourceId = event.resourceId();
        requestId = event.requestId();
        request = new StorageAccountRequest(
                event.workflowType(),
                event.subscriptionId(),
                event.resourceGroup(),
                event.name(),
                event.owner(),
                event.spec());
        apply(1, commands, deadlines);
    }

    @DeadlineHandler(deadlineName = RETRY_APPLY)
    void retry(Integer attempt, CommandGateway commands, DeadlineManager deadlines) {
        apply(attempt, commands, deadlines);
    }

    @SagaEventHandler(associationProperty = RESOURCE_ID)
    void on(ManagedResourceAppliedEvent event) {
        // the binding is recorded; Crossplane now works towards Ready, which the status watch reports
    }

    @EndSaga
    @SagaEventHandler(associationProperty = RESOURCE_ID)
    void on(ProvisioningCompletedEvent event) {
        // done: Azure has the account as asked
    }

    /** Sends the apply; on failure, schedules the next attempt (doubling, up to {@link #LONGEST_RETRY}). */
    private void apply(int attempt, CommandGateway commands, DeadlineManager deadlines) {
        ResourceId resource = resourceId;
        RequestId request = requestId;
        ScopeDescriptor saga = Scope.describeCurrentScope(); // the callback runs outside the saga's scope
        commands.<ManagedResourceBinding>send(new ApplyManagedResourceCommand(resource, request, this.request))
                .whenComplete((binding, failure) -> {
                    if (failure == null) {
                        commands.send(new RecordManagedResourceAppliedCommand(resource, request, binding));
                    } else {
                        deadlines.schedule(backoff(attempt), RETRY_APPLY, attempt + 1, saga);
                    }
                });
    }

    static Duration backoff(int attempt) {
        long millis = FIRST_RETRY.toMillis() << Math.min(attempt - 1, 10);
        return Duration.ofMillis(Math.min(millis, LONGEST_RETRY.toMillis()));
    }
}
