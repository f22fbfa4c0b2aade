package dev.idp.kernel.observation;

import dev.idp.kernel.azure.ArmId;
import dev.idp.kernel.ids.ResourceId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Azure has no such account: Resource Graph does not list it and a targeted ARM read confirmed it (Resource Graph lags
 * behind ARM, so its word alone is never taken for a disappearance).
 */
@Revision("1")
public record AzureAccountNotFoundEvent(
        ResourceId resourceId, ArmId armId, ObservationSource source, Instant observedAt, String sweepId) {}
