package dev.idp.emulator.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.management.Region;
import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.resourcegraph.ResourceGraphManager;
import com.azure.resourcemanager.resourcegraph.models.QueryRequest;
import com.azure.resourcemanager.resourcegraph.models.QueryRequestOptions;
import com.azure.resourcemanager.resourcegraph.models.QueryResponse;
import com.azure.resourcemanager.resourcegraph.models.ResultFormat;
import com.azure.resourcemanager.storage.StorageManager;
import com.azure.resourcemanager.storage.models.MinimumTlsVersion;
import com.azure.resourcemanager.storage.models.StorageAccount;
import com.azure.resourcemanager.storage.models.StorageAccountSkuType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Azure SDK clients (StorageManager, ResourceGraphManager) against the emulator. */
class SdkClientsTest {

    static final String SUB = "00000000-0000-0000-0000-0000000000a1";

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
    void storageManagerCreatesReadsUpdatesListsAndDeletes() throws Exception {
        StorageManager storage = EmulatorClients.storage(emulator, SUB, "idp-service");

        StorageAccount created = storage.storageAccounts()
                .define("stsdk001")
                .withRegion(Region.EUROPE_WEST)
                .withExistingResourceGroup("rg-sdk")
                .withSku(StorageAccountSkuType.STANDARD_ZRS)
                .withGeneralPurposeAccountKindV2()
                .withMinimumTlsVersion(MinimumTlsVersion.TLS1_2)
                .withTag("cost-center", "cc-1")
                .create();

        assertThat(created.id())
                .isEqualTo("/subscriptions/" + SUB
                        + "/resourceGroups/rg-sdk/providers/Microsoft.Storage/storageAccounts/stsdk001");
        StorageAccount read = storage.storageAccounts().getByResourceGroup("rg-sdk", "stsdk001");
        assertThat(read.skuType().name().toString()).isEqualTo("Standard_ZRS");
        assertThat(read.minimumTlsVersion()).isEqualTo(MinimumTlsVersion.TLS1_2);
        assertThat(read.tags()).containsEntry("cost-center", "cc-1");

        read.update().withMinimumTlsVersion(MinimumTlsVersion.TLS1_0).apply();
        assertThat(storage.storageAccounts()
                        .getByResourceGroup("rg-sdk", "stsdk001")
                        .minimumTlsVersion())
                .isEqualTo(MinimumTlsVersion.TLS1_0);

        assertThat(storage.storageAccounts().listByResourceGroup("rg-sdk").stream()
                        .map(StorageAccount::name))
                .containsExactly("stsdk001");
        assertThat(storage.storageAccounts().list().stream().map(StorageAccount::name))
                .contains("stsdk001");

        storage.storageAccounts().deleteByResourceGroup("rg-sdk", "stsdk001");
        assertThatThrownBy(() -> storage.storageAccounts().getByResourceGroup("rg-sdk", "stsdk001"))
                .isInstanceOf(ManagementException.class)
                .satisfies(e -> assertThat(((ManagementException) e).getValue().getCode())
                        .isEqualTo("ResourceNotFound"));
        assertThat(emulator.operations()).extracting(Operation::principal).containsOnly("idp-service");
    }

    @Test
    void resourceGraphPagesAThousandRowsAtATime() throws Exception {
        emulator.seed(SUB, "rg-fleet", 2500, "stfleet", Map.of("idp-managed-by", "idp-storage-accounts"));
        ResourceGraphManager graph = EmulatorClients.resourceGraph(emulator, "idp-service");

        List<Object> rows = new ArrayList<>();
        String skipToken = null;
        int pages = 0;
        do {
            QueryResponse page = graph.resourceProviders()
                    .resources(new QueryRequest()
                            .withSubscriptions(List.of(SUB))
                            .withQuery("Resources | where type =~ 'microsoft.storage/storageaccounts'"
                                    + " | where resourceGroup in~ ('rg-fleet') | project id, name, tags, sku"
                                    + " | order by id asc")
                            .withOptions(new QueryRequestOptions()
                                    .withTop(1000)
                                    .withSkipToken(skipToken)
                                    .withResultFormat(ResultFormat.OBJECT_ARRAY)));
            assertThat(page.totalRecords()).isEqualTo(2500);
            rows.addAll((List<?>) page.data());
            skipToken = page.skipToken();
            pages++;
        } while (skipToken != null);

        assertThat(pages).isEqualTo(3);
        assertThat(rows).hasSize(2500);
        assertThat(rows).extracting(r -> ((Map<?, ?>) r).get("name")).doesNotHaveDuplicates();
        assertThat(emulator.stats().resourceGraphQueries()).isEqualTo(3);
    }

