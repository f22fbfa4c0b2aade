package dev.idp.command.crossplane;

import dev.idp.kernel.crossplane.ApplyManagedResourceCommand;
import dev.idp.kernel.crossplane.ManagedResourceBinding;
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
    ManagedResourceBinding handle(ApplyManagedResourceCommand command) {
        return resources.apply(command.resourceId(), command.requestId(), command.request());
    }
}
