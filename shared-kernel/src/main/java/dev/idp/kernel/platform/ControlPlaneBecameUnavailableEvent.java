package dev.idp.kernel.platform;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The control plane stopped answering (or lost its CRDs, or its provider is unhealthy) at {@code since}. */
@Revision("1")
public record ControlPlaneBecameUnavailableEvent(String controlPlaneId, String detail, Instant since) {}
