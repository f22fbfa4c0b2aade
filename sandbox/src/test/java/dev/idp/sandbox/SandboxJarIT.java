package dev.idp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's walk-through against the packaged jar, as a newcomer runs it: start it, wait for the ready line, get a
 * token, submit, read the history, look at Azure through the emulator (trusting its certificate), make an
 * out-of-band change the way the portal would, take the control plane away and back, wipe the cluster, stop with
 * SIGTERM and find no PostgreSQL left running.
 */
class SandboxJarIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SUB = "00000000-0000-0000-0000-0000000000a1";

    @TempDir
    Path data;

    @Test
    void walksThroughTheReadme() throws Exception {
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        int api = freePort();
        int azure = freePort();
        int kubernetes = freePort();
        Path jar = Path.of("target/idp-sandbox.jar").toAbsolutePath();
        Path javaBinary = Path.of(System.getProperty("java.home"), "bin", "java");
        Process sandbox = new ProcessBuilder(
                        javaBinary.toString(),
                        "-jar",
                        jar.toString(),
                        "--data-dir=" + data,
                        "--api-port=" + api,
                        "--azure-port=" + azure,
                        "--kubernetes-port=" + kubernetes,
                        "--provider-poll=5s")
                .redirectErrorStream(true)
                .start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(sandbox.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                }
            } catch (Exception ignored) {
                // the process ended
            }
        });
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(120))
                    .until(() ->
                            output.stream().anyMatch(l -> l.contains("IDP sandbox ready in")) || !sandbox.isAlive());
            assertThat(sandbox.isAlive()).as(String.join("\n", output)).isTrue();
            assertThat(output).anyMatch(l -> l.contains("https://127.0.0.1:" + azure));
            assertThat(output).anyMatch(l -> l.contains("http://127.0.0.1:" + kubernetes));

            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + api;
            String portal = JSON.readTree(get(http, base + "/sandbox/token?roles=portal", null)
                            .body())
                    .get("token")
                    .asText();
            String auditor = JSON.readTree(get(http, base + "/sandbox/token?roles=auditor", null)
                            .body())
                    .get("token")
                    .asText();

            String submission = JSON.writeValueAsString(java.util.Map.of(
                    "requestId",
                    UUID.randomUUID().toString(),
                    "workflowType",
                    "storage-account",
                    "subscriptionId",
                    SUB,
                    "resourceGroup",
                    "rg-payments",
                    "name",
                    "stwalkthrough01",
                    "owner",
                    java.util.Map.of("team", "payments", "requestedBy", "alice@example.com"),
                    "spec",
                    java.util.Map.of(
                            "location", "westeurope",
                            "accountKind", "StorageV2",
                            "accountTier", "Standard",
                            "replicationType", "ZRS")));
            HttpResponse<String> accepted = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/v1/storage-accounts"))
                            .header("Authorization", "Bearer " + portal)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(submission))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(accepted.statusCode()).isEqualTo(202);
            String resourceId = JSON.readTree(accepted.body()).get("resourceId").asText();
            JsonNode history =
                    JSON.readTree(get(http, base + "/api/v1/storage-accounts/" + resourceId + "/history", auditor)
                            .body());
            assertThat(history.at("/events/0/type").asText()).isEqualTo("StorageAccountRequestedEvent");

            HttpClient tls = HttpClient.newBuilder()
                    .sslContext(trusting(data.resolve("azure/emulator.pem")))
                    .build();
            String emulator = "https://127.0.0.1:" + azure;
            HttpResponse<String> seeded = http(
                    tls,
                    "POST",
                    emulator + "/_emulator/seed",
                    "{\"subscriptionId\":\"" + SUB + "\",\"resourceGroup\":\"rg-outside\",\"count\":2,"
                            + "\"namePrefix\":\"stoutside\",\"tags\":{\"owner\":\"someone\"}}",
                    null);
            assertThat(seeded.statusCode()).isEqualTo(201);
            String account = emulator + "/subscriptions/" + SUB
                    + "/resourceGroups/rg-outside/providers/Microsoft.Storage/storageAccounts/stoutside0"
                    + "?api-version=2023-05-01";
            HttpResponse<String> patched =
                    http(tls, "PATCH", account, "{\"properties\":{\"minimumTlsVersion\":\"TLS1_0\"}}", "portal-person");
            assertThat(patched.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(http(tls, "GET", account, null, "portal-person")
                                    .body())
                            .at("/properties/minimumTlsVersion")
                            .asText())
                    .isEqualTo("TLS1_0");
            JsonNode stats = JSON.readTree(
                    http(tls, "GET", emulator + "/_emulator/stats", null, null).body());
            assertThat(stats.get("armWrites").asLong()).isGreaterThanOrEqualTo(3);

            HttpResponse<String> down =
                    http(http, "POST", base + "/sandbox/control-plane", "{\"available\":false}", null);
            assertThat(down.statusCode()).isEqualTo(200);
            assertThat(refused(kubernetes)).isTrue();
            http(http, "POST", base + "/sandbox/control-plane", "{\"available\":true}", null);
            assertThat(refused(kubernetes)).isFalse();
            HttpResponse<String> wiped = http(http, "POST", base + "/sandbox/cluster/wipe", null, null);
            assertThat(wiped.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(wiped.body()).has("deleted")).isTrue();
        } finally {
            sandbox.destroy(); // SIGTERM, as Ctrl-C would
            assertThat(sandbox.waitFor(60, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            reader.join(5000);
        }
        assertThat(Files.exists(data.resolve("postgres/postmaster.pid")))
                .as("PostgreSQL stopped with the sandbox")
                .isFalse();
        assertThat(Files.exists(data.resolve("azure/accounts.json")))
                .as("Azure's accounts kept for the next start")
                .isTrue();
    }

    private static HttpResponse<String> get(HttpClient http, String url, String token) throws Exception {
        return http(http, "GET", url, null, token);
    }

    private static HttpResponse<String> http(HttpClient http, String method, String url, String body, String bearer)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean refused(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static SSLContext trusting(Path pem) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (var in = Files.newInputStream(pem)) {
            trust.setCertificateEntry(
                    "emulator", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
