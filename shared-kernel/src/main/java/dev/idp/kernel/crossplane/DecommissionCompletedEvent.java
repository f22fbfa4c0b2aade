package dev.idp.kernel.crossplane;

import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;
import org.axonframework.serialization.Revision;

/** The decommission is done: the managed resource is gone (and, with deletion policy Delete, the account too). */
@Revision("1")
public record DecommissionCompletedEvent(ResourceId resourceId, RequestId requestId) {}
