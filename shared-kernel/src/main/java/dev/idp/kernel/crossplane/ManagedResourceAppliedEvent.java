package dev.idp.kernel.crossplane;

import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;
import org.axonframework.serialization.Revision;

/** The managed resource was written to the cluster for a request; Crossplane takes it from here. */
@Revision("1")
public record ManagedResourceAppliedEvent(ResourceId resourceId, RequestId requestId, ManagedResourceBinding binding) {}
