package dev.idp.kernel.crossplane;

import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;
import dev.idp.kernel.storageaccount.StorageAccountRequest;

/** Write (or rewrite) the managed resource for a request; idempotent, so a retry or a replay changes nothing twice. */
public record ApplyManagedResourceCommand(ResourceId resourceId, RequestId requestId, StorageAccountRequest request) {}
