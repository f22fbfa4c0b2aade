package dev.idp.command.crossplane;

import dev.idp.kernel.crossplane.AppliedManagedResource;
import dev.idp.kernel.crossplane.ManagedResourceAppliedEvent;
import dev.idp.kernel.crossplane.PatchManagedResourceCommand;
import dev.idp.kernel.crossplane.RecordManagedResourceAppliedCommand;
import dev.idp.kernel.crossplane.SpecChangeCompletedEvent;
import dev.idp.kernel.storageaccount.StorageAccountDecommissionRequestedEvent;
import dev.idp.kernel.storageaccount.StorageAccountSpec;
import dev.idp.kernel.storageaccount.StorageAccountSpecChangeRequestedEvent;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

/**
 * A spec change: patch the MR's {@code forProvider} (placement and ownership tags kept), record it, and end when
 * Crossplane reports Ready for the patched generation. A later change completes with it; a decommission ends it.
 */
@Saga
public class SpecChangeSaga extends ManagedResourceSaga {

    private StorageAccountSpec spec;

    @StartSaga
    @SagaEventHandler(associationProperty = REQUEST_ID)
    void on(
            StorageAccountSpecChangeRequestedEvent event,
            CommandGateway commands,
            DeadlineManager deadlines,
            CrossplaneProperties properties) {
        spec = event.spec();
        begin(event.resourceId(), event.requestId(), "APPLY", deadlines, properties);
        attempt(1, commands, deadlines);
    }

    @Override
    protected CompletableFuture<?> attemptStep(CommandGateway commands) {
        return commands.<AppliedManagedResource>send(new PatchManagedResourceCommand(resourceId, requestId, spec))
                .thenCompose(applied -> commands.send(new RecordManagedResourceAppliedCommand(
                        resourceId, requestId, applied.binding(), applied.generation())));
    }

    @SagaEventHandler(associationProperty = REQUEST_ID)
    void on(ManagedResourceAppliedEvent event, DeadlineManager deadlines) {
        stepDone("READY", deadlines);
    }

    @SagaEventHandler(associationProperty = REQUEST_ID)
    void on(SpecChangeCompletedEvent event, DeadlineManager deadlines) {
        finish(deadlines);
    }

    @SagaEventHandler(associationProperty = RESOURCE_ID)
    void on(StorageAccountDecommissionRequestedEvent event, DeadlineManager deadlines) {
        finish(deadlines);
    }
}
