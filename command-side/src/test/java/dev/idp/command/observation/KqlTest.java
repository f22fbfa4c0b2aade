package dev.idp.command.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class KqlTest {

    static Stream<Arguments> hostileValues() {
        return Stream.of(
                Arguments.of("plain", "'plain'"),
                Arguments.of("it's", "'it\\'s'"),
                Arguments.of("a\\b", "'a\\\\b'"),
                Arguments.of("x' or 1==1 or 'y", "'x\\' or 1==1 or \\'y'"),
                Arguments.of("\\' | project secret", "'\\\\\\' | project secret'"),
                Arguments.of("\" | union Resources", "'\" | union Resources'"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("hostileValues")
    void quotesEveryValueAsOneLiteral(String value, String literal) {
        assertThat(Kql.literal(value)).isEqualTo(literal);
        assertThat(unquote(Kql.literal(value))).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "a\rb", "a\u0000b", "a\u2028b", "tab\there"})
    void refusesControlCharacters(String value) {
        assertThatThrownBy(() -> Kql.literal(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control character");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rg' or 1==1 or 'x", "rg\\", "rg.", "", "rg/x", "rg|project"})
    void refusesResourceGroupsAzureWouldNotAllow(String value) {
        assertThatThrownBy(() -> Kql.resourceGroup(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rg-payments", "RG_Payments.2026", "rg-(legacy)", "rg-İzmir"})
    void quotesResourceGroupsAzureAllows(String value) {
        assertThat(Kql.resourceGroup(value)).isEqualTo("'" + value + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-guid", "00000000-0000-0000-0000-0000000000a1' or '1", ""})
    void refusesSubscriptionsThatAreNotGuids(String value) {
        assertThatThrownBy(() -> Kql.subscriptionId(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void buildsTheInventoryQueryWithTheScopesGroupsQuoted() {
        String text = new InventoryQuery(List.of("rg-payments", "rg-data")).text();

        assertThat(text)
                .startsWith("Resources\n| where type =~ 'microsoft.storage/storageaccounts'\n")
                .contains("| where resourceGroup in~ ('rg-payments', 'rg-data')")
                .contains("managedByPlatform = tostring(tags['idp-managed-by'])")
                .endsWith("| order by id asc");
    }

    @Test
    void aHostileResourceGroupNeverReachesTheQuery() {
        assertThatThrownBy(() -> new InventoryQuery(List.of("rg' | project secrets | where 'a")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Reads a literal back the way KQL's lexer does. */
    private static String unquote(String literal) {
        assertThat(literal).startsWith("'").endsWith("'");
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < literal.length() - 1; i++) {
            char c = literal.charAt(i);
            if (c == '\\') {
                c = literal.charAt(++i);
            } else {
                assertThat(c).as("an unescaped quote would end the literal").isNotEqualTo('\'');
            }
            out.append(c);
        }
        return out.toString();
    }
}
