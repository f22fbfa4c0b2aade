package dev.idp.kernel.crossplane;

import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;
import org.axonframework.serialization.Revision;

/** The change's managed resource is Synced and Ready for the changed spec: Azure has the account as now asked. */
@Revision("1")
public record SpecChangeCompletedEvent(ResourceId resourceId, RequestId requestId) {}
