package dev.idp.emulator.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idp.emulator.azure.kql.KqlException;
import dev.idp.emulator.azure.kql.Query;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Resource Graph's {@code POST /providers/Microsoft.ResourceGraph/resources}: the KQL subset the service sends, parsed
 * for real ({@link Query}), over the storage accounts of the requested subscriptions as they were
 * {@code resourceGraphLagMillis} ago; {@code $top} (at most 1000, default 100), {@code $skip} and {@code $skipToken}
 * paging, {@code objectArray} or {@code table} results.
 */
final class ResourceGraphApi {

    static final String PATH = "/providers/Microsoft.ResourceGraph/resources";
    static final int MAX_TOP = 1000;
    static final int DEFAULT_TOP = 100;
    static final String TENANT = "00000000-0000-0000-0000-00000000e4a1";

    private final StorageAccountStore store;
    private final Clock clock;
    private final Supplier<Faults> faults;

    ResourceGraphApi(StorageAccountStore store, Clock clock, Supplier<Faults> faults) {
        this.store = store;
        this.clock = clock;
        this.faults = faults;
    }

    ObjectNode query(JsonNode request) {
        String text = request.path("query").asText(null);
        if (text == null || text.isBlank()) {
            throw invalid("The query is missing", 1, "");
        }
        Query query;
        try {
            query = Query.parse(text);
        } catch (KqlException e) {
            throw invalid(e.getMessage(), e.position(), text);
        }
        JsonNode options = request.path("options");
        int top = options.has("$top") ? options.get("$top").asInt(-1) : DEFAULT_TOP;
        if (top < 1 || top > MAX_TOP) {
            throw new AzureError(
                    400,
                    "BadRequest",
                    "The $top option must be between 1 and " + MAX_TOP + ", not " + options.get("$top"));
        }
        int skip = options.path("$skip").asInt(0);
        if (options.hasNonNull("$skipToken")) {
            skip = decodeSkipToken(options.get("$skipToken").asText(), text);
        }
        Set<String> subscriptions = new HashSet<>();
        request.path("subscriptions").forEach(s -> subscriptions.add(s.asText().toLowerCase(Locale.ROOT)));

        Instant asOf = clock.instant().minus(Duration.ofMillis(faults.get().resourceGraphLagMillis()));
        List<ObjectNode> rows = store.all(asOf).stream()
                .map(ResourceGraphApi::row)
                .filter(r -> subscriptions.isEmpty()
                        || subscriptions.contains(
                                r.get("subscriptionId").asText().toLowerCase(Locale.ROOT)))
                .toList();
        List<ObjectNode> result = query.run(rows);

        int from = Math.min(skip, result.size());
        int to = Math.min(result.size(), from + top);
        List<ObjectNode> page = result.subList(from, to);
        ObjectNode answer = Exchange.JSON.createObjectNode();
        answer.put("totalRecords", result.size());
        answer.put("count", page.size());
        answer.put("resultTruncated", "false");
        if (to < result.size()) {
            answer.put("$skipToken", encodeSkipToken(to, text));
        }
        answer.putArray("facets");
        if ("table".equalsIgnoreCase(options.path("resultFormat").asText("objectArray"))) {
            answer.set("data", table(page));
        } else {
            ArrayNode data = answer.putArray("data");
            page.forEach(data::add);
        }
        return answer;
    }

    /** A storage account as the Resources table holds it: type and resource group in lower case, as Resource Graph does. */
    static ObjectNode row(ObjectNode arm) {
        String id = arm.get("id").asText();
        String[] parts = id.split("/");
        ObjectNode row = Exchange.JSON.createObjectNode();
        row.put("id", id);
        row.put("name", arm.get("name").asText());
        row.put("type", "microsoft.storage/storageaccounts");
        row.put("tenantId", TENANT);
        row.put("kind", arm.path("kind").asText());
        row.put("location", arm.path("location").asText());
        row.put("resourceGroup", parts[4].toLowerCase(Locale.ROOT));
        row.put("subscriptionId", parts[2]);
        row.put("managementGroup", "");
        row.put("managedBy", "");
        row.set("sku", arm.get("sku"));
        row.putNull("plan");
        row.set("properties", arm.get("properties"));
        row.set("tags", arm.has("tags") ? arm.get("tags") : Exchange.JSON.createObjectNode());
        row.putNull("identity");
        row.putNull("zones");
        row.set("extendedLocation", arm.has("extendedLocation") ? arm.get("extendedLocation") : null);
        return row;
    }

    private static ObjectNode table(List<ObjectNode> page) {
        Set<String> names = new LinkedHashSet<>();
        page.forEach(r -> r.fieldNames().forEachRemaining(names::add));
        ObjectNode table = Exchange.JSON.createObjectNode();
        ArrayNode columns = table.putArray("columns");
        names.forEach(n -> columns.addObject().put("name", n).put("type", "object"));
        ArrayNode rows = table.putArray("rows");
        for (ObjectNode r : page) {
            ArrayNode values = rows.addArray();
            names.forEach(n -> values.add(r.get(n)));
        }
        return table;
    }

    /** Opaque to clients: the next offset, bound to the query it pages. */
    private static String encodeSkipToken(int offset, String query) {
        String raw = "{\"offset\":" + offset + ",\"query\":" + query.hashCode() + "}";
        return Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static int decodeSkipToken(String token, String query) {
        try {
            JsonNode raw = Exchange.JSON.readTree(Base64.getDecoder().decode(token));
            if (raw.path("query").asInt() != query.hashCode()) {
                throw new IllegalArgumentException("the token pages another query");
            }
            return raw.path("offset").asInt();
        } catch (Exception e) {
            throw new AzureError(
                    400, "InvalidSkipToken", "The $skipToken is not valid for this query: " + e.getMessage());
        }
    }

    /** Resource Graph's answer to a query it cannot parse. */
    private static AzureError invalid(String reason, int position, String query) {
        ObjectNode details = Exchange.JSON.createObjectNode();
        ArrayNode list = details.putArray("details");
        list.addObject()
                .put("code", "InvalidQuery")
                .put(
                        "message",
                        "Query is invalid. Please refer to the documentation for the Azure Resource Graph"
                                + " service and fix the error before retrying.");
        list.addObject()
                .put("code", "ParserFailure")
                .put("message", reason)
                .put("line", 1)
                .put("characterPositionInLine", position)
                .put(
                        "token",
                        position - 1 < query.length() && position > 0
                                ? query.substring(position - 1, Math.min(query.length(), position + 9))
                                : "");
        return new AzureError(
                400,
                "BadRequest",
                "Please provide below info when asking for support: timestamp = " + Instant.now() + ", correlationId = "
                        + UUID.randomUUID() + ".",
                java.util.Map.of(),
                details);
    }
}
