package dev.idp.command.crossplane;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * How the service writes Crossplane managed resources ({@code idp.crossplane.*}).
 *
 * @param apiVersion the {@code Account} version written: the storage version {@code v1beta2} unless the cluster's
 *     provider serves only an older one
 * @param providerConfig the {@code ProviderConfig} every MR references
 * @param deletionPolicy {@code Delete} (decommission deletes the Azure account) or {@code Orphan}
 * @param managementPolicies Crossplane's management policies for new MRs; {@code ["*"]} is full control
 * @param fieldManager the server-side-apply field manager this service owns its fields under
 * @param stuckAfter how long a request may go without finishing before it is marked stuck in its history
 */
@ConfigurationProperties("idp.crossplane")
public record CrossplaneProperties(
        String apiVersion,
        String providerConfig,
        String deletionPolicy,
        List<String> managementPolicies,
        String fieldManager,
        Duration stuckAfter) {

    public static final String GROUP = "storage.azure.upbound.io";

    @ConstructorBinding
    public CrossplaneProperties {
        apiVersion = apiVersion == null || apiVersion.isBlank() ? "v1beta2" : apiVersion;
        providerConfig = providerConfig == null || providerConfig.isBlank() ? "default" : providerConfig;
        deletionPolicy = deletionPolicy == null || deletionPolicy.isBlank() ? "Delete" : deletionPolicy;
        if (!deletionPolicy.equals("Delete") && !deletionPolicy.equals("Orphan")) {
            throw new IllegalArgumentException(
                    "idp.crossplane.deletion-policy must be Delete or Orphan, not " + deletionPolicy);
        }
        managementPolicies = managementPolicies == null || managementPolicies.isEmpty()
                ? List.of("*")
                : List.copyOf(managementPolicies);
        fieldManager = fieldManager == null || fieldManager.isBlank() ? "idp-storage-accounts" : fieldManager;
        stuckAfter = stuckAfter == null ? Duration.ofMinutes(30) : stuckAfter;
        if (stuckAfter.isNegative() || stuckAfter.isZero()) {
            throw new IllegalArgumentException("idp.crossplane.stuck-after must be positive");
        }
    }

    public CrossplaneProperties(
            String apiVersion,
            String providerConfig,
            String deletionPolicy,
            List<String> managementPolicies,
            String fieldManager) {
        this(apiVersion, providerConfig, deletionPolicy, managementPolicies, fieldManager, null);
    }

    public static CrossplaneProperties defaults() {
        return new CrossplaneProperties(null, null, null, null, null);
    }

    public String fullApiVersion() {
        return GROUP + "/" + apiVersion;
    }
}
