package dev.idp.command.infrastructure.kubernetes;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the service reaches the management cluster ({@code idp.kubernetes.*}). Without a master URL, fabric8's own
 * discovery applies: the in-cluster service account on AKS, else {@code ~/.kube/config}.
 *
 * @param masterUrl the Kubernetes API's URL, e.g. the sandbox's {@code http://127.0.0.1:8282}
 */
@ConfigurationProperties("idp.kubernetes")
public record KubernetesProperties(URI masterUrl) {}
