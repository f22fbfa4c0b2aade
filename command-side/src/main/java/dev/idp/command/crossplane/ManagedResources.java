package dev.idp.command.crossplane;

import dev.idp.kernel.crossplane.AppliedManagedResource;
import dev.idp.kernel.crossplane.ManagedResourceBinding;
import dev.idp.kernel.crossplane.ManagedResourceDeletion;
import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;
import dev.idp.kernel.storageaccount.OwnershipTags;
import dev.idp.kernel.storageaccount.StorageAccountRequest;
import dev.idp.kernel.storageaccount.StorageAccountSpec;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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

    AppliedManagedResource apply(ResourceId resourceId, RequestId requestId, StorageAccountRequest request) {
        GenericKubernetesResource desired = manifests.account(resourceId, requestId, request);
        var existing = accounts().withName(request.name());
        GenericKubernetesResource current = existing.get();
        GenericKubernetesResource written;
        if (current == null) {
            try {
                written = kubernetes.resource(desired).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                written = update(existing, resourceId, desired); // created meanwhile (a concurrent retry)
            }
        } else {
            written = update(existing, resourceId, desired);
        }
        return new AppliedManagedResource(
                binding(desired), written.getMetadata().getGeneration());
    }

    /**
     * A spec change: {@code spec.forProvider} rewritten from the new spec, keeping the MR's resource group and the
     * ownership tags it was created with. Fails while the resource has no MR (not applied yet, or lost).
     */
    AppliedManagedResource patch(ResourceId resourceId, StorageAccountSpec spec) {
        GenericKubernetesResource current = find(resourceId)
                .orElseThrow(() -> new IllegalStateException("resource " + resourceId + " has no managed resource"));
        var existing = accounts().withName(current.getMetadata().getName());
        GenericKubernetesResource written = existing.edit(mr -> {
            Map<String, Object> forProvider = Optional.<Map<String, Object>>ofNullable(mr.get("spec", "forProvider"))
                    .orElse(Map.of());
            Map<String, String> ownership = new TreeMap<>();
            Object tags = forProvider.get("tags");
            if (tags instanceof Map<?, ?> map) {
                map.forEach((k, v) -> {
                    if (OwnershipTags.isReserved(k.toString()) && v != null) {
                        ownership.put(k.toString(), v.toString());
                    }
                });
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> mrSpec = new LinkedHashMap<>(
                    (Map<String, Object>) mr.getAdditionalProperties().get("spec"));
            mrSpec.put(
                    "forProvider",
                    AccountManifests.forProvider((String) forProvider.get("resourceGroupName"), spec, ownership));
            mr.setAdditionalProperty("spec", mrSpec);
            return mr;
        });
        return new AppliedManagedResource(
                binding(written), written.getMetadata().getGeneration());
    }

    /** Deletes the resource's MR if there is one; says whether it is gone (finalizers may keep it a while). */
    ManagedResourceDeletion delete(ResourceId resourceId) {
        Optional<GenericKubernetesResource> current = find(resourceId);
        if (current.isEmpty()) {
            return new ManagedResourceDeletion(null, true);
        }
        String name = current.get().getMetadata().getName();
        if (current.get().getMetadata().getDeletionTimestamp() == null) {
            accounts().withName(name).delete();
        }
        return new ManagedResourceDeletion(name, accounts().withName(name).get() == null);
    }

    /** The resource's MR, found by the platform's label (its name is the account's, which this call does not know). */
    Optional<GenericKubernetesResource> find(ResourceId resourceId) {
        return accounts()
                .withLabel(AccountManifests.LABEL_RESOURCE_ID, resourceId.toString())
                .list()
                .getItems()
                .stream()
                .findFirst();
    }

    private GenericKubernetesResource update(
            io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource> existing,
            ResourceId resourceId,
            GenericKubernetesResource desired) {
        return existing.edit(current -> {
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
        List<String> policies = (List<String>) spec.get("managementPolicies");
        @SuppressWarnings("unchecked")
        Map<String, Object> providerConfig = (Map<String, Object>) spec.get("providerConfigRef");
        return new ManagedResourceBinding(
                mr.getApiVersion(),
                mr.getKind(),
                mr.getMetadata().getName(),
                mr.getMetadata().getAnnotations().get(AccountManifests.EXTERNAL_NAME),
                (String) providerConfig.get("name"),
                policies == null ? properties.managementPolicies() : policies,
                Optional.ofNullable((String) spec.get("deletionPolicy")).orElse(properties.deletionPolicy()));
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
