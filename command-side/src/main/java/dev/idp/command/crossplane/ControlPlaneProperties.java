package dev.idp.command.crossplane;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the control plane is probed ({@code idp.control-plane.*}).
 *
 * @param probeInterval how often the Kubernetes API, the Crossplane CRD and the provider are checked
 * @param providerName the {@code pkg.crossplane.io} Provider whose {@code Healthy} condition counts; blank skips it
 * @param crdName the CRD that must be installed and serve the configured version
 */
@ConfigurationProperties("idp.control-plane")
public record ControlPlaneProperties(Duration probeInterval, String providerName, String crdName) {

    public ControlPlaneProperties {
        probeInterval = probeInterval == null ? Duration.ofSeconds(5) : probeInterval;
        if (probeInterval.isNegative() || probeInterval.isZero()) {
            throw new IllegalArgumentException("idp.control-plane.probe-interval must be positive");
        }
        providerName = providerName == null ? "provider-azure-storage" : providerName.strip();
        crdName = crdName == null || crdName.isBlank() ? "accounts.storage.azure.upbound.io" : crdName;
    }
}