    @Test
    void resourceGraphRejectsAnUnsupportedQueryWithAzuresErrorShape() throws Exception {
        ResourceGraphManager graph = EmulatorClients.resourceGraph(emulator, "idp-service");

        assertThatThrownBy(() -> graph.resourceProviders()
                        .resources(new QueryRequest()
                                .withSubscriptions(List.of(SUB))
                                .withQuery("Resources | summarize count() by location")))
                .isInstanceOf(ManagementException.class)
                .satisfies(e -> {
                    var error = ((ManagementException) e).getValue();
                    assertThat(error.getCode()).isEqualTo("BadRequest");
                    assertThat(error.getDetails())
                            .extracting(d -> d.getCode())
                            .contains("InvalidQuery", "ParserFailure");
                });
    }

    @Test
    void aHostileTagValueStaysOneLiteral() throws Exception {
        emulator.seed(SUB, "rg-a", 3, "stplain", Map.of("team", "payments"));
        ResourceGraphManager graph = EmulatorClients.resourceGraph(emulator, "idp-service");

        QueryResponse hostile = graph.resourceProviders()
                .resources(new QueryRequest()
                        .withSubscriptions(List.of(SUB))
                        .withQuery("Resources | where tags['team'] == 'x\\' or 1==1 or \\'y' | project id"));

        assertThat(hostile.totalRecords()).isZero();
    }

    @Test
    void resourceGraphLagsBehindArmWhenToldTo() throws Exception {
        emulator.setFaults(new Faults(60_000, 0, 0, 0));
        emulator.seed(SUB, "rg-lag", 1, "stlag", Map.of());
        ResourceGraphManager graph = EmulatorClients.resourceGraph(emulator, "idp-service");
        StorageManager storage = EmulatorClients.storage(emulator, SUB, "idp-service");

        QueryResponse seen = graph.resourceProviders()
                .resources(new QueryRequest().withSubscriptions(List.of(SUB)).withQuery("Resources | project id"));

        assertThat(seen.totalRecords()).isZero();
        assertThat(storage.storageAccounts()
                        .getByResourceGroup("rg-lag", "stlag0")
                        .name())
                .isEqualTo("stlag0");
    }

    @Test
    void resourceGraphThrottlesPerPrincipalWithAzuresHeaders() throws Exception {
        var http = EmulatorClients.plain(emulator);
        String body = "{\"subscriptions\":[\"" + SUB + "\"],\"query\":\"Resources | project id\"}";
        String path = "/providers/Microsoft.ResourceGraph/resources?api-version=2022-10-01";

        var first = EmulatorClients.send(http, emulator, "POST", path, body, "sweeper");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("x-ms-user-quota-remaining")).hasValue("14");
        assertThat(first.headers().firstValue("x-ms-user-quota-resets-after").orElseThrow())
                .matches("00:00:0[0-5]");
        for (int i = 0; i < 14; i++) {
            assertThat(EmulatorClients.send(http, emulator, "POST", path, body, "sweeper")
                            .statusCode())
                    .isEqualTo(200);
        }
        var throttled = EmulatorClients.send(http, emulator, "POST", path, body, "sweeper");
        var otherPrincipal = EmulatorClients.send(http, emulator, "POST", path, body, "someone-else");

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(Integer.parseInt(
                        throttled.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1, 5);
        assertThat(otherPrincipal.statusCode()).isEqualTo(200);
        assertThat(emulator.stats().throttled()).isEqualTo(1);
    }

    @Test
    void theSdkRetriesAfterA429AndGetsThrough() throws Exception {
        ResourceGraphManager graph = EmulatorClients.resourceGraph(emulator, "patient");
        QueryRequest request =
                new QueryRequest().withSubscriptions(List.of(SUB)).withQuery("Resources | project id");
        for (int i = 0; i < 15; i++) {
            graph.resourceProviders().resources(request);
        }

        QueryResponse afterWaiting = graph.resourceProviders().resources(request);

        assertThat(afterWaiting.totalRecords()).isZero();
        assertThat(emulator.stats().throttled()).isGreaterThanOrEqualTo(1);
    }
}
