package dev.idp.command.crossplane;

import dev.idp.kernel.crossplane.AppliedManagedResource;
import dev.idp.kernel.crossplane.ApplyManagedResourceCommand;
import dev.idp.kernel.crossplane.DeleteManagedResourceCommand;
import dev.idp.kernel.crossplane.ManagedResourceDeletion;
import dev.idp.kernel.crossplane.PatchManagedResourceCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.springframework.stereotype.Component;

/** The Kubernetes side of the sagas' steps: I/O lives here, the sagas only decide. */
@Component
class ManagedResourceCommands {

    private final ManagedResources resources;

    ManagedResourceCommands(ManagedResources resources) {
        this.resources = resources;
    }

    @CommandHandler
    AppliedManagedResource handle(ApplyManagedResourceCommand command) {
        return resources.apply(command.resourceId(), command.requestId(), command.request());
    }

    @CommandHandler
    AppliedManagedResource handle(PatchManagedResourceCommand command) {
        return resources.patch(command.resourceId(), command.spec());
    }

    @CommandHandler
    ManagedResourceDeletion handle(DeleteManagedResourceCommand command) {
        return resources.delete(command.resourceId());
    }
}
