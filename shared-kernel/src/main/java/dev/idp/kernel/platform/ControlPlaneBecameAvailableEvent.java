package dev.idp.kernel.platform;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The control plane answers again (or for the first time) since {@code since}; waiting applies run now. */
@Revision("1")
public record ControlPlaneBecameAvailableEvent(String controlPlaneId, String detail, Instant since) {}
