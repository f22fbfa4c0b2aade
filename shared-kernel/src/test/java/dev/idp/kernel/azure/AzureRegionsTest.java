package dev.idp.kernel.azure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AzureRegionsTest {

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource({
        "westeurope, westeurope",
        "West Europe, westeurope",
        "WESTEUROPE, westeurope",
        "' west europe ', westeurope",
        "'West  Europe', westeurope",
        "'West\tEurope', westeurope",
        "East US 2, eastus2",
        "eastus2, eastus2",
        "North Central US, northcentralus",
        "Australia Central 2, australiacentral2",
        "Germany West Central, germanywestcentral"
    })
    void canonicalFoldsAnySpellingOfAKnownRegionToItsProgrammaticName(String spelling, String programmatic) {
        assertThat(AzureRegions.canonical(spelling)).contains(programmatic);
    }

    @ParameterizedTest(name = "\"{0}\" is unknown")
    @NullAndEmptySource
    @ValueSource(
            strings = {" ", "mars", "west-europe", "west_europe", "Europe West", "westeurope2", "global", "eu-west-1"})
    void canonicalIsEmptyForUnknownRegions(String spelling) {
        assertThat(AzureRegions.canonical(spelling)).isEmpty();
    }

    @ParameterizedTest(name = "fold(\"{0}\") = {1}")
    @CsvSource({
        "West Europe, westeurope",
        "westeurope, westeurope",
        "WESTEUROPE, westeurope",
        "' west europe ', westeurope",
        "Mars Central, marscentral"
    })
    void foldRemovesWhiteSpaceAndLowerCases(String spelling, String folded) {
        assertThat(AzureRegions.fold(spelling)).isEqualTo(folded);
    }

    @Test
    void foldKeepsNull() {
        assertThat(AzureRegions.fold(null)).isNull();
    }

    @ParameterizedTest(name = "\"{0}\" is \"{1}\"")
    @CsvSource({
        "West Europe, westeurope",
        "westeurope, WESTEUROPE",
        "WESTEUROPE, ' west europe '",
        "' west europe ', West Europe",
        "East US 2, eastus2"
    })
    void sameIsTrueForSpellingsOfOneRegion(String a, String b) {
        assertThat(AzureRegions.same(a, b)).isTrue();
        assertThat(AzureRegions.same(b, a)).isTrue();
    }

    @ParameterizedTest(name = "\"{0}\" is not \"{1}\"")
    @CsvSource({"westeurope, northeurope", "East US, East US 2", "West US, westus2", "westeurope, west-europe"})
    void sameIsFalseForDifferentRegions(String a, String b) {
        assertThat(AzureRegions.same(a, b)).isFalse();
    }

    @Test
    void sameIsFalseWhenEitherSideIsMissing() {
        assertThat(AzureRegions.same(null, "westeurope")).isFalse();
        assertThat(AzureRegions.same("westeurope", null)).isFalse();
        assertThat(AzureRegions.same(null, null)).isFalse();
    }
}
