package dev.idp.kernel.storageaccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.idp.kernel.error.DomainException;
import dev.idp.kernel.error.ErrorCode;
import dev.idp.kernel.error.FieldError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every rule of {@link SpecValidator}, table by table. The base submission is the example of the HTTP contract; each
 * case changes one thing (addressed by its JSON path) and names the field error it expects.
 */
class SpecValidatorTest {

    private static final String SUBSCRIPTION = "00000000-0000-0000-0000-000000000001";

    // ---------------------------------------------------------------------------------------------------------------
    // The contract example is valid, and becomes a request

    @Test
    void acceptsTheContractExampleAndBuildsTheRequest() {
        StorageAccountRequest request = assertValid(submission());

        assertThat(request.workflowType()).isEqualTo("storage-account");
        assertThat(request.subscriptionId()).isEqualTo(SUBSCRIPTION);
        assertThat(request.resourceGroup()).isEqualTo("rg-payments");
        assertThat(request.name()).isEqualTo("stpayments001");
        assertThat(request.owner()).isEqualTo(new Owner("payments", "alice@example.com"));
        assertThat(request.armId().value())
                .isEqualTo("/subscriptions/" + SUBSCRIPTION
                        + "/resourceGroups/rg-payments/providers/Microsoft.Storage/storageAccounts/stpayments001");
        StorageAccountSpec spec = request.spec();
        assertThat(spec.location()).isEqualTo("westeurope");
        assertThat(spec.accountKind()).isEqualTo(AccountKind.StorageV2);
        assertThat(spec.accountTier()).isEqualTo(AccountTier.Standard);
        assertThat(spec.replicationType()).isEqualTo(ReplicationType.ZRS);
        assertThat(spec.accessTier()).isEqualTo(AccessTier.Hot);
        assertThat(spec.minimumTlsVersion()).isEqualTo(TlsVersion.TLS1_2);
        assertThat(spec.publicNetworkAccess()).isEqualTo(PublicNetworkAccess.Disabled);
        assertThat(spec.allowBlobPublicAccess()).isFalse();
        assertThat(spec.allowSharedKeyAccess()).isFalse();
        assertThat(spec.allowCrossTenantReplication()).isFalse();
        assertThat(spec.tags()).containsExactly(Map.entry("cost-center", "cc-1234"));
        assertThat(spec.skuName()).isEqualTo("Standard_ZRS");
    }

