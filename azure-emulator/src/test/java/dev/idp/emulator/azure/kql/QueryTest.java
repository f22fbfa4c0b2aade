package dev.idp.emulator.azure.kql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode row(String id, String group, String tls, String team) throws Exception {
        return (ObjectNode) JSON.readTree("{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"type\":"
                + "\"microsoft.storage/storageaccounts\",\"resourceGroup\":\"" + group + "\",\"properties\":"
                + "{\"minimumTlsVersion\":" + (tls == null ? "null" : "\"" + tls + "\"") + "},\"tags\":{\"Team\":\""
                + team + "\"}}");
    }

    static List<ObjectNode> rows() throws Exception {
        return List.of(
                row("a", "rg-one", "TLS1_2", "payments"),
                row("b", "rg-two", "TLS1_0", "data"),
                row("c", "RG-ONE", null, "it's"));
    }

    private static List<String> ids(String query) throws Exception {
        return Query.parse(query).run(rows()).stream()
                .map(r -> r.get("id").asText())
                .toList();
    }

    @Test
    void filtersWithTheServicesForms() throws Exception {
        assertThat(ids("Resources | where type =~ 'Microsoft.Storage/storageAccounts' | order by id asc"))
                .containsExactly("a", "b", "c");
        assertThat(ids("Resources | where resourceGroup in~ ('rg-one') | order by id asc"))
                .containsExactly("a", "c");
        assertThat(ids("Resources | where resourceGroup in ('rg-one')")).containsExactly("a");
        assertThat(ids("Resources | where tags['team'] == 'payments'")).containsExactly("a");
        assertThat(ids("Resources | where tags.Team =~ 'DATA'")).containsExactly("b");
        assertThat(ids("Resources | where tags['team'] == 'it\\'s'")).containsExactly("c");
        assertThat(ids("Resources | where tags['team'] == @'it''s' or id == 'a'"))
                .containsExactly("a", "c");
        assertThat(ids("Resources | where isempty(properties.minimumTlsVersion)"))
                .containsExactly("c");
        assertThat(ids("Resources | where (id == 'a' or id == 'b') and properties.minimumTlsVersion != 'TLS1_2'"))
                .containsExactly("b");
        assertThat(ids("Resources | where name startswith 'b' or name contains 'C'"))
                .containsExactly("b", "c");
        assertThat(ids("Resources | where resourceGroup !in~ ('rg-one')")).containsExactly("b");
    }

    @Test
    void projectsOrdersAndLimits() throws Exception {
        List<ObjectNode> result = Query.parse(
                        "Resources | project id, tls = tostring(properties.minimumTlsVersion), tags | order by id desc | take 2")
                .run(rows());

        assertThat(result).hasSize(2);
        assertThat(result.get(0).get("id").asText()).isEqualTo("c");
        assertThat(result.get(0).get("tls").asText()).isEmpty();
        assertThat(result.get(1).get("tls").asText()).isEqualTo("TLS1_0");
        assertThat(result.get(0).fieldNames()).toIterable().containsExactly("id", "tls", "tags");
    }

    @Test
    void aHostileValueInsideALiteralChangesNothing() throws Exception {
        assertThat(ids("Resources | where tags['team'] == 'x\\' or 1==1 or \\'y'"))
                .isEmpty();
        assertThat(ids("Resources | where resourceGroup in~ ('rg-one\\') or (\\'1')"))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Resources | summarize count() by location",
                "Resources | extend x = 1",
                "ResourceContainers | project id",
                "Resources | where id == 'a' | join (Resources) on id",
                "Resources | where id matches regex 'a.*'",
                "Resources | where id == 'unterminated",
                "Resources | where strlen(id) > 1",
                "Resources | where id == 'a' garbage"
            })
    void refusesWhatItDoesNotSupport(String query) {
        assertThatThrownBy(() -> Query.parse(query)).isInstanceOf(KqlException.class);
    }
}
