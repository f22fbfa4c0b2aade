package dev.idp.kernel.classification;

import dev.idp.kernel.azure.AzureRegions;
import dev.idp.kernel.storageaccount.StorageAccountSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Field-level drift on the owned fields only (storage-account-fields.md): both sides normalized first, regions
 * compared folded, {@code accessTier} only where the desired spec sets one, tags only those the platform owns (the
 * spec's and the ownership tags) with names compared ignoring case and values exactly.
 */
public final class DriftDetector {

    private DriftDetector() {}

    public static List<Drift> drift(
            StorageAccountSpec desired, Map<String, String> ownershipTags, ObservedStorageAccount observed) {
        List<Drift> drift = new ArrayList<>();
        if (!AzureRegions.fold(desired.location()).equals(observed.location())) {
            drift.add(new Drift("location", desired.location(), observed.location()));
        }
        compare(drift, "accountKind", desired.accountKind().name(), observed.accountKind());
        compare(drift, "accountTier", desired.accountTier().name(), observed.accountTier());
        compare(drift, "replicationType", desired.replicationType().name(), observed.replicationType());
        if (desired.accessTier() != null) {
            compare(drift, "accessTier", desired.accessTier().name(), observed.accessTier());
        }
        compare(drift, "minimumTlsVersion", desired.minimumTlsVersion().name(), observed.minimumTlsVersion());
        compare(drift, "publicNetworkAccess", desired.publicNetworkAccess().name(), observed.publicNetworkAccess());
        compare(drift, "allowBlobPublicAccess", desired.allowBlobPublicAccess(), observed.allowBlobPublicAccess());
        compare(drift, "allowSharedKeyAccess", desired.allowSharedKeyAccess(), observed.allowSharedKeyAccess());
        compare(
                drift,
                "allowCrossTenantReplication",
                desired.allowCrossTenantReplication(),
                observed.allowCrossTenantReplication());
        Map<String, String> owned = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        owned.putAll(desired.tags());
        owned.putAll(ownershipTags);
        owned.forEach((name, value) -> compare(drift, "tags." + name, value, observed.tag(name)));
        return List.copyOf(drift);
    }

    private static void compare(List<Drift> drift, String field, Object desired, Object observed) {
        if (!Objects.equals(String.valueOf(desired), String.valueOf(observed))) {
            drift.add(new Drift(field, String.valueOf(desired), observed == null ? null : String.valueOf(observed)));
        }
    }
}
