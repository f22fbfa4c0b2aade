package dev.idp.kernel.crossplane;

import dev.idp.kernel.azure.ArmId;
import dev.idp.kernel.ids.ResourceId;
import org.axonframework.serialization.Revision;

/** Crossplane reported the Azure resource behind the managed resource. */
@Revision("1")
public record AzureBindingRecordedEvent(
        ResourceId resourceId, ArmId armId, String subscriptionId, String resourceGroup, String location) {}
