package dev.idp.kernel.crossplane;

import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;
import org.axonframework.serialization.Revision;

/**
 * The managed resource was written to the cluster for a request (created, or its {@code forProvider} patched for a
 * change); Crossplane takes it from here. {@code generation} is the MR's {@code metadata.generation} after the write
 * (null if the API did not report one): the request is done once Crossplane reports Ready for it.
 */
@Revision("1")
public record ManagedResourceAppliedEvent(
        ResourceId resourceId, RequestId requestId, ManagedResourceBinding binding, Long generation) {

    public ManagedResourceAppliedEvent(ResourceId resourceId, RequestId requestId, ManagedResourceBinding binding) {
        this(resourceId, requestId, binding, null);
    }
}
