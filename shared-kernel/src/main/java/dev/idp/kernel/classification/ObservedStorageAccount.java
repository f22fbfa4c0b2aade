package dev.idp.kernel.classification;

import dev.idp.kernel.azure.AzureRegions;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An account's owned fields as Azure reported them, normalized so they compare with a desired spec: enum values in the
 * API's spelling whatever casing Resource Graph used, {@code sku.name} split into tier and replication, and every null
 * replaced by the default the storage API documents for it.
 *
 * <p>Null or absent means: {@code minimumTlsVersion} TLS1_0, {@code allowSharedKeyAccess} true,
 * {@code allowBlobPublicAccess} false (the current API; older versions said true), {@code allowCrossTenantReplication}
 * false (the default for accounts created since the change; older accounts are reported explicitly by ARM),
 * {@code publicNetworkAccess} Enabled. {@code accessTier} stays null when Azure reports none.
 */
public record ObservedStorageAccount(
        String location,
        String accountKind,
        String accountTier,
        String replicationType,
        String accessTier,
        String minimumTlsVersion,
        String publicNetworkAccess,
        boolean allowBlobPublicAccess,
        boolean allowSharedKeyAccess,
        boolean allowCrossTenantReplication,
        Map<String, String> tags) {

    public ObservedStorageAccount {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /**
     * From the raw values of an ARM read or a Resource Graph row.
     *
     * @param skuName e.g. {@code Standard_RAGRS} (any casing)
     * @param skuTier {@code sku.tier} if reported, else null (then the prefix of the name)
     */
    public static ObservedStorageAccount fromAzure(
            String location,
            String kind,
            String skuName,
            String skuTier,
            String accessTier,
            String minimumTlsVersion,
            String publicNetworkAccess,
            Boolean allowBlobPublicAccess,
            Boolean allowSharedKeyAccess,
            Boolean allowCrossTenantReplication,
            Map<String, String> tags) {
        String sku = skuName == null ? "" : skuName;
        int underscore = sku.indexOf('_');
        String tier =
                skuTier != null && !skuTier.isBlank() ? skuTier : underscore > 0 ? sku.substring(0, underscore) : null;
        String replication = underscore > 0 ? sku.substring(underscore + 1) : null;
        return new ObservedStorageAccount(
                location == null ? null : AzureRegions.fold(location),
                canonical(kind, "StorageV2", "BlobStorage", "BlockBlobStorage", "FileStorage", "Storage"),
                canonical(tier, "Standard", "Premium"),
                canonical(replication, "LRS", "GRS", "RAGRS", "ZRS", "GZRS", "RAGZRS"),
                canonical(accessTier, "Hot", "Cool", "Cold", "Premium"),
                minimumTlsVersion == null
                        ? "TLS1_0"
                        : canonical(minimumTlsVersion, "TLS1_0", "TLS1_1", "TLS1_2", "TLS1_3"),
                publicNetworkAccess == null
                        ? "Enabled"
                        : canonical(publicNetworkAccess, "Enabled", "Disabled", "SecuredByPerimeter"),
                allowBlobPublicAccess != null && allowBlobPublicAccess,
                allowSharedKeyAccess == null || allowSharedKeyAccess,
                allowCrossTenantReplication != null && allowCrossTenantReplication,
                tags == null ? Map.of() : new TreeMap<>(tags));
    }

    /** The API's spelling of a value reported in any casing; an unknown value is kept as reported. */
    private static String canonical(String value, String... known) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (String k : known) {
            if (k.equalsIgnoreCase(value.trim())) {
                return k;
            }
        }
        return value.trim();
    }

    /** The same account with other tags (e.g. only those the platform owns). */
    public ObservedStorageAccount withTags(Map<String, String> newTags) {
        return new ObservedStorageAccount(
                location,
                accountKind,
                accountTier,
                replicationType,
                accessTier,
                minimumTlsVersion,
                publicNetworkAccess,
                allowBlobPublicAccess,
                allowSharedKeyAccess,
                allowCrossTenantReplication,
                newTags);
    }

    /** The value of a tag, its name compared ignoring case as Azure does; null when absent. */
    public String tag(String name) {
        for (Map.Entry<String, String> e : tags.entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return e.getValue();
            }
        }
        return null;
    }
}
