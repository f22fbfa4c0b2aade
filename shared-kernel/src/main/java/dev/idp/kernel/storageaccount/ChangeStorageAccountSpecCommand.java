package dev.idp.kernel.storageaccount;

import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replace the desired spec of an existing, active storage account. */
public record ChangeStorageAccountSpecCommand(
        @TargetAggregateIdentifier ResourceId resourceId, RequestId requestId, StorageAccountSpec spec) {

    public ChangeStorageAccountSpecCommand {
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(spec, "spec");
    }
}
