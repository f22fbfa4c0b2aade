package dev.idp.kernel.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ArmIdTest {

    private static final String SUBSCRIPTION = "00000000-0000-0000-0000-000000000001";
    private static final String COMPUTED = "/subscriptions/" + SUBSCRIPTION
            + "/resourceGroups/rg-Payments/providers/Microsoft.Storage/storageAccounts/stpayments001";
    /** How Resource Graph may return the same account: everything in lower case. */
    private static final String FROM_RESOURCE_GRAPH = "/subscriptions/" + SUBSCRIPTION
            + "/resourcegroups/rg-payments/providers/microsoft.storage/storageaccounts/stpayments001";

    @Test
    void ofStorageAccountBuildsTheExactArmId() {
        ArmId id = ArmId.ofStorageAccount(SUBSCRIPTION, "rg-Payments", "stpayments001");

        assertThat(id.value()).isEqualTo(COMPUTED);
        assertThat(id).hasToString(COMPUTED);
        assertThat(id.subscriptionId()).isEqualTo(SUBSCRIPTION);
        assertThat(id.resourceGroup()).isEqualTo("rg-Payments");
        assertThat(id.name()).isEqualTo("stpayments001");
    }

    @Test
    void ofStorageAccountRefusesMissingParts() {
        assertThatNullPointerException().isThrownBy(() -> ArmId.ofStorageAccount(null, "rg", "st1"));
        assertThatNullPointerException().isThrownBy(() -> ArmId.ofStorageAccount(SUBSCRIPTION, null, "st1"));
        assertThatNullPointerException().isThrownBy(() -> ArmId.ofStorageAccount(SUBSCRIPTION, "rg", null));
    }

    @Test
    void parseReadsBackWhatOfStorageAccountBuilds() {
        ArmId computed = ArmId.ofStorageAccount(SUBSCRIPTION, "rg-Payments", "stpayments001");
        ArmId parsed = ArmId.parse(computed.value());

        assertThat(parsed).isEqualTo(computed);
        assertThat(parsed.value()).isEqualTo(computed.value());
        assertThat(parsed.subscriptionId()).isEqualTo(SUBSCRIPTION);
        assertThat(parsed.resourceGroup()).isEqualTo("rg-Payments");
        assertThat(parsed.name()).isEqualTo("stpayments001");
    }

    @ParameterizedTest(name = "parses {0}")
    @ValueSource(
            strings = {
                "/subscriptions/" + SUBSCRIPTION
                        + "/resourcegroups/rg-payments/providers/Microsoft.Storage/storageAccounts/stpayments001",
                "/subscriptions/" + SUBSCRIPTION
                        + "/resourceGroups/rg-payments/providers/MICROSOFT.STORAGE/storageAccounts/stpayments001",
                "/subscriptions/" + SUBSCRIPTION
                        + "/resourceGroups/rg-payments/providers/microsoft.storage/storageaccounts/stpayments001",
                "/SUBSCRIPTIONS/" + SUBSCRIPTION
                        + "/RESOURCEGROUPS/RG-PAYMENTS/PROVIDERS/MICROSOFT.STORAGE/STORAGEACCOUNTS/STPAYMENTS001"
            })
    void parseAcceptsAnyCasing(String text) {
        ArmId id = ArmId.parse(text);

        assertThat(id.value()).isEqualTo(text);
        assertThat(id.subscriptionId()).isEqualToIgnoringCase(SUBSCRIPTION);
        assertThat(id.resourceGroup()).isEqualToIgnoringCase("rg-payments");
        assertThat(id.name()).isEqualToIgnoringCase("stpayments001");
        assertThat(id).isEqualTo(ArmId.ofStorageAccount(SUBSCRIPTION, "rg-payments", "stpayments001"));
    }

    @ParameterizedTest(name = "rejects \"{0}\"")
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "garbage",
                "stpayments001",
                "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1",
                "/subscriptions/" + SUBSCRIPTION
                        + "/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1/blobServices/default",
                "/subscriptions/" + SUBSCRIPTION
                        + "/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1/",
                "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/",
                "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts",
                "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/rg/providers/MicrosoftXStorage/storageAccounts/st1",
                "/subscriptions/" + SUBSCRIPTION
                        + "/resourceGroups/rg/providers/Microsoft.ClassicStorage/storageAccounts/st1",
                "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/rg",
                "/subscriptions/" + SUBSCRIPTION,
                "subscriptions/" + SUBSCRIPTION + "/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1",
                "/subscriptions//resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1",
                "/subscriptions/" + SUBSCRIPTION + "/resourceGroups//providers/Microsoft.Storage/storageAccounts/st1",
                " /subscriptions/" + SUBSCRIPTION + "/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1"
            })
    void parseRejectsOtherResourceTypesAndGarbage(String text) {
        assertThatThrownBy(() -> ArmId.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a storage account ARM ID");
    }

    /**
     * The domain notes require every value that goes into a Resource Graph query, ARM IDs included, to be checked against
     * a strict pattern. {@link ArmId#parse} checks only the shape: any segment may hold any character but '/'.
     */
    @ParameterizedTest(name = "rejects \"{0}\"")
    @ValueSource(
            strings = {
                "/subscriptions/" + SUBSCRIPTION
                        + "/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1\n",
                "/subscriptions/" + SUBSCRIPTION
                        + "/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st 1",
                "/subscriptions/" + SUBSCRIPTION
                        + "/resourceGroups/rg' or 1==1 or 'x/providers/Microsoft.Storage/storageAccounts/st1",
                "/subscriptions/not-a-subscription/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1"
            })
    void parseRejectsSegmentsThatAreNotAzureNames(String text) {
        assertThatThrownBy(() -> ArmId.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void idFromResourceGraphInLowerCaseEqualsTheOneComputedAtSubmission() {
        ArmId computed = ArmId.ofStorageAccount(SUBSCRIPTION, "rg-Payments", "stpayments001");
        ArmId observed = ArmId.parse(FROM_RESOURCE_GRAPH);

        assertThat(observed).isEqualTo(computed);
        assertThat(computed).isEqualTo(observed);
        assertThat(observed.hashCode()).isEqualTo(computed.hashCode());
        assertThat(observed.normalized()).isEqualTo(computed.normalized());
    }

    @Test
    void correlatesAcrossCasingInHashedCollections() {
        ArmId computed = ArmId.ofStorageAccount(SUBSCRIPTION, "rg-Payments", "stpayments001");
        Map<ArmId, String> desiredByArmId = new HashMap<>();
        desiredByArmId.put(computed, "desired");

        assertThat(desiredByArmId.get(ArmId.parse(FROM_RESOURCE_GRAPH))).isEqualTo("desired");
        assertThat(desiredByArmId.get(ArmId.parse(COMPUTED.toUpperCase(java.util.Locale.ROOT))))
                .isEqualTo("desired");
    }

    @Test
    void keepsTheFirstSpellingForDisplay() {
        ArmId computed = ArmId.ofStorageAccount(SUBSCRIPTION, "rg-Payments", "stpayments001");
        ArmId observed = ArmId.parse(FROM_RESOURCE_GRAPH);
        Set<ArmId> seen = new HashSet<>();

        assertThat(seen.add(computed)).isTrue();
        assertThat(seen.add(observed)).as("the same account in another casing").isFalse();
        assertThat(seen).singleElement().extracting(ArmId::value).isEqualTo(COMPUTED);
        assertThat(observed.value()).isEqualTo(FROM_RESOURCE_GRAPH);
        assertThat(observed.resourceGroup()).isEqualTo("rg-payments");
    }

    @Test
    void normalizedIsLowerCase() {
        ArmId id =
                ArmId.ofStorageAccount(SUBSCRIPTION.toUpperCase(java.util.Locale.ROOT), "RG-Payments", "stpayments001");

        assertThat(id.normalized())
                .isEqualTo("/subscriptions/" + SUBSCRIPTION
                        + "/resourcegroups/rg-payments/providers/microsoft.storage/storageaccounts/stpayments001");
        assertThat(ArmId.parse(FROM_RESOURCE_GRAPH).normalized()).isEqualTo(FROM_RESOURCE_GRAPH);
    }

    @ParameterizedTest(name = "{0} differs from {1}")
    @CsvSource({
        "rg-payments, stpayments001, rg-payments, stpayments002",
        "rg-payments, stpayments001, rg-billing, stpayments001",
        "rg-payments, stpayments001, rg-payments2, stpayments001"
    })
    void differentAccountsAreNotEqual(String rgA, String nameA, String rgB, String nameB) {
        assertThat(ArmId.ofStorageAccount(SUBSCRIPTION, rgA, nameA))
                .isNotEqualTo(ArmId.ofStorageAccount(SUBSCRIPTION, rgB, nameB));
    }

    @Test
    void differentSubscriptionsAreNotEqual() {
        assertThat(ArmId.ofStorageAccount(SUBSCRIPTION, "rg", "st1"))
                .isNotEqualTo(ArmId.ofStorageAccount("00000000-0000-0000-0000-000000000002", "rg", "st1"));
    }

    @Test
    void isNotEqualToItsString() {
        ArmId id = ArmId.parse(COMPUTED);

        assertThat(id).isNotEqualTo(COMPUTED).isNotEqualTo(null);
    }

    /**
     * Resource group names may hold Unicode letters. {@link String#equalsIgnoreCase} folds characters one by one
     * (upper then lower case), while {@code hashCode} and {@link ArmId#normalized} use {@link String#toLowerCase}: for
     * letters such as U+0130 (İ), U+017F (ſ) or U+03D1 (ϑ) the two disagree, so equal IDs get different hash codes and
     * different database keys.
     */
    @ParameterizedTest(name = "resource group {0} vs {1}")
    @CsvSource({"rg-İzmir, rg-izmir", "rg-ſtorage, rg-storage", "rg-ϑ, rg-θ"})
    void equalIdsHaveEqualHashCodesAndNormalizedFormsForUnicodeResourceGroups(String rgA, String rgB) {
        ArmId a = ArmId.ofStorageAccount(SUBSCRIPTION, rgA, "st1");
        ArmId b = ArmId.ofStorageAccount(SUBSCRIPTION, rgB, "st1");

        if (a.equals(b)) {
            assertThat(a.hashCode()).isEqualTo(b.hashCode());
            assertThat(a.normalized()).isEqualTo(b.normalized());
        } else {
            assertThat(a.normalized()).isNotEqualTo(b.normalized());
        }
    }
}
