package dev.idp.kernel.crossplane;

import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;
import dev.idp.kernel.storageaccount.StorageAccountSpec;

/**
 * Bring the resource's managed resource to a changed spec: {@code spec.forProvider} is rewritten (placement and the
 * ownership tags kept), nothing else. Idempotent; answers an {@link AppliedManagedResource}.
 */
public record PatchManagedResourceCommand(ResourceId resourceId, RequestId requestId, StorageAccountSpec spec) {}
