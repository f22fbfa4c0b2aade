package dev.idp.kernel.crossplane;

import java.util.List;

/** What binds a resource to Crossplane: the managed resource's identity and how it is managed. */
public record ManagedResourceBinding(
        String apiVersion,
        String kind,
        String name,
        String externalName,
        String providerConfig,
        List<String> managementPolicies,
        String deletionPolicy) {

    public ManagedResourceBinding {
        managementPolicies = managementPolicies == null ? List.of() : List.copyOf(managementPolicies);
    }
}
