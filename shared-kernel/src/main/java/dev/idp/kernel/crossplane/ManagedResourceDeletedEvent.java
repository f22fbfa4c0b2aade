package dev.idp.kernel.crossplane;

import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;
import org.axonframework.serialization.Revision;

/** The managed resource is gone from the cluster as the decommission request asked. */
@Revision("1")
public record ManagedResourceDeletedEvent(ResourceId resourceId, RequestId requestId, String name) {}
