package dev.idp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients keep HTTP/1.1 connections alive and send the next request as soon as they have read a response. Two of
 * WebFlux's servers mishandle such connections (docs/http-server.md): Reactor Netty 1.2.18 sometimes stops reading
 * after a queued request is answered at once, as a 401 or 403 is (reactor-netty#4361), and Tomcat 10.1's reactive
 * adapter sometimes closes the connection without an answer after a POST it answered without reading a body. The API
 * runs on Undertow for that reason; these tests walk one connection through the sequences that failed and want every
 * answer, within seconds.
 */
class SandboxKeepAliveTest {

    private static final int ROUNDS = 300;

    @TempDir
    static Path data;

    static SandboxMain.Running sandbox;

    @BeforeAll
    static void start() throws IOException {
        SandboxTesting.openToPostgres(data);
        sandbox = SandboxMain.start(
                new SandboxOptions(data, false, "127.0.0.1", 0), SandboxTesting.ONLY_REQUESTED_SWEEPS);
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.stop();
        }
    }

    @Test
    void aForbiddenReadFollowedByAnAllowedOneIsAnsweredEveryTime() throws Exception {
        String viewer = token("viewer");
        String history = "/api/v1/storage-accounts/" + UUID.randomUUID() + "/history";
        try (KeepAliveConnection connection = new KeepAliveConnection(sandbox.apiPort())) {
            for (int i = 0; i < ROUNDS; i++) {
                assertThat(connection.exchange("GET", history, viewer, null))
                        .as("round %d", i)
                        .isEqualTo(403);
                assertThat(connection.exchange("GET", "/api/v1/storage-accounts?limit=5", viewer, null))
                        .as("round %d", i)
                        .isEqualTo(200);
            }
        }
    }

    @Test
    void refusedCommandsWithBodiesLeaveTheConnectionUsable() throws Exception {
        String viewer = token("viewer");
        String portal = token("portal");
        String body = "{\"requestId\":\"not-a-uuid\"}";
        try (KeepAliveConnection connection = new KeepAliveConnection(sandbox.apiPort())) {
            for (int i = 0; i < ROUNDS; i++) {
                assertThat(connection.exchange("POST", "/api/v1/storage-accounts", null, body))
                        .as("round %d", i)
                        .isEqualTo(401);
                assertThat(connection.exchange("POST", "/api/v1/storage-accounts", viewer, body))
                        .as("round %d", i)
                        .isEqualTo(403);
                assertThat(connection.exchange("POST", "/api/v1/storage-accounts", portal, body))
                        .as("round %d", i)
                        .isEqualTo(400);
                assertThat(connection.exchange("GET", "/api/v1/summary", viewer, null))
                        .as("round %d", i)
                        .isEqualTo(200);
            }
        }
    }

    @Test
    void postsAnsweredWithoutReadingABodyLeaveTheConnectionUsable() throws Exception {
        String operator = token("operator");
        try (KeepAliveConnection connection = new KeepAliveConnection(sandbox.apiPort())) {
            for (int i = 0; i < 3 * ROUNDS; i++) {
                assertThat(connection.exchange(
                                "POST", "/api/v1/observation/storage-accounts/" + UUID.randomUUID(), operator, ""))
                        .as("round %d", i)
                        .isEqualTo(404);
            }
        }
    }

    private static String token(String roles) throws Exception {
        return new SandboxClient(sandbox.apiPort()).token(roles);
    }

    /**
     * One HTTP/1.1 connection used the way keep-alive clients use it: a request, its whole response, the next request.
     * Opens a new connection only when the server said {@code Connection: close}. Reads time out after 5 s.
     */
    static final class KeepAliveConnection implements AutoCloseable {
        private final int port;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        KeepAliveConnection(int port) throws IOException {
            this.port = port;
            open();
        }

        private void open() throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(5_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        /** Sends one request and reads its response to the end; returns the status. */
        int exchange(String method, String path, String bearer, String body) throws IOException {
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder request = new StringBuilder()
                    .append(method)
                    .append(' ')
                    .append(path)
                    .append(" HTTP/1.1\r\nHost: 127.0.0.1:")
                    .append(port)
                    .append("\r\nAccept: application/json\r\n");
            if (bearer != null) {
                request.append("Authorization: Bearer ").append(bearer).append("\r\n");
            }
            if (body != null) {
                request.append("Content-Type: application/json\r\nContent-Length: ")
                        .append(content.length)
                        .append("\r\n");
            }
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();

            String statusLine = line();
            Map<String, String> headers = new LinkedHashMap<>();
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                headers.put(
                        header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        header.substring(colon + 1).trim());
            }
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                for (int size = Integer.parseInt(line().trim(), 16);
                        size > 0;
                        size = Integer.parseInt(line().trim(), 16)) {
                    in.readNBytes(size);
                    line();
                }
                line();
            } else if (headers.containsKey("content-length")) {
                in.readNBytes(Integer.parseInt(headers.get("content-length")));
            }
            if ("close".equalsIgnoreCase(headers.get("connection"))) {
                close();
                open();
            }
            return Integer.parseInt(statusLine.split(" ")[1]);
        }

        private String line() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new IOException("the server closed the connection");
                }
                if (b != '\r') {
                    bytes.write(b);
                }
            }
            return bytes.toString(StandardCharsets.US_ASCII);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
