package dev.idp.command.observation;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.resourcemanager.storage.fluent.models.StorageAccountInner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idp.command.observation.AzureInventory.Listed;
import dev.idp.command.observation.ObservationStore.Claim;
import dev.idp.kernel.azure.ArmId;
import dev.idp.kernel.classification.ObservedStorageAccount;
import dev.idp.kernel.ids.ResourceId;
import dev.idp.kernel.observation.UnclaimedAccounts;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Correlation and normalization rules, each with the casing and nulls the real services produce: ARM's own list
 * example from the REST spec (every owned property null), Resource Graph rows with {@code tostring(null)} as "" and
 * lower-cased values, ARM IDs in another casing, and tags the platform does not own.
 */
class NormalizationTest {

    static final String SUB = "00000000-0000-0000-0000-0000000000a1";
    static final Path FIXTURES = Path.of("../../shared/fixtures/azure-rest-api-specs");
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void armsOwnExampleWithEveryPropertyNullReadsAsTheDocumentedDefaults() throws Exception {
        JsonNode example = JSON.readTree(
                FIXTURES.resolve("storage-2024-01-01/StorageAccountList.json").toFile());
        for (JsonNode account : example.at("/responses/200/body/value")) {
            // the example's path parameter placeholder, filled in as a caller would
            String body = account.toString().replace("{subscription-id}", SUB);
            StorageAccountInner inner;
            try (JsonReader reader = JsonProviders.createReader(body)) {
                inner = StorageAccountInner.fromJson(reader);
            }
            Listed listed = AzureInventory.fromArm(inner);
            ObservedStorageAccount observed = listed.observed();
            assertThat(observed.minimumTlsVersion()).isEqualTo("TLS1_0");
            assertThat(observed.allowSharedKeyAccess()).isTrue();
            assertThat(observed.allowBlobPublicAccess()).isFalse();
            assertThat(observed.allowCrossTenantReplication()).isFalse();
            assertThat(observed.publicNetworkAccess()).isEqualTo("Enabled");
            assertThat(observed.accountKind()).isEqualTo("Storage");
            assertThat(observed.accountTier()).isEqualTo("Standard");
            assertThat(observed.replicationType()).isEqualTo("GRS");
            assertThat(listed.armId().subscriptionId()).isEqualTo(SUB);
        }
    }

    @Test
    void aResourceGraphRowWithEmptyStringsAndLowerCaseValuesNormalizes() {
        Map<String, Object> row = new HashMap<>();
        row.put(
                "id",
                "/subscriptions/" + SUB
                        + "/resourcegroups/rg-payments/providers/microsoft.storage/storageaccounts/stx");
        row.put("location", "West Europe");
        row.put("kind", "storagev2");
        row.put("sku", Map.of("name", "standard_ragrs", "tier", "standard"));
        row.put("tags", null);
        row.put("accessTier", "hot");
        row.put("minimumTlsVersion", ""); // tostring(null)
        row.put("publicNetworkAccess", "");
        row.put("allowBlobPublicAccess", null);
        row.put("allowSharedKeyAccess", "false");
        row.put("allowCrossTenantReplication", true);
        ObservedStorageAccount observed = AzureInventory.fromRow(row).observed();
        assertThat(observed.location()).isEqualTo("westeurope");
        assertThat(observed.accountKind()).isEqualTo("StorageV2");
        assertThat(observed.accountTier()).isEqualTo("Standard");
        assertThat(observed.replicationType()).isEqualTo("RAGRS");
        assertThat(observed.accessTier()).isEqualTo("Hot");
        assertThat(observed.minimumTlsVersion()).isEqualTo("TLS1_0");
        assertThat(observed.publicNetworkAccess()).isEqualTo("Enabled");
        assertThat(observed.allowBlobPublicAccess()).isFalse();
        assertThat(observed.allowSharedKeyAccess()).isFalse();
        assertThat(observed.allowCrossTenantReplication()).isTrue();
        assertThat(observed.tags()).isEmpty();
    }

