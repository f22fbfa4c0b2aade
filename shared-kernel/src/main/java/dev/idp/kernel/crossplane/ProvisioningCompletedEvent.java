package dev.idp.kernel.crossplane;

import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;
import org.axonframework.serialization.Revision;

/** The request's managed resource is Synced and Ready: Azure has the account as asked. */
@Revision("1")
public record ProvisioningCompletedEvent(ResourceId resourceId, RequestId requestId) {}
