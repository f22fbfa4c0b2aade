package dev.idp.kernel.storageaccount;

import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;
import org.axonframework.serialization.Revision;

/** The account's retirement was asked for. It stays known (and its name held) until the deletion is done. */
@Revision("1")
public record StorageAccountDecommissionRequestedEvent(ResourceId resourceId, RequestId requestId) {}
