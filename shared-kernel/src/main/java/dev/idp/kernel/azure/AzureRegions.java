package dev.idp.kernel.azure;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The Azure public-cloud regions a storage account may be placed in, by their programmatic names.
 *
 * <p>Azure spells a region two ways ({@code westeurope} in ARM, {@code West Europe} in the portal); they compare case- and
 * space-insensitively, so {@link #canonical} folds both to the programmatic name.
 */
public final class AzureRegions {

    private static final Set<String> KNOWN = Set.of(
            "australiacentral",
            "australiacentral2",
            "australiaeast",
            "australiasoutheast",
            "austriaeast",
            "belgiumcentral",
            "brazilsouth",
            "brazilsoutheast",
            "canadacentral",
            "canadaeast",
            "centralindia",
            "centralus",
            "chilecentral",
            "denmarkeast",
            "eastasia",
            "eastus",
            "eastus2",
            "francecentral",
            "francesouth",
            "germanynorth",
            "germanywestcentral",
            "indonesiacentral",
            "israelcentral",
            "italynorth",
            "japaneast",
            "japanwest",
            "koreacentral",
            "koreasouth",
            "malaysiawest",
            "mexicocentral",
            "newzealandnorth",
            "northcentralus",
            "northeurope",
            "norwayeast",
            "norwaywest",
            "polandcentral",
            "qatarcentral",
            "southafricanorth",
            "southafricawest",
            "southcentralus",
            "southeastasia",
            "southindia",
            "spaincentral",
            "swedencentral",
            "switzerlandnorth",
            "switzerlandwest",
            "uaecentral",
            "uaenorth",
            "uksouth",
            "ukwest",
            "westcentralus",
            "westeurope",
            "westindia",
            "westus",
            "westus2",
            "westus3");

    private AzureRegions() {}

    /** The folded form of any spelling: lower case, no white space. Used to compare regions. */
    public static String fold(String region) {
        return region == null ? null : region.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }

    /** The programmatic name of a known region in any spelling, or empty when the region is unknown. */
    public static Optional<String> canonical(String region) {
        String folded = fold(region);
        return folded != null && KNOWN.contains(folded) ? Optional.of(folded) : Optional.empty();
    }

    /** Whether two spellings name the same region. */
    public static boolean same(String a, String b) {
        return a != null && b != null && fold(a).equals(fold(b));
    }
}
