package dev.idp.kernel.observation;

import dev.idp.kernel.azure.ArmId;
import dev.idp.kernel.classification.ObservedStorageAccount;
import dev.idp.kernel.ids.ResourceId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An account in the observed scope that no request claims, seen for the first time: it is {@code CLOUD_ONLY}. Its
 * placement is the ARM ID's; its owned fields are {@code observed}.
 */
@Revision("1")
public record StorageAccountDiscoveredEvent(
        ResourceId resourceId,
        ArmId armId,
        String subscriptionId,
        String resourceGroup,
        String name,
        ObservedStorageAccount observed,
        ObservationSource source,
        Instant observedAt,
        String sweepId) {}
