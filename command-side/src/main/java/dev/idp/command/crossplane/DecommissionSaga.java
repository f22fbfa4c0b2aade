package dev.idp.command.crossplane;

import dev.idp.kernel.crossplane.DecommissionCompletedEvent;
import dev.idp.kernel.crossplane.DeleteManagedResourceCommand;
import dev.idp.kernel.crossplane.ManagedResourceDeletion;
import dev.idp.kernel.crossplane.RecordManagedResourceDeletedCommand;
import dev.idp.kernel.storageaccount.StorageAccountDecommissionRequestedEvent;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

/**
 * A decommission: delete the MR, and wait until it is gone from the cluster (Crossplane's finalizer first deletes or
 * orphans the Azure account, per the deletion policy). The status watch usually reports the disappearance; the saga
 * asks again on its backoff until the aggregate records {@link DecommissionCompletedEvent}.
 */
@Saga
public class DecommissionSaga extends ManagedResourceSaga {

    @StartSaga
    @SagaEventHandler(associationProperty = REQUEST_ID)
    void on(
            StorageAccountDecommissionRequestedEvent event,
            CommandGateway commands,
            DeadlineManager deadlines,
            CrossplaneProperties properties) {
        begin(event.resourceId(), event.requestId(), "DELETE", deadlines, properties);
        attempt(1, commands, deadlines);
    }

    @Override
    protected CompletableFuture<?> attemptStep(CommandGateway commands) {
        return commands.<ManagedResourceDeletion>send(new DeleteManagedResourceCommand(resourceId, requestId))
                .thenCompose(deletion -> deletion.gone()
                        ? commands.send(new RecordManagedResourceDeletedCommand(resourceId, deletion.name()))
                        : CompletableFuture.failedFuture(new StillFinalizing(deletion.name())));
    }

    @SagaEventHandler(associationProperty = REQUEST_ID)
    void on(DecommissionCompletedEvent event, DeadlineManager deadlines) {
        finish(deadlines);
    }

    /** Not a failure: the MR is being deleted; the next attempt looks again. */
    static final class StillFinalizing extends RuntimeException {
        StillFinalizing(String name) {
            super("the managed resource " + name + " is still being deleted", null, false, false);
        }
    }
}
