package dev.idp.emulator.azure;

import static dev.idp.emulator.azure.EmulatorClients.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ARM's shapes, checked against the example files of azure-rest-api-specs (../shared/fixtures, unmodified). */
class ArmConformanceTest {

    static final Path EXAMPLES = Path.of("../../shared/fixtures/azure-rest-api-specs/storage-2024-01-01");
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SUB = "00000000-0000-0000-0000-0000000000a1";

    @TempDir
    static Path certificates;

    static AzureEmulator emulator;
    static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        emulator = AzureEmulator.start(AzureEmulator.Options.defaults(certificates));
        http = EmulatorClients.plain(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.reset();
    }

    static String accountPath(String sub, String group, String name) {
        return "/subscriptions/" + sub + "/resourceGroups/" + group + "/providers/Microsoft.Storage/storageAccounts/"
                + name + "?api-version=2023-05-01";
    }

    @Test
    void answersTheCreateExampleWithTheExamplesShape() throws Exception {
        JsonNode example =
                JSON.readTree(EXAMPLES.resolve("StorageAccountCreate.json").toFile());
        JsonNode request = example.at("/parameters/parameters");
        JsonNode expected = example.at("/responses/200/body");
        String group = example.at("/parameters/resourceGroupName").asText();
        String name = example.at("/parameters/accountName").asText();

        HttpResponse<String> response =
                send(http, emulator, "PUT", accountPath(SUB, group, name), request.toString(), "portal-user");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode actual = JSON.readTree(response.body());
        assertThat(actual.get("id").asText())
                .isEqualTo(expected.get("id").asText().replace("{subscription-id}", SUB));
        for (String field : new String[] {"name", "type", "kind", "location", "sku", "tags", "extendedLocation"}) {
            assertThat(actual.get(field)).as(field).isEqualTo(expected.get(field));
        }
        JsonNode properties = actual.get("properties");
        assertThat(properties.get("provisioningState").asText()).isEqualTo("Succeeded");
        assertThat(properties.get("minimumTlsVersion")).isEqualTo(expected.at("/properties/minimumTlsVersion"));
        assertThat(properties.get("allowBlobPublicAccess")).isEqualTo(expected.at("/properties/allowBlobPublicAccess"));
        assertThat(properties.get("creationTime").asText()).isNotBlank();
        assertThat(properties.get("primaryEndpoints").get("blob").asText())
                .isEqualTo("https://" + name + ".blob.core.windows.net/");
        // what the request did not set and the example does not show stays absent, as in Azure
        assertThat(properties.has("publicNetworkAccess")).isFalse();
        assertThat(properties.has("allowCrossTenantReplication")).isFalse();
        assertThat(expected.at("/properties").has("publicNetworkAccess")).isFalse();
    }

    @Test
    void answersGetLikeTheGetExampleAndPatchLikeTheUpdateExample() throws Exception {
        JsonNode get = JSON.readTree(
                EXAMPLES.resolve("StorageAccountGetProperties.json").toFile());
        String group = get.at("/parameters/resourceGroupName").asText();
        String name = get.at("/parameters/accountName").asText();
        JsonNode expected = get.at("/responses/200/body");
        String create = "{\"location\":\"eastus2(stage)\",\"kind\":\"Storage\",\"sku\":{\"name\":\"Standard_GRS\"},"
                + "\"tags\":{\"key1\":\"value1\",\"key2\":\"value2\"}}";
        send(http, emulator, "PUT", accountPath(SUB, group, name), create, "u");

        JsonNode actual = JSON.readTree(send(http, emulator, "GET", accountPath(SUB, group, name), null, "u")
                .body());
        assertThat(actual.get("id").asText())
                .isEqualTo(expected.get("id").asText().replace("{subscription-id}", SUB));
        assertThat(actual.get("sku")).isEqualTo(expected.get("sku"));
        assertThat(actual.get("kind")).isEqualTo(expected.get("kind"));
        assertThat(actual.get("type")).isEqualTo(expected.get("type"));

        JsonNode update =
                JSON.readTree(EXAMPLES.resolve("StorageAccountUpdate.json").toFile());
        JsonNode patch = update.at("/parameters/parameters");
        HttpResponse<String> patched =
                send(http, emulator, "PATCH", accountPath(SUB, group, name), patch.toString(), "u");
        assertThat(patched.statusCode()).isEqualTo(200);
        JsonNode after = JSON.readTree(patched.body());
        patch.get("properties").fields().forEachRemaining(e -> assertThat(after.at("/properties/" + e.getKey()))
                .as(e.getKey())
                .isEqualTo(e.getValue()));
    }

    @Test
    void keepsItsAccountsAcrossARestartWhenGivenAStateFile(@TempDir Path state) throws Exception {
        Path file = state.resolve("azure.json");
        AzureEmulator first =
                AzureEmulator.start(AzureEmulator.Options.defaults(certificates).withStateFile(file));
        first.seed(SUB, "rg-kept", 2, "stkept", java.util.Map.of("a", "b"));
        first.close();

        AzureEmulator second =
                AzureEmulator.start(AzureEmulator.Options.defaults(certificates).withStateFile(file));
        try {
            HttpResponse<String> kept = send(
                    EmulatorClients.plain(second), second, "GET", accountPath(SUB, "rg-kept", "stkept1"), null, "u");
            assertThat(kept.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(kept.body()).at("/tags/a").asText()).isEqualTo("b");
        } finally {
            second.close();
        }
    }

    @Test
    void answers404WithAzuresErrorBody() throws Exception {
        HttpResponse<String> response = send(http, emulator, "GET", accountPath(SUB, "rg", "stmissing"), null, "u");

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("ResourceNotFound");
        assertThat(error.get("message").asText()).contains("stmissing").contains("rg");
    }

