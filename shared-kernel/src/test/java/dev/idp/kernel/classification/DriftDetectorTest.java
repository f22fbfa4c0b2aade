package dev.idp.kernel.classification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idp.kernel.storageaccount.AccessTier;
import dev.idp.kernel.storageaccount.AccountKind;
import dev.idp.kernel.storageaccount.AccountTier;
import dev.idp.kernel.storageaccount.PublicNetworkAccess;
import dev.idp.kernel.storageaccount.ReplicationType;
import dev.idp.kernel.storageaccount.StorageAccountSpec;
import dev.idp.kernel.storageaccount.TlsVersion;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** storage-account-fields.md's normalization facts, with the casing and nulls the real services produce. */
class DriftDetectorTest {

    static final Map<String, String> OWNERSHIP = Map.of("idp-managed-by", "idp-storage-accounts");

    static StorageAccountSpec spec(AccessTier accessTier, TlsVersion tls, boolean sharedKey) {
        return new StorageAccountSpec(
                "westeurope",
                AccountKind.StorageV2,
                AccountTier.Standard,
                ReplicationType.RAGRS,
                accessTier,
                tls,
                PublicNetworkAccess.Enabled,
                false,
                sharedKey,
                false,
                Map.of("cost-center", "cc-1"));
    }

    static Map<String, String> tags(String... pairs) {
        Map<String, String> tags = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            tags.put(pairs[i], pairs[i + 1]);
        }
        return tags;
    }

    @Test
    void readsNullsAsTheirDocumentedDefaults() {
        // ARM omits allowSharedKeyAccess (true), minimumTlsVersion (TLS1_0), allowBlobPublicAccess (false),
        // allowCrossTenantReplication (false) and publicNetworkAccess (Enabled)
        ObservedStorageAccount observed = ObservedStorageAccount.fromAzure(
                "westeurope",
                "StorageV2",
                "Standard_RAGRS",
                null,
                "Hot",
                null,
                null,
                null,
                null,
                null,
                tags("cost-center", "cc-1", "idp-managed-by", "idp-storage-accounts"));

        assertThat(observed.allowSharedKeyAccess()).isTrue();
        assertThat(observed.minimumTlsVersion()).isEqualTo("TLS1_0");
        assertThat(observed.allowBlobPublicAccess()).isFalse();
        assertThat(observed.allowCrossTenantReplication()).isFalse();
        assertThat(observed.publicNetworkAccess()).isEqualTo("Enabled");
        assertThat(DriftDetector.drift(spec(AccessTier.Hot, TlsVersion.TLS1_0, true), OWNERSHIP, observed))
                .isEmpty();
        assertThat(DriftDetector.drift(spec(AccessTier.Hot, TlsVersion.TLS1_2, false), OWNERSHIP, observed))
                .extracting(Drift::field)
                .containsExactly("minimumTlsVersion", "allowSharedKeyAccess");
    }

    @Test
    void readsResourceGraphsLowerCaseValuesAndRegionsWithSpaces() {
        ObservedStorageAccount observed = ObservedStorageAccount.fromAzure(
                "West Europe",
                "storagev2",
                "standard_ragrs",
                null,
                "hot",
                "tls1_2",
                "enabled",
                false,
                true,
                false,
                tags("Cost-Center", "cc-1", "IDP-MANAGED-BY", "idp-storage-accounts"));

        assertThat(observed.accountKind()).isEqualTo("StorageV2");
        assertThat(observed.accountTier()).isEqualTo("Standard");
        assertThat(observed.replicationType()).isEqualTo("RAGRS");
        assertThat(DriftDetector.drift(spec(AccessTier.Hot, TlsVersion.TLS1_2, true), OWNERSHIP, observed))
                .isEmpty();
    }

    @Test
    void comparesAccessTierOnlyWhereTheSpecSetsOne() {
        ObservedStorageAccount cool = ObservedStorageAccount.fromAzure(
                "westeurope",
                "StorageV2",
                "Standard_RAGRS",
                null,
                "Cool",
                "TLS1_2",
                "Enabled",
                false,
                true,
                false,
                tags("cost-center", "cc-1", "idp-managed-by", "idp-storage-accounts"));

        assertThat(DriftDetector.drift(spec(null, TlsVersion.TLS1_2, true), OWNERSHIP, cool))
                .isEmpty();
        assertThat(DriftDetector.drift(spec(AccessTier.Hot, TlsVersion.TLS1_2, true), OWNERSHIP, cool))
                .containsExactly(new Drift("accessTier", "Hot", "Cool"));
    }

    @Test
    void ignoresTagsThePlatformDoesNotOwnButNotChangesToOwnedOnes() {
        StorageAccountSpec spec = spec(AccessTier.Hot, TlsVersion.TLS1_2, true);
        ObservedStorageAccount withPolicyTags = ObservedStorageAccount.fromAzure(
                "westeurope",
                "StorageV2",
                "Standard_RAGRS",
                null,
                "Hot",
                "TLS1_2",
                "Enabled",
                false,
                true,
                false,
                tags("cost-center", "cc-1", "idp-managed-by", "idp-storage-accounts", "added-by-policy", "x"));
        ObservedStorageAccount changedValue = ObservedStorageAccount.fromAzure(
                "westeurope",
                "StorageV2",
                "Standard_RAGRS",
                null,
                "Hot",
                "TLS1_2",
                "Enabled",
                false,
                true,
                false,
                tags("cost-center", "CC-1", "idp-managed-by", "idp-storage-accounts"));
        ObservedStorageAccount removed = ObservedStorageAccount.fromAzure(
                "westeurope",
                "StorageV2",
                "Standard_RAGRS",
                null,
                "Hot",
                "TLS1_2",
                "Enabled",
                false,
                true,
                false,
                tags("cost-center", "cc-1"));

        assertThat(DriftDetector.drift(spec, OWNERSHIP, withPolicyTags)).isEmpty();
        assertThat(DriftDetector.drift(spec, OWNERSHIP, changedValue))
                .containsExactly(new Drift("tags.cost-center", "cc-1", "CC-1"));
        assertThat(DriftDetector.drift(spec, OWNERSHIP, removed))
                .containsExactly(new Drift("tags.idp-managed-by", "idp-storage-accounts", null));
    }

    @Test
    void treatsSecuredByPerimeterAsNeitherEnabledNorDisabled() {
        ObservedStorageAccount perimeter = ObservedStorageAccount.fromAzure(
                "westeurope",
                "StorageV2",
                "Standard_RAGRS",
                null,
                "Hot",
                "TLS1_2",
                "SecuredByPerimeter",
                false,
                true,
                false,
                tags("cost-center", "cc-1", "idp-managed-by", "idp-storage-accounts"));

        assertThat(DriftDetector.drift(spec(AccessTier.Hot, TlsVersion.TLS1_2, true), OWNERSHIP, perimeter))
                .containsExactly(new Drift("publicNetworkAccess", "Enabled", "SecuredByPerimeter"));
    }

    @Test
    void takesTheTierFromSkuTierWhenGiven() {
        ObservedStorageAccount observed = ObservedStorageAccount.fromAzure(
                "westeurope",
                "BlockBlobStorage",
                "Premium_LRS",
                "Premium",
                null,
                "TLS1_2",
                "Enabled",
                false,
                true,
                false,
                Map.of());

        assertThat(observed.accountTier()).isEqualTo("Premium");
        assertThat(observed.replicationType()).isEqualTo("LRS");
        assertThat(observed.accessTier()).isNull();
    }
}
