package dev.idp.kernel.crossplane;

import dev.idp.kernel.ids.ResourceId;
import org.axonframework.serialization.Revision;

/**
 * The managed resource of a live account disappeared from the cluster without a decommission (a lost cluster, an
 * incomplete restore, a manual delete). Azure may still hold the account; recovery decides what to do.
 */
@Revision("1")
public record ManagedResourceLostEvent(ResourceId resourceId, String name) {}
