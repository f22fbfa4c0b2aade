package dev.idp.emulator.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Azure Resource Manager for {@code Microsoft.Storage/storageAccounts}: create (PUT), read, update (PATCH), delete,
 * and list by resource group and subscription, with the real API's shapes. Paths match ignoring case, as ARM does;
 * answers use the canonical casing. Resource groups exist on first use (and answer {@code PUT/GET} for the SDK).
 */
final class ArmApi {

    static final Set<String> API_VERSIONS = Set.of(
            "2021-09-01",
            "2022-05-01",
            "2022-09-01",
            "2023-01-01",
            "2023-04-01",
            "2023-05-01",
            "2024-01-01",
            "2025-01-01",
            "2021-04-01",
            "2024-03-01",
            "2024-07-01",
            "2024-11-01");
    private static final Pattern ACCOUNT = Pattern.compile(
            "/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.Storage/storageAccounts/([^/]+)/?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ACCOUNTS_IN_GROUP = Pattern.compile(
            "/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.Storage/storageAccounts/?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ACCOUNTS_IN_SUBSCRIPTION = Pattern.compile(
            "/subscriptions/([^/]+)/providers/Microsoft\\.Storage/storageAccounts/?", Pattern.CASE_INSENSITIVE);
    private static final Pattern RESOURCE_GROUP =
            Pattern.compile("/subscriptions/([^/]+)/resourceGroups/([^/]+)/?", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME = Pattern.compile("[a-z0-9]{3,24}");
    private static final Set<String> SKUS = Set.of(
            "Standard_LRS",
            "Standard_GRS",
            "Standard_RAGRS",
            "Standard_ZRS",
            "Standard_GZRS",
            "Standard_RAGZRS",
            "Premium_LRS",
            "Premium_ZRS");
    private static final Set<String> KINDS =
            Set.of("Storage", "StorageV2", "BlobStorage", "FileStorage", "BlockBlobStorage");
    /** Read-only properties a client cannot set. */
    private static final Set<String> COMPUTED = Set.of(
            "provisioningState",
            "creationTime",
            "primaryEndpoints",
            "primaryLocation",
            "statusOfPrimary",
            "secondaryEndpoints",
            "secondaryLocation",
            "statusOfSecondary",
            "keyCreationTime",
            "lastGeoFailoverTime");

    private final StorageAccountStore store;
    private final Clock clock;
    private final Consumer<Operation> operations;

    ArmApi(StorageAccountStore store, Clock clock, Consumer<Operation> operations) {
        this.store = store;
        this.clock = clock;
        this.operations = operations;
    }

    /** Whether this API answers the path (the caller has checked the method's budget already). */
    static boolean handles(String path) {
        return ACCOUNT.matcher(path).matches()
                || ACCOUNTS_IN_GROUP.matcher(path).matches()
                || ACCOUNTS_IN_SUBSCRIPTION.matcher(path).matches()
                || RESOURCE_GROUP.matcher(path).matches();
    }

    /** The subscription in the path, for throttling. */
    static String subscription(String path) {
        Matcher m = Pattern.compile("/subscriptions/([^/]+)", Pattern.CASE_INSENSITIVE)
                .matcher(path);
        return m.lookingAt() ? m.group(1).toLowerCase(Locale.ROOT) : "";
    }

    void handle(Exchange exchange, String principal) throws java.io.IOException {
        String version = exchange.query("api-version");
        if (version == null || version.isBlank()) {
            throw new AzureError(
                    400,
                    "MissingApiVersionParameter",
                    "The api-version query parameter (?api-version=) is required for all requests.");
        }
        String path = exchange.path();
        Matcher account = ACCOUNT.matcher(path);
        if (account.matches()) {
            account(exchange, principal, account.group(1), account.group(2), account.group(3));
            return;
        }
        Matcher inGroup = ACCOUNTS_IN_GROUP.matcher(path);
        if (inGroup.matches() && exchange.method().equals("GET")) {
            exchange.send(200, list(a -> sameGroup(a, inGroup.group(1), inGroup.group(2))));
            return;
        }
        Matcher inSubscription = ACCOUNTS_IN_SUBSCRIPTION.matcher(path);
        if (inSubscription.matches() && exchange.method().equals("GET")) {
            exchange.send(200, list(a -> a.get("id")
                    .asText()
                    .toLowerCase(Locale.ROOT)
                    .startsWith("/subscriptions/" + inSubscription.group(1).toLowerCase(Locale.ROOT) + "/")));
            return;
        }
        Matcher group = RESOURCE_GROUP.matcher(path);
        if (group.matches()) {
            resourceGroup(exchange, group.group(1), group.group(2));
            return;
        }
        throw new AzureError(405, "MethodNotAllowed", "The method " + exchange.method() + " is not allowed on " + path);
    }

    private void account(Exchange exchange, String principal, String subscription, String group, String name)
            throws java.io.IOException {
        switch (exchange.method()) {
            case "GET" -> exchange.send(200, find(subscription, group, name));
            case "PUT" -> exchange.send(200, put(exchange.body(), subscription, group, name, principal));
            case "PATCH" -> exchange.send(200, patch(exchange.body(), subscription, group, name, principal));
            case "DELETE" -> {
                Optional<ObjectNode> existing = store.get(name).filter(a -> sameGroup(a, subscription, group));
                if (existing.isEmpty()) {
                    exchange.send(204, null);
                    return;
                }
                store.put(name, null, clock.instant());
                operations.accept(
                        new Operation("DELETE", existing.get().get("id").asText(), clock.instant(), principal));
                exchange.send(200, null);
            }
            default ->
                throw new AzureError(405, "MethodNotAllowed", "The method " + exchange.method() + " is not allowed");
        }
    }

    ObjectNode find(String subscription, String group, String name) {
        return store.get(name)
                .filter(a -> sameGroup(a, subscription, group))
                .orElseThrow(
                        () -> new AzureError(
                                404,
                                "ResourceNotFound",
                                "The Resource 'Microsoft.Storage/storageAccounts/" + name + "' under resource group '"
                                        + group
                                        + "' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix"));
    }

    ObjectNode put(JsonNode body, String subscription, String group, String name, String principal) {
        if (!NAME.matcher(name).matches()) {
            throw new AzureError(
                    400,
                    "AccountNameInvalid",
                    name
                            + " is not a valid storage account name. Storage account name must be between 3 and 24 characters"
                            + " in length and use numbers and lower-case letters only.");
        }
        Optional<ObjectNode> existing = store.get(name);
        if (existing.isPresent() && !sameGroup(existing.get(), subscription, group)) {
            throw new AzureError(
                    409, "StorageAccountAlreadyTaken", "The storage account named " + name + " is already taken.");
        }
        String location = text(body, "location");
        String sku = body.path("sku").path("name").asText(null);
        String kind = text(body, "kind");
        if (location == null) {
            throw new AzureError(400, "LocationRequired", "The location property is required for this definition.");
        }
        checkSku(sku);
        checkKind(kind);
        Instant now = clock.instant();
        ObjectNode document = Exchange.JSON.createObjectNode();
        String id = "/subscriptions/" + subscription + "/resourceGroups/" + group
                + "/providers/Microsoft.Storage/storageAccounts/" + name;
        document.put("id", existing.map(e -> e.get("id").asText()).orElse(id));
        document.put("name", name);
        document.put("type", "Microsoft.Storage/storageAccounts");
        document.put("location", normalizeLocation(location));
        if (body.has("extendedLocation")) {
            document.set("extendedLocation", body.get("extendedLocation"));
        }
        document.set(
                "tags",
                body.has("tags") && body.get("tags").isObject() ? body.get("tags") : Exchange.JSON.createObjectNode());
        ObjectNode skuNode = document.putObject("sku");
        skuNode.put("name", sku);
        skuNode.put("tier", sku.substring(0, sku.indexOf('_')));
        document.put("kind", kind);
        ObjectNode properties = document.putObject("properties");
        copySettable(body.path("properties"), properties);
        if (!properties.has("accessTier") && (kind.equals("StorageV2") || kind.equals("BlobStorage"))) {
            properties.put("accessTier", sku.startsWith("Premium") ? "Premium" : "Hot");
        }
        if (!properties.has("supportsHttpsTrafficOnly")) {
            properties.put("supportsHttpsTrafficOnly", true);
        }
        properties.put("provisioningState", "Succeeded");
        String created = existing.map(
                        e -> e.path("properties").path("creationTime").asText(null))
                .orElse(null);
        properties.put("creationTime", created != null ? created : now.toString());
        properties.put("primaryLocation", document.get("location").asText());
        properties.put("statusOfPrimary", "available");
        ObjectNode endpoints = properties.putObject("primaryEndpoints");
        for (String service : List.of("blob", "queue", "table", "file", "web", "dfs")) {
            endpoints.put(service, "https://" + name + "." + service + ".core.windows.net/");
        }
        store.put(name, document, now);
        operations.accept(new Operation("PUT", document.get("id").asText(), now, principal));
        return document;
    }

    ObjectNode patch(JsonNode body, String subscription, String group, String name, String principal) {
        ObjectNode document = find(subscription, group, name);
        if (body.has("sku")) {
            String sku = body.path("sku").path("name").asText(null);
            checkSku(sku);
            ObjectNode skuNode = document.putObject("sku");
            skuNode.put("name", sku);
            skuNode.put("tier", sku.substring(0, sku.indexOf('_')));
        }
        if (body.has("kind")) {
            String kind = text(body, "kind");
            checkKind(kind);
            document.put("kind", kind);
        }
        if (body.has("tags") && body.get("tags").isObject()) {
            document.set("tags", body.get("tags"));
        }
        copySettable(body.path("properties"), (ObjectNode) document.get("properties"));
        Instant now = clock.instant();
        store.put(name, document, now);
        operations.accept(new Operation("PATCH", document.get("id").asText(), now, principal));
        return document;
    }

    private ObjectNode list(java.util.function.Predicate<ObjectNode> filter) {
        ObjectNode answer = Exchange.JSON.createObjectNode();
        ArrayNode value = answer.putArray("value");
        store.live().stream()
                .filter(filter)
                .sorted(java.util.Comparator.comparing(a -> a.get("name").asText()))
                .forEach(value::add);
        return answer;
    }

    private void resourceGroup(Exchange exchange, String subscription, String group) throws java.io.IOException {
        ObjectNode answer = Exchange.JSON.createObjectNode();
        answer.put("id", "/subscriptions/" + subscription + "/resourceGroups/" + group);
        answer.put("name", group);
        answer.put("type", "Microsoft.Resources/resourceGroups");
        JsonNode body = exchange.method().equals("PUT") ? exchange.body() : null;
        answer.put(
                "location",
                body != null && body.hasNonNull("location")
                        ? body.get("location").asText()
                        : "westeurope");
        answer.putObject("properties").put("provisioningState", "Succeeded");
        switch (exchange.method()) {
            case "GET", "PUT", "PATCH" -> exchange.send(200, answer);
            case "HEAD" -> exchange.send(204, null);
            default -> throw new AzureError(405, "MethodNotAllowed", "Resource groups here answer GET, PUT and HEAD");
        }
    }

    private static void copySettable(JsonNode from, ObjectNode to) {
        if (!from.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) from::fields) {
            if (!COMPUTED.contains(field.getKey())) {
                to.set(field.getKey(), field.getValue());
            }
        }
    }

    private static void checkSku(String sku) {
        if (sku == null || !SKUS.contains(sku)) {
            throw new AzureError(
                    400, "InvalidSkuName", "The sku name '" + sku + "' is not valid. Valid values: " + SKUS);
        }
    }

    private static void checkKind(String kind) {
        if (kind == null || !KINDS.contains(kind)) {
            throw new AzureError(400, "InvalidKind", "The kind '" + kind + "' is not valid. Valid values: " + KINDS);
        }
    }

    static boolean sameGroup(ObjectNode account, String subscription, String group) {
        String prefix = ("/subscriptions/" + subscription + "/resourceGroups/" + group + "/").toLowerCase(Locale.ROOT);
        return account.get("id").asText().toLowerCase(Locale.ROOT).startsWith(prefix);
    }

    /** {@code West Europe} is {@code westeurope}, as ARM answers. */
    static String normalizeLocation(String location) {
        return location.replace(" ", "").toLowerCase(Locale.ROOT);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
