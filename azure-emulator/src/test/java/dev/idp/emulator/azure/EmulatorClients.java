package dev.idp.emulator.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.resourcegraph.ResourceGraphManager;
import com.azure.resourcemanager.storage.StorageManager;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import reactor.core.publisher.Mono;

/** The real Azure SDK clients and a plain HTTPS client, pointed at an emulator and trusting its certificate. */
final class EmulatorClients {

    static final String TENANT = "00000000-0000-0000-0000-00000000e4a1";

    private EmulatorClients() {}

    static TokenCredential principal(String oid) {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String claims = b64("{\"oid\":\"" + oid + "\",\"aud\":\"https://management.azure.com/\"}");
        String token = header + "." + claims + ".sig";
        return request -> Mono.just(new AccessToken(token, OffsetDateTime.now().plusHours(1)));
    }

    static String bearer(String oid) {
        return principal(oid).getTokenSync(null).getToken();
    }

    static AzureEnvironment environment(AzureEmulator emulator) {
        Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
        endpoints.put("resourceManagerEndpointUrl", emulator.baseUrl() + "/");
        endpoints.put("managementEndpointUrl", emulator.baseUrl() + "/");
        return new AzureEnvironment(endpoints);
    }

    static HttpClient sdkHttp(AzureEmulator emulator) throws Exception {
        X509Certificate certificate = certificate(emulator);
        var ssl = SslContextBuilder.forClient().trustManager(certificate).build();
        return new NettyAsyncHttpClientBuilder(
                        reactor.netty.http.client.HttpClient.create().secure(spec -> spec.sslContext(ssl)))
                .build();
    }

    static StorageManager storage(AzureEmulator emulator, String subscription, String oid) throws Exception {
        return StorageManager.configure()
                .withHttpClient(sdkHttp(emulator))
                .authenticate(principal(oid), new AzureProfile(TENANT, subscription, environment(emulator)));
    }

    static ResourceGraphManager resourceGraph(AzureEmulator emulator, String oid) throws Exception {
        return ResourceGraphManager.configure()
                .withHttpClient(sdkHttp(emulator))
                .authenticate(principal(oid), new AzureProfile(TENANT, null, environment(emulator)));
    }

    /** A plain client, for shapes the SDK would hide. */
    static java.net.http.HttpClient plain(AzureEmulator emulator) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("emulator", certificate(emulator));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return java.net.http.HttpClient.newBuilder().sslContext(context).build();
    }

    static HttpResponse<String> send(
            java.net.http.HttpClient http, AzureEmulator emulator, String method, String path, String body, String oid)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (oid != null) {
            request.header("Authorization", "Bearer " + bearer(oid));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static X509Certificate certificate(AzureEmulator emulator) throws Exception {
        try (var in = java.nio.file.Files.newInputStream(emulator.certificate())) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
