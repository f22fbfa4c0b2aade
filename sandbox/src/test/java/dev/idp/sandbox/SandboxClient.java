package dev.idp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The sandbox's HTTP API as the tests call it: a token per set of roles from {@code GET /sandbox/token}, JSON requests
 * with that token, and the history of a request. Every call is bounded: one that gets no answer fails the test,
 * naming the method and path, instead of hanging the build.
 */
final class SandboxClient {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SUBSCRIPTION = "00000000-0000-0000-0000-0000000000a1";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final String base;
    private final HttpClient http = client(null);
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    SandboxClient(int apiPort) {
        this("http://127.0.0.1:" + apiPort);
    }

    SandboxClient(String baseUrl) {
        this.base = baseUrl;
    }

    String token(String roles) throws IOException, InterruptedException {
        String token = tokens.get(roles);
        if (token == null) {
            String path = "/sandbox/token?roles=" + roles;
            HttpResponse<String> answer = exchange(http, base, "GET", path, null, null);
            assertThat(answer.statusCode())
                    .as("GET " + path + ": " + answer.body())
                    .isEqualTo(200);
            token = JSON.readTree(answer.body()).get("token").asText();
            tokens.put(roles, token);
        }
        return token;
    }

    /** Sends as the given roles (none: no Authorization header), with a JSON body or none. */
    HttpResponse<String> send(String method, String path, String roles, String body)
            throws IOException, InterruptedException {
        return exchange(http, base, method, path, roles == null ? null : token(roles), body);
    }

    HttpResponse<String> get(String path, String roles) throws IOException, InterruptedException {
        return send("GET", path, roles, null);
    }

    /** The answer to a GET, which must be 200. */
    JsonNode json(String path, String roles) throws IOException, InterruptedException {
        HttpResponse<String> answer = get(path, roles);
        assertThat(answer.statusCode()).as("GET " + path + ": " + answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    /** Submits a request as the given roles; it must be accepted. Returns the resource ID. */
    String submit(String roles, String body) throws IOException, InterruptedException {
        HttpResponse<String> accepted = send("POST", "/api/v1/storage-accounts", roles, body);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return JSON.readTree(accepted.body()).get("resourceId").asText();
    }

    /** The request's events, read as an auditor. */
    JsonNode history(String resourceId) throws IOException, InterruptedException {
        return json("/api/v1/storage-accounts/" + resourceId + "/history", "auditor")
                .get("events");
    }

    List<String> types(String resourceId) throws IOException, InterruptedException {
        List<String> types = new ArrayList<>();
        history(resourceId).forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    /** The first event of that type in the request's history. */
    JsonNode event(String resourceId, String type) throws IOException, InterruptedException {
        for (JsonNode e : history(resourceId)) {
            if (e.get("type").asText().equals(type)) {
                return e;
            }
        }
        throw new AssertionError("no " + type);
    }

    /** A storage account request for rg-payments, owned by the payments team. */
    static String submission(String requestId, String subscriptionId, String name, Map<String, Object> spec)
            throws IOException {
        return JSON.writeValueAsString(Map.of(
                "requestId",
                requestId,
                "workflowType",
                "storage-account",
                "subscriptionId",
                subscriptionId,
                "resourceGroup",
                "rg-payments",
                "name",
                name,
                "owner",
                Map.of("team", "payments", "requestedBy", "alice@example.com"),
                "spec",
                spec));
    }

    /** The smallest spec: a zone-redundant StorageV2 account in westeurope; the caller may add fields. */
    static Map<String, Object> spec() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("location", "westeurope");
        spec.put("accountKind", "StorageV2");
        spec.put("accountTier", "Standard");
        spec.put("replicationType", "ZRS");
        return spec;
    }

    /** The sandbox's Azure emulator over TLS, trusting the certificate it wrote; bearer tokens given as they are. */
    static final class Emulator {

        private final String base;
        private final HttpClient https;

        Emulator(String baseUrl, Path pem) throws IOException, GeneralSecurityException {
            this.base = baseUrl;
            this.https = client(trusting(pem));
        }

        HttpResponse<String> send(String method, String path, String bearer, String body) throws InterruptedException {
            return exchange(https, base, method, path, bearer, body);
        }

        /** An ARM call on a storage account in {@link #SUBSCRIPTION}, as the portal's user would make it. */
        HttpResponse<String> account(String method, String group, String name, String body)
                throws InterruptedException {
            return send(
                    method,
                    "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + group
                            + "/providers/Microsoft.Storage/storageAccounts/" + name + "?api-version=2023-05-01",
                    "portal-person",
                    body);
        }
    }

    private static SSLContext trusting(Path pem) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (var in = Files.newInputStream(pem)) {
            store.setCertificateEntry(
                    "emulator", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static HttpClient client(SSLContext tls) {
        HttpClient.Builder builder =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT);
        return tls == null ? builder.build() : builder.sslContext(tls).build();
    }

    private static HttpResponse<String> exchange(
            HttpClient http, String base, String method, String path, String bearer, String body)
            throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        CompletableFuture<HttpResponse<String>> answer =
                http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
        try {
            // the request's timeout covers the wait for the headers only; this one the body as well
            return answer.get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new AssertionError(
                    method + " " + path + ": no answer within " + REQUEST_TIMEOUT.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new AssertionError(method + " " + path + ": " + e.getCause(), e.getCause());
        }
    }
}
