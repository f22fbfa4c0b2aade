package dev.idp.kernel.storageaccount;

import dev.idp.kernel.azure.ArmId;
import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;
import org.axonframework.serialization.Revision;

/**
 * A storage account was requested: the durable record of intent, committed before anything is written to Kubernetes.
 * When it happened and who asked are in the event's timestamp and metadata ({@code actor}).
 */
@Revision("1")
public record StorageAccountRequestedEvent(
        ResourceId resourceId,
        RequestId requestId,
        String workflowType,
        String subscriptionId,
        String resourceGroup,
        String name,
        ArmId armId,
        Owner owner,
        StorageAccountSpec spec) {}
