package dev.idp.emulator.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resource Graph's paging shapes against the 2022-10-01 examples in ../shared/fixtures (unmodified). */
class ResourceGraphConformanceTest {

    static final Path EXAMPLES = Path.of("../../shared/fixtures/azure-rest-api-specs/resourcegraph-2022-10-01");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path certificates;

    AzureEmulator emulator;

    @BeforeEach
    void start() {
        emulator = AzureEmulator.start(AzureEmulator.Options.defaults(certificates));
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void pagesLikeTheFirstAndNextPageExamples() throws Exception {
        JsonNode first =
                JSON.readTree(EXAMPLES.resolve("ResourcesFirstPageQuery.json").toFile());
        JsonNode next =
                JSON.readTree(EXAMPLES.resolve("ResourcesNextPageQuery.json").toFile());
        String subscription = first.at("/parameters/query/subscriptions/0").asText();
        emulator.seed(subscription, "rg1", 7, "sttest", Map.of());
        var http = EmulatorClients.plain(emulator);
        String path = "/providers/Microsoft.ResourceGraph/resources?api-version=2022-10-01";

        JsonNode page1 = JSON.readTree(EmulatorClients.send(
                        http,
                        emulator,
                        "POST",
                        path,
                        first.at("/parameters/query").toString(),
                        "auditor")
                .body());
        JsonNode expected = first.at("/responses/200/body");
        assertThat(page1.fieldNames()).toIterable().containsExactlyInAnyOrderElementsOf(() -> expected.fieldNames());
        assertThat(page1.get("totalRecords").asInt()).isEqualTo(7);
        assertThat(page1.get("count").asInt()).isEqualTo(expected.get("count").asInt());
        assertThat(page1.get("resultTruncated").asText()).isEqualTo("false");
        assertThat(page1.get("data").get(0).fieldNames())
                .toIterable()
                .containsExactlyElementsOf(() -> expected.at("/data/0").fieldNames());
        assertThat(page1.at("/data/0/type").asText()).isEqualTo("microsoft.storage/storageaccounts");

        var nextRequest = (com.fasterxml.jackson.databind.node.ObjectNode)
                next.at("/parameters/query").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) nextRequest.get("options"))
                .put("$skipToken", page1.get("$skipToken").asText());
        JsonNode page2 =
                JSON.readTree(EmulatorClients.send(http, emulator, "POST", path, nextRequest.toString(), "auditor")
                        .body());
        assertThat(page2.get("count").asInt()).isEqualTo(4); // the rest: no $top, so up to the default 100
        assertThat(page2.has("$skipToken")).isFalse();
        assertThat(page2.at("/data/0/id").asText())
                .isNotEqualTo(page1.at("/data/0/id").asText());
    }

    /** The figure for the closing note: 1000-row pages per second over a 10,000-account fleet (printed, not asserted). */
    @Test
    void measuresThousandRowPages() throws Exception {
        emulator.close();
        emulator =
                AzureEmulator.start(AzureEmulator.Options.defaults(certificates).withThrottling(false));
        String sub = "00000000-0000-0000-0000-0000000000a1";
        long seeded = System.nanoTime();
        emulator.seed(sub, "rg-fleet", 10_000, "stfleet", Map.of("idp-managed-by", "idp-storage-accounts"));
        double seedSeconds = (System.nanoTime() - seeded) / 1e9;
        var graph = EmulatorClients.resourceGraph(emulator, "bench");
        var request = new com.azure.resourcemanager.resourcegraph.models.QueryRequest()
                .withSubscriptions(java.util.List.of(sub))
                .withQuery(
                        "Resources | where type =~ 'microsoft.storage/storageaccounts' | project id, name, sku, tags,"
                                + " tls = tostring(properties.minimumTlsVersion) | order by id asc");
        int pages = 0;
        long start = System.nanoTime();
        for (int round = 0; round < 3; round++) {
            String token = null;
            do {
                var page = graph.resourceProviders()
                        .resources(request.withOptions(
                                new com.azure.resourcemanager.resourcegraph.models.QueryRequestOptions()
                                        .withTop(1000)
                                        .withSkipToken(token)));
                token = page.skipToken();
                pages++;
            } while (token != null);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "Resource Graph: %d pages of 1000 rows in %.2f s = %.1f pages/s (%,.0f rows/s); seeding 10,000 took %.2f s%n",
                pages, seconds, pages / seconds, pages * 1000 / seconds, seedSeconds);
        assertThat(pages).isEqualTo(30);
    }
}
