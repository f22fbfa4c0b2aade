package dev.idp.kernel.storageaccount;

import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Retire a storage account. Asking twice is not an error: the second request changes nothing. */
public record DecommissionStorageAccountCommand(
        @TargetAggregateIdentifier ResourceId resourceId, RequestId requestId) {

    public DecommissionStorageAccountCommand {
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(requestId, "requestId");
    }
}
