package dev.idp.kernel.storageaccount;

import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;
import java.util.Objects;

/**
 * Ask for a new storage account. {@code resourceId} is fresh for every attempt; a retry is recognised by its
 * {@code requestId}, and answered with the resource ID of the first attempt.
 */
public record SubmitStorageAccountCommand(ResourceId resourceId, RequestId requestId, StorageAccountRequest request) {

    public SubmitStorageAccountCommand {
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(request, "request");
    }
}
