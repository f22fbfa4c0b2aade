package dev.idp.sandbox.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The provider simulator's way into Azure Resource Manager: the storage accounts REST API over HTTPS with the
 * provider's own bearer token. Plain HTTP on purpose: it sends exactly the documented request bodies, as the real
 * provider's Terraform-based client does, and keeps the simulator independent of the Java SDK the service uses.
 */
final class ArmClient {

    static final String API_VERSION = "2023-05-01";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An ARM error answer: status, Azure's code and message. */
    static final class ArmException extends RuntimeException {
        final int status;
        final String code;

        ArmException(int status, String code, String message) {
            super(code + ": " + message);
            this.status = status;
            this.code = code;
        }
    }

    private final HttpClient http;
    private final String baseUrl;
    private final String token;

    ArmClient(String baseUrl, Path trustCertificate, String token) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (trustCertificate != null) {
            builder.sslContext(trusting(trustCertificate));
        }
        this.http = builder.build();
    }

    Optional<JsonNode> get(String subscription, String group, String name) {
        HttpResponse<String> response = send("GET", path(subscription, group, name), null);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(parse(response));
    }

    JsonNode put(String subscription, String group, String name, JsonNode body) {
        return parse(send("PUT", path(subscription, group, name), body));
    }

    JsonNode patch(String subscription, String group, String name, JsonNode body) {
        return parse(send("PATCH", path(subscription, group, name), body));
    }

    void delete(String subscription, String group, String name) {
        HttpResponse<String> response = send("DELETE", path(subscription, group, name), null);
        if (response.statusCode() >= 300) {
            parse(response);
        }
    }

    private static String path(String subscription, String group, String name) {
        return "/subscriptions/" + subscription + "/resourceGroups/" + group
                + "/providers/Microsoft.Storage/storageAccounts/" + name + "?api-version=" + API_VERSION;
    }

    private HttpResponse<String> send(String method, String path, JsonNode body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ArmException(0, "ConnectionFailed", "cannot reach Azure Resource Manager: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArmException(0, "Interrupted", "interrupted");
        }
    }

    private static JsonNode parse(HttpResponse<String> response) {
        JsonNode body;
        try {
            body = response.body() == null || response.body().isEmpty()
                    ? JSON.createObjectNode()
                    : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ArmException(response.statusCode(), "InvalidResponse", response.body());
        }
        if (response.statusCode() >= 300) {
            throw new ArmException(
                    response.statusCode(),
                    body.at("/error/code").asText("HttpError" + response.statusCode()),
                    body.at("/error/message").asText(response.body()));
        }
        return body;
    }

    private static SSLContext trusting(Path certificate) {
        try (InputStream in = Files.newInputStream(certificate)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry(
                    "arm", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot trust the certificate " + certificate, e);
        }
    }
}
