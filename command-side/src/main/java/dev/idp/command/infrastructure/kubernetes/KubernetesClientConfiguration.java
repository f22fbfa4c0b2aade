package dev.idp.command.infrastructure.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One fabric8 client for the management cluster, closed with the application. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KubernetesProperties.class)
public class KubernetesClientConfiguration {

    @Bean(destroyMethod = "close")
    KubernetesClient kubernetesClient(KubernetesProperties properties) {
        Config config = properties.masterUrl() == null
                ? Config.autoConfigure(null)
                : new ConfigBuilder(Config.empty())
                        .withMasterUrl(properties.masterUrl().toString())
                        .withRequestTimeout(10_000)
                        .withConnectionTimeout(5_000)
                        .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
