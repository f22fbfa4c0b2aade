package dev.idp.kernel.storageaccount;

import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;
import org.axonframework.serialization.Revision;

/** The desired spec of an account was replaced. Both sides are kept so that the history reads on its own. */
@Revision("1")
public record StorageAccountSpecChangeRequestedEvent(
        ResourceId resourceId, RequestId requestId, StorageAccountSpec previousSpec, StorageAccountSpec spec) {}
