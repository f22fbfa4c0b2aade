package dev.idp.command.crossplane;

import dev.idp.kernel.crossplane.AppliedManagedResource;
import dev.idp.kernel.crossplane.ApplyManagedResourceCommand;
import dev.idp.kernel.crossplane.ManagedResourceAppliedEvent;
import dev.idp.kernel.crossplane.ProvisioningCompletedEvent;
import dev.idp.kernel.crossplane.RecordManagedResourceAppliedCommand;
import dev.idp.kernel.storageaccount.StorageAccountDecommissionRequestedEvent;
import dev.idp.kernel.storageaccount.StorageAccountRequest;
import dev.idp.kernel.storageaccount.StorageAccountRequestedEvent;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

/**
 * From a request to a Ready managed resource: apply the MR (create-or-patch, so a retry never makes a second one),
 * record the binding, and end when Crossplane reports Synced and Ready for it. A decommission ends it early.
 */
@Saga
public class ProvisioningSaga extends ManagedResourceSaga {

    private StorageAccountRequest request;

    @StartSaga
    @SagaEventHandler(associationProperty = REQUEST_ID)
    void on(
            StorageAccountRequestedEvent event,
            CommandGateway commands,
            DeadlineManager deadlines,
            CrossplaneProperties properties) {
        request = new StorageAccountRequest(
                event.workflowType(),
                event.subscriptionId(),
                event.resourceGroup(),
                event.name(),
                event.owner(),
                event.spec());
        begin(event.resourceId(), event.requestId(), "APPLY", deadlines, properties);
        attempt(1, commands, deadlines);
    }

    @Override
    protected CompletableFuture<?> attemptStep(CommandGateway commands) {
        return commands.<AppliedManagedResource>send(new ApplyManagedResourceCommand(resourceId, requestId, request))
                .thenCompose(applied -> commands.send(new RecordManagedResourceAppliedCommand(
                        resourceId, requestId, applied.binding(), applied.generation())));
    }

    @SagaEventHandler(associationProperty = REQUEST_ID)
    void on(ManagedResourceAppliedEvent event, DeadlineManager deadlines) {
        stepDone("READY", deadlines); // Crossplane works towards Ready; the status watch reports it
    }

    @SagaEventHandler(associationProperty = REQUEST_ID)
    void on(ProvisioningCompletedEvent event, DeadlineManager deadlines) {
        finish(deadlines);
    }

    @SagaEventHandler(associationProperty = RESOURCE_ID)
    void on(StorageAccountDecommissionRequestedEvent event, DeadlineManager deadlines) {
        finish(deadlines); // the decommission saga takes over; applying now would only be undone
    }
}
