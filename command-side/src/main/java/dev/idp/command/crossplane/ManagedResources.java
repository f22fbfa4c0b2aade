package dev.idp.command.crossplane;

import dev.idp.kernel.crossplane.ManagedResourceBinding;
import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;
import dev.idp.kernel.storageaccount.StorageAccountRequest;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Writes {@code Account} managed resources with fabric8: create, or, when one of that name exists for the same
 * resource, bring its spec, labels and annotations to what is desired. Applying twice changes nothing the second time,
 * so a retried or replayed apply never makes a second MR (nor, through Crossplane, a second account).
 *
 * <p>Create-or-patch rather than server-side apply: fabric8's mock API server, which the tests and the sandbox use,
 * does not implement server-side apply's field management, and this service is the only writer of these fields.
 */
@Component
class ManagedResources {

    private final KubernetesClient kubernetes;
    private final CrossplaneProperties properties;
    private final AccountManifests manifests;

    ManagedResources(KubernetesClient kubernetes, CrossplaneProperties properties) {
        this.kubernetes = kubernetes;
        this.properties = properties;
        this.manifests = new AccountManifests(properties);
    }

    ManagedResourceBinding apply(ResourceId resourceId, RequestId requestId, StorageAccountRequest request) {
        GenericKubernetesResource desired = manifests.account(resourceId, requestId, request);
        var existing = accounts().withName(request.name());
        GenericKubernetesResource current = existing.get();
        if (current == null) {
            try {
                kubernetes.resource(desired).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                update(existing, resourceId, desired); // created meanwhile (a concurrent retry)
            }
        } else {
            update(existing, resourceId, desired);
        }
        return binding(desired);
    }

    private void update(
            io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource> existing,
            ResourceId resourceId,
            GenericKubernetesResource desired) {
        existing.edit(current -> {
            String owner = current.getMetadata().getLabels() == null
                    ? null
                    : current.getMetadata().getLabels().get(AccountManifests.LABEL_RESOURCE_ID);
            if (owner != null && !owner.equals(resourceId.toString())) {
                throw new IllegalStateException("the managed resource "
                        + current.getMetadata().getName() + " belongs to resource " + owner + ", not " + resourceId);
            }
            Map<String, String> labels = new HashMap<>(
                    current.getMetadata().getLabels() == null
                            ? Map.of()
                            : current.getMetadata().getLabels());
            labels.putAll(desired.getMetadata().getLabels());
            current.getMetadata().setLabels(labels);
            Map<String, String> annotations = new HashMap<>(
                    current.getMetadata().getAnnotations() == null
                            ? Map.of()
                            : current.getMetadata().getAnnotations());
            annotations.putAll(desired.getMetadata().getAnnotations());
            current.getMetadata().setAnnotations(annotations);
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = new LinkedHashMap<>(
                    (Map<String, Object>) current.getAdditionalProperties().getOrDefault("spec", Map.of()));
            spec.putAll(spec(desired));
            current.setAdditionalProperty("spec", spec);
            return current;
        });
    }

    private ManagedResourceBinding binding(GenericKubernetesResource mr) {
        Map<String, Object> spec = spec(mr);
        @SuppressWarnings("unchecked")
        Map<String, Object> providerConfig = (Map<String, Object>) spec.get("providerConfigRef");
        return new ManagedResourceBinding(
                mr.getApiVersion(),
                mr.getKind(),
                mr.getMetadata().getName(),
                mr.getMetadata().getAnnotations().get(AccountManifests.EXTERNAL_NAME),
                (String) providerConfig.get("name"),
                properties.managementPolicies(),
                properties.deletionPolicy());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource mr) {
        return (Map<String, Object>) mr.getAdditionalProperties().get("spec");
    }

    private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<
                    GenericKubernetesResource,
                    io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
                    io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>>
            accounts() {
        return kubernetes.genericKubernetesResources(properties.fullApiVersion(), AccountManifests.KIND);
    }
}
