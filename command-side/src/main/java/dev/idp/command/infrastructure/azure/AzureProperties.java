package dev.idp.command.infrastructure.azure;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the service reaches Azure Resource Manager and Resource Graph ({@code idp.azure.*}).
 *
 * <p>Left empty, everything points at Azure's public cloud with {@code DefaultAzureCredential} (workload identity on
 * AKS, the developer's {@code az login} elsewhere). The sandbox sets the endpoint to its emulator, a certificate to
 * trust, and a static token: configuration only, the same clients and code paths.
 *
 * @param resourceManagerEndpoint ARM's base URL; empty for the public cloud
 * @param tenantId the Entra ID tenant of the service principal
 * @param trustCertificate a PEM certificate to trust in addition to the JDK's roots (an emulator's self-signed one)
 * @param staticToken a bearer token to present instead of asking Entra ID (only for emulators)
 * @param subscriptions the observed scope: subscription IDs
 * @param resourceGroups the observed scope: resource groups within them (empty: all)
 */
@ConfigurationProperties("idp.azure")
public record AzureProperties(
        URI resourceManagerEndpoint,
        String tenantId,
        Path trustCertificate,
        String staticToken,
        List<String> subscriptions,
        List<String> resourceGroups) {

    public AzureProperties {
        subscriptions = subscriptions == null ? List.of() : List.copyOf(subscriptions);
        resourceGroups = resourceGroups == null ? List.of() : List.copyOf(resourceGroups);
    }
}
