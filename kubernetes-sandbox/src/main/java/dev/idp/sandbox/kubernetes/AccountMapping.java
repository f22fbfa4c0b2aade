package dev.idp.sandbox.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the provider turns an {@code Account}'s {@code forProvider} into ARM's body and ARM's answer into
 * {@code atProvider}, field by field (the upjet provider maps Terraform's azurerm_storage_account the same way).
 */
final class AccountMapping {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AccountMapping() {}

    /** The PUT body for a new account. */
    static ObjectNode createBody(Map<String, Object> forProvider) {
        ObjectNode body = JSON.createObjectNode();
        body.put("location", string(forProvider, "location"));
        body.put("kind", stringOr(forProvider, "accountKind", "StorageV2"));
        body.putObject("sku").put("name", sku(forProvider));
        body.set("tags", JSON.valueToTree(forProvider.getOrDefault("tags", Map.of())));
        body.set("properties", properties(forProvider));
        return body;
    }

    /** The PATCH body correcting the owned fields that differ; empty when nothing does. */
    static ObjectNode correction(Map<String, Object> forProvider, JsonNode azure) {
        ObjectNode patch = JSON.createObjectNode();
        if (!sku(forProvider).equals(azure.at("/sku/name").asText())) {
            patch.putObject("sku").put("name", sku(forProvider));
        }
        String kind = stringOr(forProvider, "accountKind", "StorageV2");
        if (!kind.equals(azure.path("kind").asText())) {
            patch.put("kind", kind);
        }
        JsonNode wantedTags = JSON.valueToTree(forProvider.getOrDefault("tags", Map.of()));
        if (!wantedTags.equals(azure.path("tags"))) {
            patch.set("tags", wantedTags);
        }
        ObjectNode wanted = properties(forProvider);
        ObjectNode properties = JSON.createObjectNode();
        wanted.fields().forEachRemaining(e -> {
            if (!e.getValue().equals(azure.path("properties").path(e.getKey()))) {
                properties.set(e.getKey(), e.getValue());
            }
        });
        if (!properties.isEmpty()) {
            patch.set("properties", properties);
        }
        return patch;
    }

    /** {@code status.atProvider}, in the CRD's names. */
    static Map<String, Object> atProvider(JsonNode azure, String resourceGroup) {
        Map<String, Object> at = new LinkedHashMap<>();
        at.put("id", azure.path("id").asText());
        at.put("location", azure.path("location").asText());
        at.put("resourceGroupName", resourceGroup);
        at.put("accountKind", azure.path("kind").asText());
        String sku = azure.at("/sku/name").asText();
        at.put("accountTier", sku.substring(0, sku.indexOf('_')));
        at.put("accountReplicationType", sku.substring(sku.indexOf('_') + 1));
        JsonNode p = azure.path("properties");
        if (p.hasNonNull("accessTier")) {
            at.put("accessTier", p.get("accessTier").asText());
        }
        at.put("minTlsVersion", p.path("minimumTlsVersion").asText("TLS1_0"));
        at.put(
                "publicNetworkAccessEnabled",
                !"Disabled".equals(p.path("publicNetworkAccess").asText("Enabled")));
        at.put("allowNestedItemsToBePublic", p.path("allowBlobPublicAccess").asBoolean(false));
        at.put("sharedAccessKeyEnabled", p.path("allowSharedKeyAccess").asBoolean(true));
        at.put(
                "crossTenantReplicationEnabled",
                p.path("allowCrossTenantReplication").asBoolean(false));
        at.put("httpsTrafficOnlyEnabled", p.path("supportsHttpsTrafficOnly").asBoolean(true));
        at.put("primaryBlobEndpoint", p.at("/primaryEndpoints/blob").asText(null));
        at.put("tags", JSON.convertValue(azure.path("tags"), Map.class));
        return at;
    }

    private static ObjectNode properties(Map<String, Object> forProvider) {
        ObjectNode p = JSON.createObjectNode();
        if (forProvider.get("accessTier") != null) {
            p.put("accessTier", string(forProvider, "accessTier"));
        }
        if (forProvider.get("minTlsVersion") != null) {
            p.put("minimumTlsVersion", string(forProvider, "minTlsVersion"));
        }
        if (forProvider.get("publicNetworkAccessEnabled") instanceof Boolean enabled) {
            p.put("publicNetworkAccess", enabled ? "Enabled" : "Disabled");
        }
        if (forProvider.get("allowNestedItemsToBePublic") instanceof Boolean b) {
            p.put("allowBlobPublicAccess", b);
        }
        if (forProvider.get("sharedAccessKeyEnabled") instanceof Boolean b) {
            p.put("allowSharedKeyAccess", b);
        }
        if (forProvider.get("crossTenantReplicationEnabled") instanceof Boolean b) {
            p.put("allowCrossTenantReplication", b);
        }
        if (forProvider.get("httpsTrafficOnlyEnabled") instanceof Boolean b) {
            p.put("supportsHttpsTrafficOnly", b);
        }
        return p;
    }

    private static String sku(Map<String, Object> forProvider) {
        return stringOr(forProvider, "accountTier", "Standard") + "_"
                + stringOr(forProvider, "accountReplicationType", "LRS");
    }

    private static String string(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null ? null : value.toString();
    }

    private static String stringOr(Map<String, Object> map, String key, String fallback) {
        Object value = map.get(key);
        return value == null ? fallback : value.toString();
    }
}
