package dev.idp.command.crossplane;

import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;
import dev.idp.kernel.storageaccount.OwnershipTags;
import dev.idp.kernel.storageaccount.PublicNetworkAccess;
import dev.idp.kernel.storageaccount.StorageAccountRequest;
import dev.idp.kernel.storageaccount.StorageAccountSpec;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The Crossplane {@code Account} managed resource for a desired storage account, field by field per
 * {@code storage-account-fields.md}. The MR is named after the account (names are global in Azure, so they are unique
 * in the cluster too) and carries the account name as its external name, so Crossplane adopts an existing account
 * with that name instead of creating a second one.
 */
public final class AccountManifests {

    public static final String KIND = "Account";
    public static final String EXTERNAL_NAME = "crossplane.io/external-name";
    public static final String LABEL_PREFIX = "idp.dev/";
    public static final String LABEL_MANAGED_BY = LABEL_PREFIX + "managed-by";
    public static final String LABEL_RESOURCE_ID = LABEL_PREFIX + "resource-id";
    public static final String LABEL_REQUEST_ID = LABEL_PREFIX + "request-id";
    public static final String LABEL_TEAM = LABEL_PREFIX + "team";
    public static final String ANNOTATION_TEAM = LABEL_PREFIX + "team";

    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");

    private final CrossplaneProperties properties;

    public AccountManifests(CrossplaneProperties properties) {
        this.properties = properties;
    }

    /** The whole MR, as first applied. */
    public GenericKubernetesResource account(
            ResourceId resourceId, RequestId requestId, StorageAccountRequest request) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(LABEL_MANAGED_BY, OwnershipTags.MANAGED_BY_VALUE);
        labels.put(LABEL_RESOURCE_ID, resourceId.toString());
        labels.put(LABEL_REQUEST_ID, requestId.toString());
        if (LABEL_VALUE.matcher(request.owner().team()).matches()) {
            labels.put(LABEL_TEAM, request.owner().team());
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put(
                "forProvider",
                forProvider(request.resourceGroup(), request.spec(), ownershipTags(resourceId, requestId, request)));
        spec.put("providerConfigRef", Map.of("name", properties.providerConfig()));
        spec.put("deletionPolicy", properties.deletionPolicy());
        spec.put("managementPolicies", properties.managementPolicies());
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(properties.fullApiVersion())
                .withKind(KIND)
                .withNewMetadata()
                .withName(request.name())
                .withLabels(labels)
                .withAnnotations(Map.of(
                        EXTERNAL_NAME,
                        request.name(),
                        ANNOTATION_TEAM,
                        request.owner().team()))
                .endMetadata()
                .withAdditionalProperties(Map.of("spec", spec))
                .build();
    }

    /** {@code spec.forProvider}: what a change patches. */
    public static Map<String, Object> forProvider(
            String resourceGroup, StorageAccountSpec spec, Map<String, String> ownershipTags) {
        Map<String, Object> forProvider = new LinkedHashMap<>();
        forProvider.put("location", spec.location());
        forProvider.put("resourceGroupName", resourceGroup);
        forProvider.put("accountKind", spec.accountKind().name());
        forProvider.put("accountTier", spec.accountTier().name());
        forProvider.put("accountReplicationType", spec.replicationType().name());
        if (spec.accessTier() != null) {
            forProvider.put("accessTier", spec.accessTier().name());
        }
        forProvider.put("minTlsVersion", spec.minimumTlsVersion().name());
        forProvider.put("publicNetworkAccessEnabled", spec.publicNetworkAccess() == PublicNetworkAccess.Enabled);
        forProvider.put("allowNestedItemsToBePublic", spec.allowBlobPublicAccess());
        forProvider.put("sharedAccessKeyEnabled", spec.allowSharedKeyAccess());
        forProvider.put("crossTenantReplicationEnabled", spec.allowCrossTenantReplication());
        Map<String, String> tags = new TreeMap<>(spec.tags());
        tags.putAll(ownershipTags);
        forProvider.put("tags", tags);
        return forProvider;
    }

    public static Map<String, String> ownershipTags(
            ResourceId resourceId, RequestId requestId, StorageAccountRequest request) {
        return OwnershipTags.of(resourceId, requestId, request.owner().team());
    }

    public static List<String> fullControl() {
        return List.of("*");
    }
}
