package dev.idp.command.infrastructure.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.identity.DefaultAzureCredentialBuilder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The real Azure SDK clients ({@link AzureClients}), built from {@link AzureProperties}. An emulator differs from Azure only in the endpoint, the trusted
 * certificate and the credential.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AzureProperties.class)
public class AzureClientsConfiguration {

    @Bean
    TokenCredential azureCredential(AzureProperties properties) {
        if (StringUtils.hasText(properties.staticToken())) {
            return new StaticTokenCredential(properties.staticToken());
        }
        return new DefaultAzureCredentialBuilder().build();
    }

    @Bean
    HttpClient azureHttpClient(AzureProperties properties) {
        if (properties.trustCertificate() == null) {
            return HttpClient.createDefault();
        }
        SslContext ssl = trusting(properties);
        return new NettyAsyncHttpClientBuilder(
                        reactor.netty.http.client.HttpClient.create().secure(spec -> spec.sslContext(ssl)))
                .build();
    }

    @Bean
    AzureClients azureClients(AzureProperties properties, TokenCredential credential, HttpClient http) {
        return new AzureClients(environment(properties), properties.tenantId(), credential, http);
    }

    static AzureEnvironment environment(AzureProperties properties) {
        if (properties.resourceManagerEndpoint() == null) {
            return AzureEnvironment.AZURE;
        }
        String endpoint = properties.resourceManagerEndpoint().toString();
        String base = endpoint.endsWith("/") ? endpoint : endpoint + "/";
        Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
        endpoints.put("resourceManagerEndpointUrl", base);
        endpoints.put("managementEndpointUrl", base);
        return new AzureEnvironment(endpoints);
    }

    /** The JDK's trusted roots plus the configured certificate. */
    private static SslContext trusting(AzureProperties properties) {
        try {
            List<X509Certificate> trusted =
                    new ArrayList<>(defaultTrustManager().getAcceptedIssuers().length + 1);
            trusted.addAll(List.of(defaultTrustManager().getAcceptedIssuers()));
            try (InputStream in = Files.newInputStream(properties.trustCertificate())) {
                CertificateFactory factory = CertificateFactory.getInstance("X.509");
                factory.generateCertificates(in).forEach(c -> trusted.add((X509Certificate) c));
            }
            return SslContextBuilder.forClient()
                    .trustManager(trusted.toArray(X509Certificate[]::new))
                    .build();
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException(
                    "Cannot read the certificate to trust for Azure at " + properties.trustCertificate(), e);
        }
    }

    private static X509TrustManager defaultTrustManager() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (var manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("The JDK has no X.509 trust manager");
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
