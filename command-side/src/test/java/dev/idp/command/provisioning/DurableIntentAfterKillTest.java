package dev.idp.command.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idp.postgres.TestPostgres;
import dev.idp.support.testing.TestTokens;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Durable intent: the command side is a separate JVM, killed with SIGKILL right after it answers 202. The event must be
 * in the event store, and the restarted service must know the request (a retry gets the same resource back).
 */
class DurableIntentAfterKillTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private Process service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.destroyForcibly();
        }
    }

    @Test
    void findsTheEventAfterAKillRightAfterThe202() throws Exception {
        TestPostgres.TestDatabase database = TestPostgres.newDatabase();
        Path archive = Files.createTempDirectory("idp-kill-test");
        int port = freePort();
        String requestId = UUID.randomUUID().toString();
        String body = JSON.writeValueAsString(
                StorageAccountCommandApiTest.submission(requestId, StorageAccountCommandApiTest.uniqueName()));

        service = start(database, archive, port);
        HttpResponse<String> accepted = submit(port, body);
        service.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, nothing graceful
        service.waitFor();
        assertThat(accepted.statusCode()).isEqualTo(202);
        String resourceId = JSON.readTree(accepted.body()).get("resourceId").asText();

        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT aggregate_identifier, payload_type FROM domain_event_entry")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(resourceId);
            assertThat(rs.getString(2)).endsWith("StorageAccountRequestedEvent");
            assertThat(rs.next()).isFalse();
        }

        service = start(database, archive, port);
        HttpResponse<String> retry = submit(port, body);
        assertThat(retry.statusCode()).isEqualTo(202);
        JsonNode answer = JSON.readTree(retry.body());
        assertThat(answer.get("resourceId").asText()).isEqualTo(resourceId);
        assertThat(answer.get("requestId").asText()).isEqualTo(requestId);
        // the archive catches up from the event store after the restart
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(archive.resolve(resourceId + ".json")));
    }

    private Process start(TestPostgres.TestDatabase database, Path archive, int port) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-cp",
                        classpath,
                        "dev.idp.command.CommandSideApplication"))
                .redirectErrorStream(true)
                .redirectOutput(Files.createTempFile("idp-kill-test", ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("IDP_DATABASE_URL", database.jdbcUrl());
        env.put("IDP_DATABASE_USERNAME", database.username());
        env.put("IDP_DATABASE_PASSWORD", database.password() == null ? "" : database.password());
        env.put("IDP_HTTP_ADDRESS", "127.0.0.1");
        env.put("IDP_HTTP_PORT", Integer.toString(port));
        env.put("IDP_JWT_PUBLIC_KEY_LOCATION", TestTokens.publicKeyLocation());
        env.put("IDP_JWT_ISSUER", TestTokens.ISSUER);
        env.put("IDP_JWT_AUDIENCE", TestTokens.AUDIENCE);
        env.put("IDP_DESIRED_STATE_FILESYSTEM_PATH", archive.toString());
        Process process = builder.start();
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    assertThat(process.isAlive()).as("service exited early").isTrue();
                    try {
                        return client.send(
                                                HttpRequest.newBuilder(URI.create(
                                                                "http://127.0.0.1:" + port + "/actuator/health"))
                                                        .build(),
                                                HttpResponse.BodyHandlers.ofString())
                                        .statusCode()
                                == 200;
                    } catch (IOException e) {
                        return false;
                    }
                });
        return process;
    }

    private HttpResponse<String> submit(int port, String body) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/storage-accounts"))
                        .header("Authorization", "Bearer " + TestTokens.forRoles("alice", "portal"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
