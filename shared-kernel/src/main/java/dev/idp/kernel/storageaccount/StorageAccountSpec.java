package dev.idp.kernel.storageaccount;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The desired state of a storage account's owned fields, validated. Built only through {@link SpecValidator}, which
 * also fills the documented defaults, so that every desired state in the event store is explicit.
 *
 * @param location the programmatic region name ({@code westeurope})
 * @param accessTier null where the request sets none; then it is not compared
 * @param tags the tags the spec owns (ownership tags are added by the platform, not part of the spec), sorted by name
 */
public record StorageAccountSpec(
        String location,
        AccountKind accountKind,
        AccountTier accountTier,
        ReplicationType replicationType,
        AccessTier accessTier,
        TlsVersion minimumTlsVersion,
        PublicNetworkAccess publicNetworkAccess,
        boolean allowBlobPublicAccess,
        boolean allowSharedKeyAccess,
        boolean allowCrossTenantReplication,
        Map<String, String> tags) {

    public StorageAccountSpec {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(accountKind, "accountKind");
        Objects.requireNonNull(accountTier, "accountTier");
        Objects.requireNonNull(replicationType, "replicationType");
        Objects.requireNonNull(minimumTlsVersion, "minimumTlsVersion");
        Objects.requireNonNull(publicNetworkAccess, "publicNetworkAccess");
        tags = Collections.unmodifiableMap(new TreeMap<>(tags == null ? Map.of() : tags));
    }

    /** {@code sku.name} in ARM: {@code Standard_ZRS}. */
    public String skuName() {
        return accountTier.name() + "_" + replicationType.name();
    }
}