    @Test
    void invalidSubmissionHasErrorsAndNoValue() {
        SpecValidator.Result<StorageAccountRequest> result =
                SpecValidator.validateSubmission(submission().with("name", "x").draft());

        assertThat(result.isValid()).isFalse();
        assertThat(result.value()).isNull();
        assertThat(result.errors()).isNotEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Required fields

    @ParameterizedTest(name = "reports missing {0}")
    @ValueSource(
            strings = {
                "subscriptionId",
                "resourceGroup",
                "name",
                "owner.team",
                "owner.requestedBy",
                "spec",
                "spec.location",
                "spec.accountKind",
                "spec.accountTier",
                "spec.replicationType"
            })
    void reportsMissingRequiredFieldByItsJsonPath(String path) {
        assertOnlyError(submission().with(path, null).errors(), path, "is required");
    }

    @ParameterizedTest(name = "may leave out {0}")
    @ValueSource(
            strings = {
                "workflowType",
                "spec.accessTier",
                "spec.minimumTlsVersion",
                "spec.publicNetworkAccess",
                "spec.allowBlobPublicAccess",
                "spec.allowSharedKeyAccess",
                "spec.allowCrossTenantReplication",
                "spec.tags"
            })
    void acceptsAbsentOptionalField(String path) {
        assertValid(submission().with(path, null));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Account name: 3 to 24 lowercase letters and digits

    @ParameterizedTest(name = "accepts account name \"{0}\"")
    @ValueSource(strings = {"abc", "123", "stpayments001", "abcdefghijklmnopqrstuvwx" /* 24 */})
    void acceptsAccountNameOfThreeToTwentyFourLowercaseLettersAndDigits(String name) {
        assertThat(assertValid(submission().with("name", name)).name()).isEqualTo(name);
    }

    static Stream<Arguments> invalidAccountNames() {
        return Stream.of(
                arguments("two characters", "ab"),
                arguments("25 characters", "abcdefghijklmnopqrstuvwxy"),
                arguments("empty", ""),
                arguments("uppercase", "StPayments001"),
                arguments("all uppercase", "STPAYMENTS"),
                arguments("hyphen", "st-payments"),
                arguments("underscore", "st_payments"),
                arguments("period", "st.payments"),
                arguments("space", "st payments"),
                arguments("unicode letter", "stpäyments"),
                arguments("fullwidth letters", "ｓｔｐａｙ"),
                arguments("non-ASCII digits", "st١٢٣"),
                arguments("trailing newline", "stpayments\n"));
    }

    @ParameterizedTest(name = "rejects account name with {0}")
    @MethodSource("invalidAccountNames")
    void rejectsAccountNameOutsideThreeToTwentyFourLowercaseLettersAndDigits(String why, String name) {
        assertOnlyError(
                submission().with("name", name).errors(),
                "name",
                "must be 3 to 24 characters, lowercase letters and digits only");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Resource group: 1 to 90 letters, digits, _ - . ( ), not ending in a period

    static Stream<String> validResourceGroups() {
        return Stream.of(
                "rg-payments",
                "RG_Payments",
                "rg.payments.eu",
                "rg(payments)",
                "(rg)",
                "a",
                "_",
                "-",
                "rg-zürich",
                "rg-東京",
                "rg-2024",
                "r".repeat(90),
                "r".repeat(88) + ".r");
    }

    @ParameterizedTest(name = "accepts resource group \"{0}\"")
    @MethodSource("validResourceGroups")
    void acceptsResourceGroupOfAzureCharacters(String resourceGroup) {
        assertThat(assertValid(submission().with("resourceGroup", resourceGroup))
                        .resourceGroup())
                .isEqualTo(resourceGroup);
    }

    static Stream<Arguments> invalidResourceGroups() {
        return Stream.of(
                arguments("a trailing period", "rg-payments."),
                arguments("only a period", "."),
                arguments("two trailing periods", "rg.."),
                arguments("91 characters", "r".repeat(91)),
                arguments("nothing", ""),
                arguments("a space", "rg payments"),
                arguments("a slash", "rg/payments"),
                arguments("a backslash", "rg\\payments"),
                arguments("a hash", "rg#1"),
                arguments("an asterisk", "rg*"),
                arguments("brackets", "rg[1]"),
                arguments("a colon", "rg:1"),
                arguments("a quote", "rg'1"),
                arguments("a trailing newline", "rg-payments\n"));
    }

    @ParameterizedTest(name = "rejects resource group with {0}")
    @MethodSource("invalidResourceGroups")
    void rejectsResourceGroupOutsideAzureRules(String why, String resourceGroup) {
        assertOnlyError(
                submission().with("resourceGroup", resourceGroup).errors(),
                "resourceGroup",
                "must be 1 to 90 letters, digits, underscores, hyphens, periods or parentheses, not ending in a period");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Subscription ID: a canonical UUID

    @Test
    void acceptsUppercaseSubscriptionIdAndStoresItLowercase() {
        StorageAccountRequest request =
                assertValid(submission().with("subscriptionId", "0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9"));

        assertThat(request.subscriptionId()).isEqualTo("0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9");
        assertThat(request.armId().value()).startsWith("/subscriptions/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9/");
    }

    @ParameterizedTest(name = "rejects subscription ID \"{0}\"")
    @ValueSource(
            strings = {
                "1-1-1-1-1",
                "{00000000-0000-0000-0000-000000000001}",
                "urn:uuid:00000000-0000-0000-0000-000000000001",
                "00000000000000000000000000000001",
                "00000000-0000-0000-0000-00000000000g",
                "00000000-0000-0000-0000-0000000000011",
                " 00000000-0000-0000-0000-000000000001",
                "00000000-0000-0000-0000-000000000001 ",
                "",
                "sub-payments"
            })
    void rejectsSubscriptionIdThatIsNotACanonicalUuid(String subscriptionId) {
        assertOnlyError(
                submission().with("subscriptionId", subscriptionId).errors(),
                "subscriptionId",
                "must be a subscription ID (a UUID)");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Team: a Kubernetes label value

    static Stream<String> validTeams() {
        return Stream.of("payments", "p", "Payments", "1team", "team.payments_eu-1", "a" + "b".repeat(61) + "c");
    }

    @ParameterizedTest(name = "accepts team \"{0}\"")
    @MethodSource("validTeams")
    void acceptsTeamThatIsAKubernetesLabelValue(String team) {
        assertThat(assertValid(submission().with("owner.team", team)).owner().team())
                .isEqualTo(team);
    }

    static Stream<Arguments> invalidTeams() {
        return Stream.of(
                arguments("empty", ""),
                arguments("leading hyphen", "-payments"),
                arguments("trailing hyphen", "payments-"),
                arguments("leading period", ".payments"),
                arguments("trailing underscore", "payments_"),
                arguments("space", "pay ments"),
                arguments("64 characters", "a".repeat(64)),
                arguments("unicode letter", "päyments"),
                arguments("slash", "team/payments"),
                arguments("at sign", "payments@corp"));
    }

    @ParameterizedTest(name = "rejects team with {0}")
    @MethodSource("invalidTeams")
    void rejectsTeamThatIsNotAKubernetesLabelValue(String why, String team) {
        assertOnlyError(
                submission().with("owner.team", team).errors(),
                "owner.team",
                "must be 1 to 63 letters, digits, '.', '_' or '-', starting and ending with a letter or digit");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // requestedBy: present, at most 256 characters

    @ParameterizedTest(name = "accepts requestedBy of {0} characters")
    @ValueSource(ints = {1, 17, 256})
    void acceptsRequestedByUpTo256Characters(int length) {
        String requestedBy = "a".repeat(length);
        assertThat(assertValid(submission().with("owner.requestedBy", requestedBy))
                        .owner()
                        .requestedBy())
                .isEqualTo(requestedBy);
    }

    @Test
    void rejectsRequestedByOf257Characters() {
        assertOnlyError(
                submission().with("owner.requestedBy", "a".repeat(257)).errors(),
                "owner.requestedBy",
                "must be at most 256 characters");
    }

    @ParameterizedTest(name = "treats blank requestedBy \"{0}\" as missing")
    @ValueSource(strings = {"", " ", "\t \n"})
    void treatsBlankRequestedByAsMissing(String requestedBy) {
        assertOnlyError(
                submission().with("owner.requestedBy", requestedBy).errors(), "owner.requestedBy", "is required");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // workflowType

    @Test
    void defaultsAbsentWorkflowTypeToStorageAccount() {
        assertThat(assertValid(submission().with("workflowType", null)).workflowType())
                .isEqualTo(SpecValidator.STORAGE_ACCOUNT_WORKFLOW)
                .isEqualTo("storage-account");
    }

    @ParameterizedTest(name = "rejects workflow type \"{0}\"")
    @ValueSource(strings = {"database", "Storage-Account", "storage-account ", "storageaccount", ""})
    void rejectsUnknownWorkflowType(String workflowType) {
        assertOnlyError(
                submission().with("workflowType", workflowType).errors(),
                "workflowType",
                "unknown workflow type; known: storage-account");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Enum values: exact spellings, and the message lists what is allowed

    static Stream<Arguments> unknownEnumValues() {
        String kinds = "must be one of StorageV2, BlobStorage, BlockBlobStorage, FileStorage, Storage";
        String tiers = "must be one of Standard, Premium";
        String replications = "must be one of LRS, GRS, RAGRS, ZRS, GZRS, RAGZRS";
        String accessTiers = "must be one of Hot, Cool, Cold, Premium";
        String tls = "must be one of TLS1_0, TLS1_1, TLS1_2, TLS1_3";
        String network = "must be one of Enabled, Disabled";
        return Stream.of(
                arguments("spec.accountKind", "StorageV3", kinds),
                arguments("spec.accountKind", "storagev2", kinds),
                arguments("spec.accountKind", "", kinds),
                arguments("spec.accountTier", "Basic", tiers),
                arguments("spec.accountTier", "standard", tiers),
                arguments("spec.replicationType", "Standard_LRS", replications),
                arguments("spec.replicationType", "RA-GRS", replications),
                arguments("spec.replicationType", "lrs", replications),
                arguments("spec.accessTier", "Archive", accessTiers),
                arguments("spec.accessTier", "Smart", accessTiers),
                arguments("spec.accessTier", "hot", accessTiers),
                arguments("spec.minimumTlsVersion", "TLS1.2", tls),
                arguments("spec.minimumTlsVersion", "1.2", tls),
                arguments("spec.minimumTlsVersion", "tls1_2", tls),
                arguments("spec.publicNetworkAccess", "Off", network),
                arguments("spec.publicNetworkAccess", "enabled", network));
    }

    @ParameterizedTest(name = "rejects {0} = \"{1}\"")
    @MethodSource("unknownEnumValues")
    void rejectsUnknownEnumValueListingTheAllowedOnes(String path, String value, String message) {
        List<FieldError> errors = submission().with(path, value).errors();

        assertThat(errors).containsExactly(new FieldError(path, message));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // publicNetworkAccess: SecuredByPerimeter is observed, never requested

    @Test
    void rejectsSecuredByPerimeterOnRequests() {
        assertOnlyError(
                submission()
                        .with("spec.publicNetworkAccess", "SecuredByPerimeter")
                        .errors(),
                "spec.publicNetworkAccess",
                "SecuredByPerimeter is set by a network security perimeter, not requested; use Enabled or Disabled");
    }

    @ParameterizedTest(name = "accepts publicNetworkAccess {0}")
    @ValueSource(strings = {"Enabled", "Disabled"})
    void acceptsEnabledOrDisabledPublicNetworkAccess(String value) {
        assertThat(assertValid(submission().with("spec.publicNetworkAccess", value))
                        .spec()
                        .publicNetworkAccess())
                .isEqualTo(PublicNetworkAccess.valueOf(value));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Combinations of kind, tier, replication and access tier

    static Stream<Arguments> impossibleCombinations() {
        String premiumReplication = "Premium accounts support only LRS and ZRS";
        String storageReplication = "Storage accounts support only LRS, GRS and RAGRS";
        String blobReplication = "BlobStorage accounts support only LRS, GRS and RAGRS";
        String premiumAccessOnStandard = "the Premium access tier needs the Premium account tier";
        return Stream.of(
                arguments(
                        "rejectsBlockBlobStorageOnStandardTier",
                        "BlockBlobStorage",
                        "Standard",
                        "LRS",
                        null,
                        "spec.accountTier",
                        "BlockBlobStorage accounts require the Premium tier"),
                arguments(
                        "rejectsFileStorageOnStandardTier",
                        "FileStorage",
                        "Standard",
                        "LRS",
                        null,
                        "spec.accountTier",
                        "FileStorage accounts require the Premium tier"),
                arguments(
                        "rejectsBlobStorageOnPremiumTier",
                        "BlobStorage",
                        "Premium",
                        "LRS",
                        "Premium",
                        "spec.accountTier",
                        "BlobStorage accounts require the Standard tier"),
                arguments(
                        "rejectsBlobStorageWithoutAccessTier",
                        "BlobStorage",
                        "Standard",
                        "LRS",
                        null,
                        "spec.accessTier",
                        "is required"),
                arguments(
                        "rejectsPremiumTierWithGrs",
                        "StorageV2",
                        "Premium",
                        "GRS",
                        null,
                        "spec.replicationType",
                        premiumReplication),
                arguments(
                        "rejectsPremiumTierWithRagrs",
                        "StorageV2",
                        "Premium",
                        "RAGRS",
                        null,
                        "spec.replicationType",
                        premiumReplication),
                arguments(
                        "rejectsPremiumTierWithGzrs",
                        "StorageV2",
                        "Premium",
                        "GZRS",
                        null,
                        "spec.replicationType",
                        premiumReplication),
                arguments(
                        "rejectsPremiumTierWithRagzrs",
                        "StorageV2",
                        "Premium",
                        "RAGZRS",
                        null,
                        "spec.replicationType",
                        premiumReplication),
                arguments(
                        "rejectsPremiumBlockBlobStorageWithGzrs",
                        "BlockBlobStorage",
                        "Premium",
                        "GZRS",
                        "Premium",
                        "spec.replicationType",
                        premiumReplication),
                arguments(
                        "rejectsPremiumFileStorageWithGrs",
                        "FileStorage",
                        "Premium",
                        "GRS",
                        null,
                        "spec.replicationType",
                        premiumReplication),
                arguments(
                        "rejectsStorageKindWithZrs",
                        "Storage",
                        "Standard",
                        "ZRS",
                        null,
                        "spec.replicationType",
                        storageReplication),
                arguments(
                        "rejectsStorageKindWithGzrs",
                        "Storage",
                        "Standard",
                        "GZRS",
                        null,
                        "spec.replicationType",
                        storageReplication),
                arguments(
                        "rejectsStorageKindWithRagzrs",
                        "Storage",
                        "Standard",
                        "RAGZRS",
                        null,
                        "spec.replicationType",
                        storageReplication),
                arguments(
                        "rejectsBlobStorageWithZrs",
                        "BlobStorage",
                        "Standard",
                        "ZRS",
                        "Hot",
                        "spec.replicationType",
                        blobReplication),
                arguments(
                        "rejectsBlobStorageWithGzrs",
                        "BlobStorage",
                        "Standard",
                        "GZRS",
                        "Hot",
                        "spec.replicationType",
                        blobReplication),
                arguments(
                        "rejectsBlobStorageWithRagzrs",
                        "BlobStorage",
                        "Standard",
                        "RAGZRS",
                        "Cool",
                        "spec.replicationType",
                        blobReplication),
                arguments(
                        "rejectsAccessTierOnStorageKind",
                        "Storage",
                        "Standard",
                        "LRS",
                        "Hot",
                        "spec.accessTier",
                        "Storage accounts have no access tier"),
                arguments(
                        "rejectsCoolAccessTierOnStorageKind",
                        "Storage",
                        "Standard",
                        "GRS",
                        "Cool",
                        "spec.accessTier",
                        "Storage accounts have no access tier"),
                arguments(
                        "rejectsPremiumAccessTierOnFileStorage",
                        "FileStorage",
                        "Premium",
                        "LRS",
                        "Premium",
                        "spec.accessTier",
                        "FileStorage accounts have no access tier"),
                arguments(
                        "rejectsHotAccessTierOnFileStorage",
                        "FileStorage",
                        "Premium",
                        "ZRS",
                        "Hot",
                        "spec.accessTier",
                        "FileStorage accounts have no access tier"),
                arguments(
                        "rejectsPremiumTierWithHotAccessTier",
                        "StorageV2",
                        "Premium",
                        "LRS",
                        "Hot",
                        "spec.accessTier",
                        "Premium accounts cannot have the Hot access tier"),
                arguments(
                        "rejectsPremiumTierWithCoolAccessTier",
                        "StorageV2",
                        "Premium",
                        "LRS",
                        "Cool",
                        "spec.accessTier",
                        "Premium accounts cannot have the Cool access tier"),
                arguments(
                        "rejectsPremiumTierWithColdAccessTier",
                        "StorageV2",
                        "Premium",
                        "ZRS",
                        "Cold",
                        "spec.accessTier",
                        "Premium accounts cannot have the Cold access tier"),
                arguments(
                        "rejectsPremiumBlockBlobStorageWithHotAccessTier",
                        "BlockBlobStorage",
                        "Premium",
                        "ZRS",
                        "Hot",
                        "spec.accessTier",
                        "Premium accounts cannot have the Hot access tier"),
                arguments(
                        "rejectsPremiumAccessTierWithStandardTier",
                        "StorageV2",
                        "Standard",
                        "LRS",
                        "Premium",
                        "spec.accessTier",
                        premiumAccessOnStandard),
                arguments(
                        "rejectsPremiumAccessTierOnStandardBlobStorage",
                        "BlobStorage",
                        "Standard",
                        "GRS",
                        "Premium",
                        "spec.accessTier",
                        premiumAccessOnStandard));
    }

    @ParameterizedTest(name = "{0}: {1} {2}_{3} accessTier={4}")
    @MethodSource("impossibleCombinations")
    void rejectsImpossibleCombination(
            String behaviour,
            String kind,
            String tier,
            String replication,
            String accessTier,
            String field,
            String message) {
        List<FieldError> errors = submission()
                .with("spec.accountKind", kind)
                .with("spec.accountTier", tier)
                .with("spec.replicationType", replication)
                .with("spec.accessTier", accessTier)
                .errors();

        assertThat(errors).containsExactly(new FieldError(field, message));
    }

    static Stream<Arguments> possibleCombinations() {
        List<Arguments> rows = new ArrayList<>();
        for (ReplicationType replication : ReplicationType.values()) {
            rows.add(arguments("StorageV2", "Standard", replication.name(), "Hot"));
        }
        for (String accessTier : new String[] {"Cool", "Cold", null}) {
            rows.add(arguments("StorageV2", "Standard", "LRS", accessTier));
        }
        for (String replication : new String[] {"LRS", "ZRS"}) {
            rows.add(arguments("StorageV2", "Premium", replication, null));
            rows.add(arguments("BlockBlobStorage", "Premium", replication, "Premium"));
            rows.add(arguments("BlockBlobStorage", "Premium", replication, null));
            rows.add(arguments("FileStorage", "Premium", replication, null));
        }
        for (String replication : new String[] {"LRS", "GRS", "RAGRS"}) {
            rows.add(arguments("BlobStorage", "Standard", replication, "Hot"));
            rows.add(arguments("BlobStorage", "Standard", replication, "Cool"));
            rows.add(arguments("Storage", "Standard", replication, null));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "accepts {0} {1}_{2} accessTier={3}")
    @MethodSource("possibleCombinations")
    void acceptsPossibleCombination(String kind, String tier, String replication, String accessTier) {
        StorageAccountSpec spec = assertValid(submission()
                        .with("spec.accountKind", kind)
                        .with("spec.accountTier", tier)
                        .with("spec.replicationType", replication)
                        .with("spec.accessTier", accessTier))
                .spec();

        assertThat(spec.accountKind()).isEqualTo(AccountKind.valueOf(kind));
        assertThat(spec.skuName()).isEqualTo(tier + "_" + replication);
        assertThat(spec.accessTier()).isEqualTo(accessTier == null ? null : AccessTier.valueOf(accessTier));
    }

    @Test
    void reportsBothTierAndAccessTierForPremiumBlobStorageWithHotAccessTier() {
        List<FieldError> errors = submission()
                .with("spec.accountKind", "BlobStorage")
                .with("spec.accountTier", "Premium")
                .with("spec.replicationType", "LRS")
                .with("spec.accessTier", "Hot")
                .errors();

        assertThat(errors)
                .containsExactlyInAnyOrder(
                        new FieldError("spec.accountTier", "BlobStorage accounts require the Standard tier"),
                        new FieldError("spec.accessTier", "Premium accounts cannot have the Hot access tier"));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Location: a known region, in any spelling, stored as its programmatic name

    @ParameterizedTest(name = "folds location \"{0}\" to {1}")
    @CsvSource({
        "westeurope, westeurope",
        "West Europe, westeurope",
        "WESTEUROPE, westeurope",
        "' west europe ', westeurope",
        "'West  Europe', westeurope",
        "East US 2, eastus2",
        "Sweden Central, swedencentral",
        "germanywestcentral, germanywestcentral"
    })
    void foldsKnownRegionToItsProgrammaticName(String location, String canonical) {
        assertThat(assertValid(submission().with("spec.location", location))
                        .spec()
                        .location())
                .isEqualTo(canonical);
    }

    @ParameterizedTest(name = "rejects location \"{0}\"")
    @ValueSource(strings = {"mars", "west-europe", "Europe West", "westeurope2", "west_europe", ""})
    void rejectsUnknownRegion(String location) {
        assertOnlyError(
                submission().with("spec.location", location).errors(),
                "spec.location",
                "unknown Azure region: " + location);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Tags

    @Test
    void acceptsFortySixRequestTags() {
        assertThat(assertValid(submission().with("spec.tags", numberedTags(46)))
                        .spec()
                        .tags())
                .hasSize(46);
    }

    @Test
    void rejectsFortySevenRequestTagsBecauseThePlatformAddsFour() {
        assertThat(SpecValidator.MAX_REQUEST_TAGS).isEqualTo(46);
        assertOnlyError(
                submission().with("spec.tags", numberedTags(47)).errors(),
                "spec.tags",
                "at most 46 tags (Azure allows 50, the platform adds 4)");
    }

    @ParameterizedTest(name = "accepts a tag name of {0} characters")
    @ValueSource(ints = {1, 128})
    void acceptsTagNameWithinStorageAccountLimit(int length) {
        assertValid(submission().with("spec.tags", Map.of("n".repeat(length), "v")));
    }

    @Test
    void rejectsTagNameOf513Characters() {
        String name = "n".repeat(513);
        assertOnlyError(
                submission().with("spec.tags", Map.of(name, "v")).errors(),
                "spec.tags[\"" + name + "\"]",
                "a tag name has at most 128 characters");
    }

    @ParameterizedTest(name = "rejects a tag name of {0} characters")
    @ValueSource(ints = {129, 512})
    void rejectsTagNameLongerThanTheStorageAccountLimitOf128Characters(int length) {
        String name = "n".repeat(length);
        assertThat(submission().with("spec.tags", Map.of(name, "v")).errors())
                .extracting(FieldError::field)
                .containsExactly("spec.tags[\"" + name + "\"]");
    }

    @Test
    void quotesInATagNameAreEscapedInTheFieldPath() {
        assertThat(submission()
                        .with("spec.tags", Map.of("a\"b", "v".repeat(257)))
                        .errors())
                .extracting(FieldError::field)
                .containsExactly("spec.tags[\"a\\\"b\"]");
    }

    @Test
    void acceptsTagValueOf256Characters() {
        assertValid(submission().with("spec.tags", Map.of("owner", "v".repeat(256))));
    }

    @Test
    void rejectsTagValueOf257Characters() {
        assertOnlyError(
                submission().with("spec.tags", Map.of("owner", "v".repeat(257))).errors(),
                "spec.tags[\"owner\"]",
                "a tag value has at most 256 characters");
    }

    @ParameterizedTest(name = "rejects tag name \"{0}\"")
    @ValueSource(strings = {"bad<name", "bad>name", "cost%center", "r&d", "path\\name", "why?", "a/b", "<>%&\\?/"})
    void rejectsTagNameWithForbiddenCharacter(String name) {
        assertOnlyError(
                submission().with("spec.tags", Map.of(name, "v")).errors(),
                "spec.tags[\"" + name.replace("\\", "\\\\") + "\"]",
                "a tag name cannot contain < > % & \\ ? /");
    }

    @Test
    void acceptsForbiddenNameCharactersInTagValues() {
        assertThat(assertValid(submission().with("spec.tags", Map.of("path", "<a>%&\\?/b")))
                        .spec()
                        .tags())
                .containsEntry("path", "<a>%&\\?/b");
    }

    @ParameterizedTest(name = "rejects platform tag name \"{0}\"")
    @ValueSource(strings = {"idp-team", "IDP-team", "Idp-Managed-By", "iDp-anything", "idp-"})
    void rejectsReservedIdpPrefixInAnyCase(String name) {
        assertOnlyError(
                submission().with("spec.tags", Map.of(name, "v")).errors(),
                "spec.tags[\"" + name + "\"]",
                "tags starting with 'idp-' are the platform's");
    }

    @ParameterizedTest(name = "accepts tag name \"{0}\"")
    @ValueSource(strings = {"idp", "idpteam", "my-idp-tag", "team-idp-", "cost-center", "Environment"})
    void acceptsTagNameThatOnlyResemblesAReservedPrefix(String name) {
        assertThat(assertValid(submission().with("spec.tags", Map.of(name, "v")))
                        .spec()
                        .tags())
                .containsEntry(name, "v");
    }

    @ParameterizedTest(name = "rejects Azure-reserved tag name \"{0}\"")
    @ValueSource(
            strings = {"microsoft.costcenter", "Microsoft", "AZURE-env", "azure", "Windows-version", "WINDOWSupdate"})
    void rejectsAzureReservedPrefixInAnyCase(String name) {
        assertOnlyError(
                submission().with("spec.tags", Map.of(name, "v")).errors(),
                "spec.tags[\"" + name + "\"]",
                "tag names starting with microsoft, azure or windows are reserved by Azure");
    }

    @Test
    void rejectsTagNamesThatDifferOnlyInCase() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("CostCenter", "cc-1");
        tags.put("costcenter", "cc-2");
        tags.put("COSTCENTER", "cc-3");

        assertThat(submission().with("spec.tags", tags).errors())
                .containsExactly(
                        new FieldError(
                                "spec.tags[\"costcenter\"]",
                                "tag names are case-insensitive: 'costcenter' repeats 'CostCenter'"),
                        new FieldError(
                                "spec.tags[\"COSTCENTER\"]",
                                "tag names are case-insensitive: 'COSTCENTER' repeats 'CostCenter'"));
    }

    @Test
    void rejectsNullTagValue() {
        Map<String, String> tags = new HashMap<>();
        tags.put("owner", null);

        assertOnlyError(
                submission().with("spec.tags", tags).errors(), "spec.tags[\"owner\"]", "a tag value must be a string");
    }

    @ParameterizedTest(name = "rejects blank tag name \"{0}\"")
    @ValueSource(strings = {"", " ", "\t"})
    void rejectsBlankTagName(String name) {
        assertOnlyError(
                submission().with("spec.tags", Map.of(name, "v")).errors(),
                "spec.tags[\"" + name + "\"]",
                "a tag name cannot be empty");
    }

    @Test
    void acceptsEmptyTagValueAndKeepsValueCase() {
        assertThat(assertValid(submission().with("spec.tags", Map.of("empty", "", "Env", "Prod")))
                        .spec()
                        .tags())
                .containsEntry("empty", "")
                .containsEntry("Env", "Prod");
    }

    @Test
    void reportsNameAndValueProblemsOfOneTagSeparately() {
        List<FieldError> errors = submission()
                .with("spec.tags", Map.of("bad<name", "v".repeat(257)))
                .errors();

        assertThat(errors)
                .containsExactly(
                        new FieldError("spec.tags[\"bad<name\"]", "a tag name cannot contain < > % & \\ ? /"),
                        new FieldError("spec.tags[\"bad<name\"]", "a tag value has at most 256 characters"));
    }

    @Test
    void keepsTagsSortedByName() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("zeta", "1");
        tags.put("alpha", "2");
        tags.put("mid", "3");

        assertThat(assertValid(submission().with("spec.tags", tags))
                        .spec()
                        .tags()
                        .keySet())
                .containsExactly("alpha", "mid", "zeta");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Defaults a new Azure account gets

    @Test
    void fillsDocumentedDefaultsWhenOptionalFieldsAreAbsent() {
        SpecDraft minimal =
                new SpecDraft("westeurope", "StorageV2", "Standard", "LRS", null, null, null, null, null, null, null);

        SpecValidator.Result<StorageAccountSpec> result = SpecValidator.validateSpec(minimal, "spec");

        assertThat(result.errors()).isEmpty();
        StorageAccountSpec spec = result.value();
        assertThat(spec.minimumTlsVersion()).isEqualTo(TlsVersion.TLS1_2);
        assertThat(spec.publicNetworkAccess()).isEqualTo(PublicNetworkAccess.Enabled);
        assertThat(spec.allowBlobPublicAccess()).isFalse();
        assertThat(spec.allowSharedKeyAccess()).isTrue();
        assertThat(spec.allowCrossTenantReplication()).isFalse();
        assertThat(spec.accessTier())
                .as("no access tier is filled in: it is then not compared")
                .isNull();
        assertThat(spec.tags()).isEmpty();
    }

    @Test
    void keepsExplicitValuesThatDifferFromTheDefaults() {
        SpecDraft explicit = new SpecDraft(
                "westeurope",
                "StorageV2",
                "Standard",
                "LRS",
                "Cool",
                "TLS1_3",
                "Disabled",
                true,
                false,
                true,
                Map.of());

        StorageAccountSpec spec = SpecValidator.validateSpec(explicit, "spec").value();

        assertThat(spec.minimumTlsVersion()).isEqualTo(TlsVersion.TLS1_3);
        assertThat(spec.publicNetworkAccess()).isEqualTo(PublicNetworkAccess.Disabled);
        assertThat(spec.allowBlobPublicAccess()).isTrue();
        assertThat(spec.allowSharedKeyAccess()).isFalse();
        assertThat(spec.allowCrossTenantReplication()).isTrue();
        assertThat(spec.accessTier()).isEqualTo(AccessTier.Cool);
    }

    @Test
    void prefixesSpecFieldErrorsWithTheGivenPath() {
        SpecDraft draft = new SpecDraft(null, "StorageV3", "Standard", "LRS", null, null, null, null, null, null, null);

        assertThat(SpecValidator.validateSpec(draft, "desired").errors())
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("desired.location", "desired.accountKind");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Every error at once

    @Test
    void reportsAllErrorsAtOnceWithTheirJsonPaths() {
        SubmissionDraft draft = submission()
                .with("name", "Bad-Name")
                .with("owner.team", "-payments")
                .with("spec.location", "mars")
                .with("spec.accountTier", "Premium")
                .with("spec.replicationType", "LRS")
                .with("spec.accessTier", "Hot")
                .with("spec.minimumTlsVersion", "TLS9")
                .with("spec.tags", Map.of("bad<name", "v"))
                .draft();

        List<FieldError> errors = SpecValidator.validateSubmission(draft).errors();

        assertThat(errors)
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder(
                        "name",
                        "owner.team",
                        "spec.location",
                        "spec.accessTier",
                        "spec.minimumTlsVersion",
                        "spec.tags[\"bad<name\"]");
        DomainException exception = DomainException.validation(errors);
        assertThat(exception.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(exception.getMessage()).isEqualTo("6 fields are invalid");
        assertThat(exception.fieldErrors()).hasSize(6);
    }

    @Test
    void reportsEveryMissingFieldOfAnEmptySubmission() {
        SubmissionDraft empty = new SubmissionDraft(null, null, null, null, null, null, null);

        assertThat(SpecValidator.validateSubmission(empty).errors())
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder(
                        "subscriptionId", "resourceGroup", "name", "owner.team", "owner.requestedBy", "spec");
    }

    @Test
    void reportsEveryMissingFieldOfAnEmptySpec() {
        SpecDraft empty = new SpecDraft(null, null, null, null, null, null, null, null, null, null, null);

        assertThat(SpecValidator.validateSpec(empty, "spec").errors())
                .containsExactlyInAnyOrder(
                        new FieldError("spec.location", "is required"),
                        new FieldError("spec.accountKind", "is required"),
                        new FieldError("spec.accountTier", "is required"),
                        new FieldError("spec.replicationType", "is required"));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Changes to an existing account

    @Nested
    class ValidateChange {

        private final StorageAccountSpec current = spec("westeurope", "StorageV2", "Standard", "LRS");

        @Test
        void acceptsAnUnchangedSpec() {
            assertThat(SpecValidator.validateChange(current, current, "spec")).isEmpty();
        }

        @ParameterizedTest(name = "allows replication {0} -> {1}")
        @CsvSource({"LRS, GRS", "GRS, RAGRS", "RAGRS, LRS", "ZRS, GZRS", "GZRS, RAGZRS", "RAGZRS, ZRS"})
        void allowsReplicationChange(String from, String to) {
            assertThat(SpecValidator.validateChange(
                            spec("westeurope", "StorageV2", "Standard", from),
                            spec("westeurope", "StorageV2", "Standard", to),
                            "spec"))
                    .isEmpty();
        }

        @ParameterizedTest(name = "refuses replication {0} -> {1}")
        @CsvSource({"LRS, ZRS", "GRS, GZRS", "RAGZRS, RAGRS"})
        void refusesReplicationChangeBetweenLocalAndZoneRedundancy(String from, String to) {
            assertThat(SpecValidator.validateChange(
                            spec("westeurope", "StorageV2", "Standard", from),
                            spec("westeurope", "StorageV2", "Standard", to),
                            "spec"))
                    .extracting(FieldError::field)
                    .containsExactly("spec.replicationType");
        }

        @Test
        void allowsChangesToMutableProperties() {
            StorageAccountSpec next = new StorageAccountSpec(
                    "westeurope",
                    AccountKind.StorageV2,
                    AccountTier.Standard,
                    ReplicationType.GRS,
                    AccessTier.Cool,
                    TlsVersion.TLS1_3,
                    PublicNetworkAccess.Disabled,
                    true,
                    false,
                    true,
                    Map.of("env", "prod"));

            assertThat(SpecValidator.validateChange(current, next, "spec")).isEmpty();
        }

        @Test
        void refusesLocationChange() {
            assertThat(SpecValidator.validateChange(
                            current, spec("northeurope", "StorageV2", "Standard", "LRS"), "spec"))
                    .containsExactly(
                            new FieldError("spec.location", "an account cannot move from westeurope to northeurope"));
        }

        @Test
        void refusesTierChange() {
            assertThat(SpecValidator.validateChange(current, spec("westeurope", "StorageV2", "Premium", "LRS"), "spec"))
                    .containsExactly(new FieldError(
                            "spec.accountTier",
                            "an account's performance tier cannot change from Standard to Premium"));
        }

        @Test
        void allowsKindUpgradeFromStorageToStorageV2() {
            assertThat(SpecValidator.validateChange(
                            spec("westeurope", "Storage", "Standard", "GRS"),
                            spec("westeurope", "StorageV2", "Standard", "GRS"),
                            "spec"))
                    .isEmpty();
        }

        @ParameterizedTest(name = "refuses kind {0} -> {1}")
        @CsvSource({
            "StorageV2, Storage",
            "StorageV2, BlobStorage",
            "BlobStorage, StorageV2",
            "Storage, BlobStorage",
            "StorageV2, BlockBlobStorage"
        })
        void refusesKindChangeOtherThanStorageToStorageV2(String from, String to) {
            assertThat(SpecValidator.validateChange(
                            spec("westeurope", from, "Standard", "LRS"),
                            spec("westeurope", to, "Standard", "LRS"),
                            "spec"))
                    .containsExactly(new FieldError(
                            "spec.accountKind",
                            "an account's kind cannot change from " + from + " to " + to
                                    + " (only Storage to StorageV2)"));
        }

        @Test
        void refusesKindChangeBetweenPremiumKinds() {
            assertThat(SpecValidator.validateChange(
                            spec("westeurope", "BlockBlobStorage", "Premium", "LRS"),
                            spec("westeurope", "FileStorage", "Premium", "LRS"),
                            "spec"))
                    .extracting(FieldError::field)
                    .containsExactly("spec.accountKind");
        }

        @Test
        void reportsEveryRefusedChangeAtOnce() {
            assertThat(SpecValidator.validateChange(
                            current, spec("northeurope", "BlockBlobStorage", "Premium", "ZRS"), "desired"))
                    .extracting(FieldError::field)
                    .containsExactlyInAnyOrder(
                            "desired.location",
                            "desired.accountTier",
                            "desired.accountKind",
                            "desired.replicationType");
        }

        private static StorageAccountSpec spec(String location, String kind, String tier, String replication) {
            return new StorageAccountSpec(
                    location,
                    AccountKind.valueOf(kind),
                    AccountTier.valueOf(tier),
                    ReplicationType.valueOf(replication),
                    null,
                    TlsVersion.TLS1_2,
                    PublicNetworkAccess.Enabled,
                    false,
                    true,
                    false,
                    Map.of());
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers

    private static StorageAccountRequest assertValid(Submission submission) {
        SpecValidator.Result<StorageAccountRequest> result = SpecValidator.validateSubmission(submission.draft());
        assertThat(result.errors()).isEmpty();
        assertThat(result.isValid()).isTrue();
        assertThat(result.value()).isNotNull();
        return result.value();
    }

    private static void assertOnlyError(List<FieldError> errors, String field, String message) {
        assertThat(errors).containsExactly(new FieldError(field, message));
    }

    private static Map<String, String> numberedTags(int count) {
        Map<String, String> tags = new LinkedHashMap<>();
        IntStream.rangeClosed(1, count).forEach(i -> tags.put("tag" + i, "value" + i));
        return tags;
    }

    private static Submission submission() {
        return new Submission();
    }

    /** The contract's example submission, changed field by field through JSON paths. */
    private static final class Submission {
        private String workflowType = "storage-account";
        private String subscriptionId = SUBSCRIPTION;
        private String resourceGroup = "rg-payments";
        private String name = "stpayments001";
        private String team = "payments";
        private String requestedBy = "alice@example.com";
        private boolean hasSpec = true;
        private String location = "westeurope";
        private String accountKind = "StorageV2";
        private String accountTier = "Standard";
        private String replicationType = "ZRS";
        private String accessTier = "Hot";
        private String minimumTlsVersion = "TLS1_2";
        private String publicNetworkAccess = "Disabled";
        private Boolean allowBlobPublicAccess = false;
        private Boolean allowSharedKeyAccess = false;
        private Boolean allowCrossTenantReplication = false;
        private Map<String, String> tags = Map.of("cost-center", "cc-1234");

        @SuppressWarnings("unchecked")
        Submission with(String path, Object value) {
            switch (path) {
                case "workflowType" -> workflowType = (String) value;
                case "subscriptionId" -> subscriptionId = (String) value;
                case "resourceGroup" -> resourceGroup = (String) value;
                case "name" -> name = (String) value;
                case "owner.team" -> team = (String) value;
                case "owner.requestedBy" -> requestedBy = (String) value;
                case "spec" -> hasSpec = value != null;
                case "spec.location" -> location = (String) value;
                case "spec.accountKind" -> accountKind = (String) value;
                case "spec.accountTier" -> accountTier = (String) value;
                case "spec.replicationType" -> replicationType = (String) value;
                case "spec.accessTier" -> accessTier = (String) value;
                case "spec.minimumTlsVersion" -> minimumTlsVersion = (String) value;
                case "spec.publicNetworkAccess" -> publicNetworkAccess = (String) value;
                case "spec.allowBlobPublicAccess" -> allowBlobPublicAccess = (Boolean) value;
                case "spec.allowSharedKeyAccess" -> allowSharedKeyAccess = (Boolean) value;
                case "spec.allowCrossTenantReplication" -> allowCrossTenantReplication = (Boolean) value;
                case "spec.tags" -> tags = (Map<String, String>) value;
                default -> throw new IllegalArgumentException("no such field: " + path);
            }
            return this;
        }

        SubmissionDraft draft() {
            SpecDraft spec = hasSpec
                    ? new SpecDraft(
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
                            tags)
                    : null;
            return new SubmissionDraft(workflowType, subscriptionId, resourceGroup, name, team, requestedBy, spec);
        }

        List<FieldError> errors() {
            return SpecValidator.validateSubmission(draft()).errors();
        }
    }
}
