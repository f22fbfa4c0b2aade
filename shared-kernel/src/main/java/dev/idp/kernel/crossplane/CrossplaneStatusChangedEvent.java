package dev.idp.kernel.crossplane;

import dev.idp.kernel.ids.ResourceId;
import org.axonframework.serialization.Revision;

/** The managed resource's conditions changed. */
@Revision("1")
public record CrossplaneStatusChangedEvent(ResourceId resourceId, CrossplaneStatus status) {}
