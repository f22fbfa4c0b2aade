package dev.idp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's walk-through against a started sandbox: get a token, submit, get 202; stop, start again on the same
 * data and find the request still known; start with --fresh and find it gone.
 */
class SandboxSmokeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path data;

    @Test
    void startsSubmitsAndKeepsItsDataAcrossRestarts() throws Exception {
        String requestId = UUID.randomUUID().toString();
        String body = JSON.writeValueAsString(Map.of(
                "requestId", requestId,
                "workflowType", "storage-account",
                "subscriptionId", "00000000-0000-0000-0000-000000000001",
                "resourceGroup", "rg-payments",
                "name", "stpayments001",
                "owner", Map.of("team", "payments", "requestedBy", "alice@example.com"),
                "spec",
                        Map.of(
                                "location", "westeurope",
                                "accountKind", "StorageV2",
                                "accountTier", "Standard",
                                "replicationType", "ZRS")));

        SandboxMain.Running sandbox = start(false);
        String resourceId;
        try {
            HttpResponse<String> unauthenticated = submit(sandbox.apiPort(), null, body);
            assertThat(unauthenticated.statusCode()).isEqualTo(401);
            HttpResponse<String> viewer = submit(sandbox.apiPort(), token(sandbox.apiPort(), "viewer"), body);
            assertThat(viewer.statusCode()).isEqualTo(403);
            HttpResponse<String> accepted = submit(sandbox.apiPort(), token(sandbox.apiPort(), "portal"), body);
            assertThat(accepted.statusCode()).isEqualTo(202);
            resourceId = JSON.readTree(accepted.body()).get("resourceId").asText();
            HttpResponse<String> history = get(
                    sandbox.apiPort(),
                    "/api/v1/storage-accounts/" + resourceId + "/history",
                    token(sandbox.apiPort(), "auditor"));
            assertThat(history.statusCode()).isEqualTo(200);
            JsonNode events = JSON.readTree(history.body()).get("events");
            assertThat(events).hasSize(1);
            assertThat(events.get(0).get("type").asText()).isEqualTo("StorageAccountRequestedEvent");
            assertThat(events.get(0).get("actor").asText()).isNotBlank();
            HttpResponse<String> badRole = get(sandbox.apiPort(), "/sandbox/token?roles=admin");
            assertThat(badRole.statusCode()).isEqualTo(400);
        } finally {
            sandbox.stop();
        }
        assertThat(Files.exists(data.resolve("postgres").resolve("postmaster.pid")))
                .as("PostgreSQL stopped with the sandbox")
                .isFalse();

        sandbox = start(false);
        try {
            HttpResponse<String> retry = submit(sandbox.apiPort(), token(sandbox.apiPort(), "portal"), body);
            assertThat(retry.statusCode()).isEqualTo(202);
            assertThat(JSON.readTree(retry.body()).get("resourceId").asText()).isEqualTo(resourceId);
        } finally {
            sandbox.stop();
        }

        sandbox = start(true);
        try {
            HttpResponse<String> afterWipe = submit(sandbox.apiPort(), token(sandbox.apiPort(), "portal"), body);
            assertThat(afterWipe.statusCode()).isEqualTo(202);
            assertThat(JSON.readTree(afterWipe.body()).get("resourceId").asText())
                    .isNotEqualTo(resourceId);
        } finally {
            sandbox.stop();
        }
    }

    @org.junit.jupiter.api.BeforeEach
    void letPostgresIn() throws Exception {
        // JUnit makes temp directories private; PostgreSQL runs as its own user when the tests run as root.
        Files.setPosixFilePermissions(data, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private SandboxMain.Running start(boolean fresh) {
        return SandboxMain.start(new SandboxOptions(data, fresh, "127.0.0.1", 0), new String[0]);
    }

    private String token(int port, String roles) throws Exception {
        HttpResponse<String> response = get(port, "/sandbox/token?roles=" + roles);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode json = JSON.readTree(response.body());
        return json.get("token").asText();
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return get(port, path, null);
    }

    private HttpResponse<String> get(int port, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> submit(int port, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/storage-accounts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
