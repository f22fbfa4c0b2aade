package dev.idp.kernel.observation;

import dev.idp.kernel.azure.ArmId;
import dev.idp.kernel.classification.ObservedStorageAccount;
import dev.idp.kernel.ids.ResourceId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Azure holds the account with these owned fields (normalized), different from the last observation recorded. */
@Revision("1")
public record AzureStateObservedEvent(
        ResourceId resourceId,
        ArmId armId,
        ObservedStorageAccount observed,
        ObservationSource source,
        Instant observedAt,
        String sweepId) {}
