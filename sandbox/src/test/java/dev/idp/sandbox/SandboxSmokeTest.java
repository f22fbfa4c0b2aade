package dev.idp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's walk-through against a started sandbox: get a token, submit, get 202; stop, start again on the same
 * data and find the request still known; start with --fresh and find it gone.
 */
class SandboxSmokeTest {

    @TempDir
    Path data;

    @Test
    void startsSubmitsAndKeepsItsDataAcrossRestarts() throws Exception {
        String body = SandboxClient.submission(
                UUID.randomUUID().toString(),
                "00000000-0000-0000-0000-000000000001",
                "stpayments001",
                SandboxClient.spec());

        SandboxMain.Running sandbox = start(false);
        String resourceId;
        try {
            SandboxClient api = new SandboxClient(sandbox.apiPort());
            HttpResponse<String> unauthenticated = api.send("POST", "/api/v1/storage-accounts", null, body);
            assertThat(unauthenticated.statusCode()).isEqualTo(401);
            HttpResponse<String> viewer = api.send("POST", "/api/v1/storage-accounts", "viewer", body);
            assertThat(viewer.statusCode()).isEqualTo(403);
            resourceId = api.submit("portal", body);
            JsonNode events = api.history(resourceId);
            assertThat(events).hasSize(1);
            assertThat(events.get(0).get("type").asText()).isEqualTo("StorageAccountRequestedEvent");
            assertThat(events.get(0).get("actor").asText()).isNotBlank();
            HttpResponse<String> badRole = api.get("/sandbox/token?roles=admin", null);
            assertThat(badRole.statusCode()).isEqualTo(400);
        } finally {
            sandbox.stop();
        }
        assertThat(Files.exists(data.resolve("postgres").resolve("postmaster.pid")))
                .as("PostgreSQL stopped with the sandbox")
                .isFalse();

        sandbox = start(false);
        try {
            assertThat(new SandboxClient(sandbox.apiPort()).submit("portal", body))
                    .isEqualTo(resourceId);
        } finally {
            sandbox.stop();
        }

        sandbox = start(true);
        try {
            assertThat(new SandboxClient(sandbox.apiPort()).submit("portal", body))
                    .isNotEqualTo(resourceId);
        } finally {
            sandbox.stop();
        }
    }

    @org.junit.jupiter.api.BeforeEach
    void letPostgresIn() throws Exception {
        SandboxTesting.openToPostgres(data);
    }

    private SandboxMain.Running start(boolean fresh) {
        return SandboxMain.start(new SandboxOptions(data, fresh, "127.0.0.1", 0), new String[0]);
    }
}