    @Test
    void armIdsCorrelateWhateverTheirCasing() {
        ArmId requested = ArmId.parse("/subscriptions/" + SUB
                + "/resourceGroups/RG-Payments/providers/Microsoft.Storage/storageAccounts/stpay01");
        ArmId listed = ArmId.parse("/subscriptions/" + SUB
                + "/resourcegroups/rg-payments/providers/microsoft.storage/storageaccounts/stpay01");
        ResourceId resourceId = ResourceId.random();
        Map<String, Claim> claims =
                Map.of(requested.normalized(), new Claim(requested, resourceId, Set.of(), Instant.now(), false));
        assertThat(ShardSweeper.target(listed, claims).resourceId()).isEqualTo(resourceId);
        assertThat(ShardSweeper.target(listed, claims).claimed()).isTrue();
        assertThat(UnclaimedAccounts.resourceId(requested)).isEqualTo(UnclaimedAccounts.resourceId(listed));
        assertThat(ShardSweeper.target(listed, Map.of()).resourceId()).isEqualTo(UnclaimedAccounts.resourceId(listed));
    }

    @Test
    void tagsThePlatformDoesNotOwnAreIgnoredForRequestedAccountsAndKeptForUnclaimedOnes() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("Cost-Center", "cc-1");
        tags.put("IDP-Managed-By", "idp-storage-accounts");
        tags.put("added-by-policy", "yes");
        ObservedStorageAccount observed = observed(tags);
        Claim claim =
                new Claim(null, ResourceId.random(), Set.of("cost-center", "idp-managed-by"), Instant.now(), false);
        assertThat(ShardSweeper.owned(observed, claim).tags()).containsOnlyKeys("Cost-Center", "IDP-Managed-By");
        assertThat(ShardSweeper.owned(observed, null).tags()).hasSize(3);

        Map<String, String> morePolicy = new LinkedHashMap<>(tags);
        morePolicy.put("added-by-policy", "changed");
        assertThat(ShardSweeper.fingerprint(ShardSweeper.owned(observed(morePolicy), claim)))
                .as("a change to a tag the platform does not own records nothing")
                .isEqualTo(ShardSweeper.fingerprint(ShardSweeper.owned(observed, claim)));
        Map<String, String> ownedChanged = new LinkedHashMap<>(tags);
        ownedChanged.put("Cost-Center", "cc-2");
        assertThat(ShardSweeper.fingerprint(ShardSweeper.owned(observed(ownedChanged), claim)))
                .isNotEqualTo(ShardSweeper.fingerprint(ShardSweeper.owned(observed, claim)));
    }

    @Test
    void theFingerprintDependsOnStateNotOnOrder() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("a", "1");
        ab.put("b", "2");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("b", "2");
        ba.put("a", "1");
        assertThat(ShardSweeper.fingerprint(observed(ab))).isEqualTo(ShardSweeper.fingerprint(observed(ba)));
        ObservedStorageAccount tls10 = ObservedStorageAccount.fromAzure(
                "westeurope", "StorageV2", "Standard_LRS", null, null, "TLS1_0", null, null, null, null, ab);
        assertThat(ShardSweeper.fingerprint(tls10)).isNotEqualTo(ShardSweeper.fingerprint(observed(ab)));
        ObservedStorageAccount nullTls = ObservedStorageAccount.fromAzure(
                "westeurope", "StorageV2", "Standard_LRS", null, null, null, null, null, null, null, ab);
        assertThat(ShardSweeper.fingerprint(nullTls))
                .as("null is TLS1_0: no change")
                .isEqualTo(ShardSweeper.fingerprint(tls10));
    }

    @Test
    void resourceGraphQuotaResetTimesParse() {
        assertThat(AzureInventory.hms("00:00:04")).isEqualTo(Duration.ofSeconds(4));
        assertThat(AzureInventory.hms("00:01:00.5")).isEqualTo(Duration.ofMillis(60_500));
        assertThat(AzureInventory.hms("garbage")).isEqualTo(Duration.ofSeconds(5));
    }

    static ObservedStorageAccount observed(Map<String, String> tags) {
        return ObservedStorageAccount.fromAzure(
                "westeurope", "StorageV2", "Standard_LRS", null, null, "TLS1_2", null, false, false, false, tags);
    }
}
