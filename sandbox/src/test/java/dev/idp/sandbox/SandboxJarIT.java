package dev.idp.sandbox;

import static dev.idp.sandbox.SandboxClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idp.sandbox.kubernetes.KubernetesSandbox;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's walk-through against the packaged jar, as a newcomer runs it: start it, wait for the ready line, get a
 * token, submit, read the history, look at Azure through the emulator (trusting its certificate), make an
 * out-of-band change the way the portal would, take the control plane away and back, wipe the cluster, stop with
 * SIGTERM and find no PostgreSQL left running.
 */
class SandboxJarIT {

    @TempDir
    Path data;

    @Test
    void walksThroughTheReadme() throws Exception {
        SandboxTesting.openToPostgres(data);
        int apiPort = freePort();
        int azure = freePort();
        // outside the ephemeral range, where a connection to the shut port could find itself
        // (KubernetesSandbox.freePort)
        int kubernetes = KubernetesSandbox.freePort("127.0.0.1");
        Path jar = Path.of("target/idp-sandbox.jar").toAbsolutePath();
        Path javaBinary = Path.of(System.getProperty("java.home"), "bin", "java");
        Process sandbox = new ProcessBuilder(
                        javaBinary.toString(),
                        "-jar",
                        jar.toString(),
                        "--data-dir=" + data,
                        "--api-port=" + apiPort,
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

            SandboxClient api = new SandboxClient(apiPort);
            String resourceId = api.submit(
                    "portal",
                    SandboxClient.submission(
                            UUID.randomUUID().toString(),
                            SandboxClient.SUBSCRIPTION,
                            "stwalkthrough01",
                            SandboxClient.spec()));
            JsonNode history = api.json("/api/v1/storage-accounts/" + resourceId + "/history", "auditor");
            assertThat(history.at("/events/0/type").asText()).isEqualTo("StorageAccountRequestedEvent");

            SandboxClient.Emulator emulator =
                    new SandboxClient.Emulator("https://127.0.0.1:" + azure, data.resolve("azure/emulator.pem"));
            HttpResponse<String> seeded = emulator.send(
                    "POST",
                    "/_emulator/seed",
                    null,
                    "{\"subscriptionId\":\"" + SandboxClient.SUBSCRIPTION + "\",\"resourceGroup\":\"rg-outside\","
                            + "\"count\":2,\"namePrefix\":\"stoutside\",\"tags\":{\"owner\":\"someone\"}}");
            assertThat(seeded.statusCode()).isEqualTo(201);
            HttpResponse<String> patched = emulator.account(
                    "PATCH", "rg-outside", "stoutside0", "{\"properties\":{\"minimumTlsVersion\":\"TLS1_0\"}}");
            assertThat(patched.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(emulator.account("GET", "rg-outside", "stoutside0", null)
                                    .body())
                            .at("/properties/minimumTlsVersion")
                            .asText())
                    .isEqualTo("TLS1_0");
            JsonNode stats = JSON.readTree(
                    emulator.send("GET", "/_emulator/stats", null, null).body());
            assertThat(stats.get("armWrites").asLong()).isGreaterThanOrEqualTo(3);

            HttpResponse<String> down = api.send("POST", "/sandbox/control-plane", null, "{\"available\":false}");
            assertThat(down.statusCode()).isEqualTo(200);
            assertThat(refused(kubernetes)).isTrue();
            api.send("POST", "/sandbox/control-plane", null, "{\"available\":true}");
            assertThat(refused(kubernetes)).isFalse();
            HttpResponse<String> wiped = api.send("POST", "/sandbox/cluster/wipe", null, null);
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
}
