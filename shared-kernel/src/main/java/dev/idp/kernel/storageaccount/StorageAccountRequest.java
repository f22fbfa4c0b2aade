package dev.idp.kernel.storageaccount;

import dev.idp.kernel.azure.ArmId;
import java.util.Objects;

/** What a submission asks for, validated: where the account goes, who owns it, and its desired spec. */
public record StorageAccountRequest(
        String workflowType,
        String subscriptionId,
        String resourceGroup,
        String name,
        Owner owner,
        StorageAccountSpec spec) {

    public StorageAccountRequest {
        Objects.requireNonNull(workflowType, "workflowType");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(resourceGroup, "resourceGroup");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(spec, "spec");
    }

    /** The ARM ID Azure will give this account: known at submission, before anything exists. */
    public ArmId armId() {
        return ArmId.ofStorageAccount(subscriptionId, resourceGroup, name);
    }
}
