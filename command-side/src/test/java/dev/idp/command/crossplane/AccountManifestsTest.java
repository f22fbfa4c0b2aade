package dev.idp.command.crossplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;
import dev.idp.kernel.storageaccount.AccessTier;
import dev.idp.kernel.storageaccount.AccountKind;
import dev.idp.kernel.storageaccount.AccountTier;
import dev.idp.kernel.storageaccount.Owner;
import dev.idp.kernel.storageaccount.OwnershipTags;
import dev.idp.kernel.storageaccount.PublicNetworkAccess;
import dev.idp.kernel.storageaccount.ReplicationType;
import dev.idp.kernel.storageaccount.StorageAccountRequest;
import dev.idp.kernel.storageaccount.StorageAccountSpec;
import dev.idp.kernel.storageaccount.TlsVersion;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The MR this service writes, checked against the provider's real CRD (../shared/fixtures, unmodified). */
class AccountManifestsTest {

    private static final Path CRD =
            Path.of("../../shared/fixtures/crossplane-provider-azure/storage.azure.upbound.io_accounts.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ResourceId resourceId = ResourceId.random();
    private final RequestId requestId = RequestId.random();

    static StorageAccountRequest request(StorageAccountSpec spec) {
        return new StorageAccountRequest(
                "storage-account",
                "00000000-0000-0000-0000-0000000000a1",
                "rg-payments",
                "stpayments001",
                new Owner("payments", "alice@example.com"),
                spec);
    }

    static StorageAccountSpec standard() {
        return new StorageAccountSpec(
                "westeurope",
                AccountKind.StorageV2,
                AccountTier.Standard,
                ReplicationType.ZRS,
                AccessTier.Hot,
                TlsVersion.TLS1_2,
                PublicNetworkAccess.Disabled,
                false,
                false,
                false,
                Map.of("cost-center", "cc-1234"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"v1beta2", "v1beta1"})
    void validatesAgainstTheProvidersCrd(String version) throws IOException {
        CrossplaneProperties properties = new CrossplaneProperties(version, "default", "Delete", null, null);
        GenericKubernetesResource mr =
                new AccountManifests(properties).account(resourceId, requestId, request(standard()));

        assertThat(schemaErrors(version, mr)).isEmpty();
        assertThat(mr.getApiVersion()).isEqualTo("storage.azure.upbound.io/" + version);
        assertThat(mr.getKind()).isEqualTo("Account");
    }

    @Test
    void theValidatorCatchesAFieldOfTheWrongType() throws IOException {
        GenericKubernetesResource mr = new AccountManifests(CrossplaneProperties.defaults())
                .account(resourceId, requestId, request(standard()));
        forProvider(mr).put("publicNetworkAccessEnabled", "Disabled");

        assertThat(schemaErrors("v1beta2", mr)).isNotEmpty();
    }

    @Test
    void mapsEveryOwnedFieldToItsProviderName() {
        GenericKubernetesResource mr = new AccountManifests(CrossplaneProperties.defaults())
                .account(resourceId, requestId, request(standard()));

        Map<String, Object> forProvider = forProvider(mr);
        assertThat(forProvider)
                .containsEntry("location", "westeurope")
                .containsEntry("resourceGroupName", "rg-payments")
                .containsEntry("accountKind", "StorageV2")
                .containsEntry("accountTier", "Standard")
                .containsEntry("accountReplicationType", "ZRS")
                .containsEntry("accessTier", "Hot")
                .containsEntry("minTlsVersion", "TLS1_2")
                .containsEntry("publicNetworkAccessEnabled", false)
                .containsEntry("allowNestedItemsToBePublic", false)
                .containsEntry("sharedAccessKeyEnabled", false)
                .containsEntry("crossTenantReplicationEnabled", false);
        assertThat(forProvider.get("tags"))
                .isEqualTo(Map.of(
                        "cost-center",
                        "cc-1234",
                        OwnershipTags.MANAGED_BY,
                        OwnershipTags.MANAGED_BY_VALUE,
                        OwnershipTags.RESOURCE_ID,
                        resourceId.toString(),
                        OwnershipTags.REQUEST_ID,
                        requestId.toString(),
                        OwnershipTags.TEAM,
                        "payments"));
    }

    @Test
    void namesTheMrAfterTheAccountAndBindsItByExternalName() {
        GenericKubernetesResource mr = new AccountManifests(CrossplaneProperties.defaults())
                .account(resourceId, requestId, request(standard()));

        assertThat(mr.getMetadata().getName()).isEqualTo("stpayments001");
        assertThat(mr.getMetadata().getAnnotations()).containsEntry("crossplane.io/external-name", "stpayments001");
        assertThat(mr.getMetadata().getLabels())
                .containsEntry("idp.dev/resource-id", resourceId.toString())
                .containsEntry("idp.dev/request-id", requestId.toString())
                .containsEntry("idp.dev/team", "payments")
                .containsEntry("idp.dev/managed-by", "idp-storage-accounts");
        @SuppressWarnings("unchecked")
        Map<String, Object> spec =
                (Map<String, Object>) mr.getAdditionalProperties().get("spec");
        assertThat(spec)
                .containsEntry("providerConfigRef", Map.of("name", "default"))
                .containsEntry("deletionPolicy", "Delete")
                .containsEntry("managementPolicies", List.of("*"));
    }

    @Test
    void leavesAccessTierOutForKindsWithoutOne() {
        StorageAccountSpec files = new StorageAccountSpec(
                "westeurope",
                AccountKind.FileStorage,
                AccountTier.Premium,
                ReplicationType.LRS,
                null,
                TlsVersion.TLS1_2,
                PublicNetworkAccess.Enabled,
                false,
                true,
                false,
                Map.of());

        Map<String, Object> forProvider = forProvider(
                new AccountManifests(CrossplaneProperties.defaults()).account(resourceId, requestId, request(files)));

        assertThat(forProvider).doesNotContainKey("accessTier").containsEntry("publicNetworkAccessEnabled", true);
    }

    @Test
    void keepsATeamThatIsNoValidLabelValueAsAnAnnotationOnly() {
        StorageAccountRequest odd = new StorageAccountRequest(
                "storage-account",
                "00000000-0000-0000-0000-0000000000a1",
                "rg-payments",
                "stpayments001",
                new Owner("Payments & Billing", "alice@example.com"),
                standard());

        GenericKubernetesResource mr =
                new AccountManifests(CrossplaneProperties.defaults()).account(resourceId, requestId, odd);

        assertThat(mr.getMetadata().getLabels()).doesNotContainKey("idp.dev/team");
        assertThat(mr.getMetadata().getAnnotations()).containsEntry("idp.dev/team", "Payments & Billing");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> forProvider(GenericKubernetesResource mr) {
        return (Map<String, Object>)
                ((Map<String, Object>) mr.getAdditionalProperties().get("spec")).get("forProvider");
    }

    /** The CRD version's openAPIV3Schema as a JSON schema (draft 4 is what OpenAPI v3's subset is closest to). */
    static Set<ValidationMessage> schemaErrors(String version, GenericKubernetesResource mr) throws IOException {
        JsonNode crd = new ObjectMapper(new YAMLFactory()).readTree(CRD.toFile());
        JsonNode schema = null;
        for (JsonNode v : crd.at("/spec/versions")) {
            if (v.get("name").asText().equals(version)) {
                schema = v.at("/schema/openAPIV3Schema");
            }
        }
        assertThat(schema).as("the CRD serves %s", version).isNotNull();
        ObjectNode closed = schema.deepCopy();
        JsonSchema validator =
                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(closed);
        return validator.validate(JSON.valueToTree(mr));
    }
}
