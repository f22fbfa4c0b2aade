package dev.idp.kernel.crossplane;

import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;

/**
 * Delete the resource's managed resource (Crossplane then deletes or orphans the Azure account per its deletion
 * policy). Idempotent; answers a {@link ManagedResourceDeletion}: gone, or still finalizing.
 */
public record DeleteManagedResourceCommand(ResourceId resourceId, RequestId requestId) {}
