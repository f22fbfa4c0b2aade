package dev.idp.emulator.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP request and its answer, with the JSON and query-string helpers every handler needs. */
final class Exchange {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpExchange http;
    private final Map<String, String> query;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final byte[] body; // null if it could not be read
    private final IOException unreadable; // why, then

    /**
     * Reads the whole request body before anything else, so that no answer (a 429, an injected fault, a 404) leaves
     * unread bytes on a kept-alive connection for the JDK's HTTPS server to drain. In CI, the request that followed a
     * 429 whose body had not been read once went unanswered until the connection was cut about 30 s later; not
     * reproduced since, by hand or in the tests.
     */
    Exchange(HttpExchange http) {
        this.http = http;
        this.query = parseQuery(http.getRequestURI().getRawQuery());
        byte[] read = null;
        IOException failure = null;
        try {
            read = http.getRequestBody().readAllBytes();
        } catch (IOException e) {
            failure = e;
        }
        this.body = read;
        this.unreadable = failure;
    }

    String method() {
        return http.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
    }

    String path() {
        return http.getRequestURI().getPath();
    }

    String query(String name) {
        return query.get(name);
    }

    String header(String name) {
        return http.getRequestHeaders().getFirst(name);
    }

    JsonNode body() {
        try {
            if (body == null) {
                throw unreadable;
            }
            if (body.length == 0) {
                return JSON.createObjectNode();
            }
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AzureError(
                    400,
                    "InvalidRequestContent",
                    "The request content was invalid and could not be deserialized: " + e.getMessage());
        }
    }

    /**
     * Who is calling: the {@code oid}, {@code appid} or {@code sub} of a JWT bearer token (not verified: the emulator
     * trusts its callers), else a stable digest of the token.
     */
    String principal() {
        String authorization = header("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new AzureError(
                    401,
                    "AuthenticationFailed",
                    "Authentication failed. The 'Authorization' header is missing.",
                    Map.of("WWW-Authenticate", "Bearer authorization_uri=\"https://login.microsoftonline.com/common\""),
                    null);
        }
        String token = authorization.substring(7).trim();
        String[] parts = token.split("\\.");
        if (parts.length == 3) {
            try {
                JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
                for (String claim : new String[] {"oid", "appid", "sub"}) {
                    if (claims.hasNonNull(claim)) {
                        return claims.get(claim).asText();
                    }
                }
            } catch (IOException | IllegalArgumentException ignored) {
                // not a JWT after all: fall through to the digest
            }
        }
        return "token-" + Integer.toHexString(token.hashCode());
    }

    void header(String name, String value) {
        headers.put(name, value);
    }

    void send(int status, JsonNode body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
        headers.forEach((k, v) -> http.getResponseHeaders().set(k, v));
        if (body != null) {
            http.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        }
        http.getResponseHeaders()
                .set("x-ms-request-id", java.util.UUID.randomUUID().toString());
        http.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = http.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> result = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return result;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            result.putIfAbsent(key, value);
        }
        return result;
    }
}