    @Test
    void refusesANameTakenInAnotherSubscriptionOrGroup() throws Exception {
        String body = "{\"location\":\"westeurope\",\"kind\":\"StorageV2\",\"sku\":{\"name\":\"Standard_LRS\"}}";
        assertThat(send(http, emulator, "PUT", accountPath(SUB, "rg-a", "stglobal"), body, "u")
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> otherGroup = send(http, emulator, "PUT", accountPath(SUB, "rg-b", "stglobal"), body, "u");
        HttpResponse<String> otherSub = send(
                http,
                emulator,
                "PUT",
                accountPath("00000000-0000-0000-0000-0000000000b2", "rg-a", "stglobal"),
                body,
                "u");

        for (HttpResponse<String> response : java.util.List.of(otherGroup, otherSub)) {
            assertThat(response.statusCode()).isEqualTo(409);
            assertThat(JSON.readTree(response.body()).at("/error/code").asText())
                    .isEqualTo("StorageAccountAlreadyTaken");
        }
    }

    @Test
    void matchesPathsIgnoringCaseAndAnswersCanonicalIds() throws Exception {
        String body = "{\"location\":\"West Europe\",\"kind\":\"StorageV2\",\"sku\":{\"name\":\"Standard_ZRS\"}}";
        send(http, emulator, "PUT", accountPath(SUB, "RG-Mixed", "stcase"), body, "u");

        HttpResponse<String> lower = send(
                http,
                emulator,
                "GET",
                "/subscriptions/" + SUB + "/resourcegroups/rg-mixed/providers/microsoft.storage/storageaccounts/stcase"
                        + "?api-version=2023-05-01",
                null,
                "u");

        assertThat(lower.statusCode()).isEqualTo(200);
        JsonNode account = JSON.readTree(lower.body());
        assertThat(account.get("id").asText())
                .isEqualTo("/subscriptions/" + SUB
                        + "/resourceGroups/RG-Mixed/providers/Microsoft.Storage/storageAccounts/stcase");
        assertThat(account.get("location").asText()).isEqualTo("westeurope");
        assertThat(account.at("/sku/tier").asText()).isEqualTo("Standard");
        assertThat(account.at("/properties/accessTier").asText()).isEqualTo("Hot");
    }

    @Test
    void refusesRequestsWithoutApiVersionOrToken() throws Exception {
        HttpResponse<String> noVersion = send(
                http,
                emulator,
                "GET",
                "/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stx",
                null,
                "u");
        assertThat(noVersion.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noVersion.body()).at("/error/code").asText()).isEqualTo("MissingApiVersionParameter");

        HttpResponse<String> noToken = send(http, emulator, "GET", accountPath(SUB, "rg", "stx"), null, null);
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(noToken.body()).at("/error/code").asText()).isEqualTo("AuthenticationFailed");
    }

    @Test
    void logsEveryWriteWithItsPrincipalAndCountsReads() throws Exception {
        String body = "{\"location\":\"westeurope\",\"kind\":\"StorageV2\",\"sku\":{\"name\":\"Standard_LRS\"}}";
        send(http, emulator, "PUT", accountPath(SUB, "rg", "stlog"), body, "provider-azure-storage");
        send(http, emulator, "GET", accountPath(SUB, "rg", "stlog"), null, "idp-service");
        send(http, emulator, "PATCH", accountPath(SUB, "rg", "stlog"), "{\"tags\":{\"a\":\"b\"}}", "alice");
        send(http, emulator, "DELETE", accountPath(SUB, "rg", "stlog"), null, "provider-azure-storage");

        JsonNode operations = JSON.readTree(
                send(http, emulator, "GET", "/_emulator/operations", null, null).body());
        assertThat(operations).hasSize(3);
        assertThat(operations.get(0).get("method").asText()).isEqualTo("PUT");
        assertThat(operations.get(0).get("principal").asText()).isEqualTo("provider-azure-storage");
        assertThat(operations.get(1).get("principal").asText()).isEqualTo("alice");
        assertThat(operations.get(2).get("method").asText()).isEqualTo("DELETE");
        assertThat(operations.get(2).get("armId").asText()).endsWith("/storageAccounts/stlog");
        JsonNode stats = JSON.readTree(
                send(http, emulator, "GET", "/_emulator/stats", null, null).body());
        assertThat(stats.fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("resourceGraphQueries", "armReads", "armWrites", "throttled");
        assertThat(stats.get("armReads").asLong()).isEqualTo(1);
        assertThat(stats.get("armWrites").asLong()).isEqualTo(3);
    }

    @Test
    void answersArmReadsWithTheRemainingReadsHeaderAndThrottlesPastTheBucket() throws Exception {
        HttpResponse<String> first = send(http, emulator, "GET", accountPath(SUB, "rg", "stnone"), null, "reader");
        assertThat(first.headers().firstValue("x-ms-ratelimit-remaining-subscription-reads"))
                .hasValue("249");

        int throttled = 0;
        String retryAfter = null;
        for (int i = 0; i < 2000 && throttled == 0; i++) {
            HttpResponse<String> r = send(http, emulator, "GET", accountPath(SUB, "rg", "stnone"), null, "reader");
            if (r.statusCode() == 429) {
                throttled++;
                retryAfter = r.headers().firstValue("Retry-After").orElse(null);
                assertThat(JSON.readTree(r.body()).at("/error/code").asText())
                        .isEqualTo("SubscriptionRequestsThrottled");
            }
        }
        assertThat(throttled).isEqualTo(1);
        assertThat(retryAfter).isNotNull();
        assertThat(emulator.stats().throttled()).isEqualTo(1);
    }
}
