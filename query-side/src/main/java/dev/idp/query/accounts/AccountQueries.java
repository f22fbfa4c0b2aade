package dev.idp.query.accounts;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.idp.kernel.classification.AccountState;
import dev.idp.kernel.classification.Classification;
import dev.idp.kernel.classification.Classifier;
import dev.idp.kernel.classification.Drift;
import dev.idp.kernel.classification.ObservedStorageAccount;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.stereotype.Repository;

/**
 * Reads the active copy of the read model: pages of summaries in a stable order (name, then resource ID) with keyset
 * cursors, one account's detail (classified again at read time for the stale and stuck flags), and the summary counts.
 * Blocking JDBC: callers run it off the event loop.
 */
@Repository
class AccountQueries {

    static final String SUMMARY_COLUMNS = "resource_id, name, name_key, arm_id, subscription_id, resource_group,"
            + " location, team, state, cloud_only_reason, drift_count, last_observed_at, updated_at";

    private final JdbcTemplate jdbc;
    private final ReadModelCopies copies;

    AccountQueries(JdbcTemplate jdbc, ReadModelCopies copies) {
        this.jdbc = jdbc;
        this.copies = copies;
    }

    /** The filters of the list; null means no filter. */
    record Filter(AccountState state, String team, String subscriptionId, String q) {}

    private static final JsonFactory JSON = new JsonFactory();

    /** A page of the list, written as the contract's answer: {@code {"items": [...], "nextCursor": ...}}. */
    byte[] list(Filter filter, int limit, Cursor after) {
        StringBuilder sql = new StringBuilder("SELECT " + SUMMARY_COLUMNS + " FROM " + table() + " WHERE listed");
        List<Object> args = new ArrayList<>();
        if (filter.state() != null) {
            sql.append(" AND state = ?");
            args.add(filter.state().name());
        }
        if (filter.team() != null) {
            sql.append(" AND team = ?");
            args.add(filter.team());
        }
        if (filter.subscriptionId() != null) {
            sql.append(" AND subscription_id = ?");
            args.add(filter.subscriptionId().toLowerCase(Locale.ROOT));
        }
        if (filter.q() != null) {
            sql.append(" AND (name_key LIKE ? ESCAPE '\\' OR lower(resource_group) LIKE ? ESCAPE '\\'"
                    + " OR lower(team) LIKE ? ESCAPE '\\')");
            String like = "%" + escapeLike(filter.q().toLowerCase(Locale.ROOT)) + "%";
            args.add(like);
            args.add(like);
            args.add(like);
        }
        if (after != null) {
            sql.append(" AND (name_key, resource_id) > (?, ?)");
            args.add(after.nameKey());
            args.add(after.resourceId());
        }
        sql.append(" ORDER BY name_key, resource_id LIMIT ?");
        args.add(limit + 1);
        // Written straight from the rows: no map per item, no second pass through Jackson's object mapping.
        ResultSetExtractor<byte[]> page = rs -> page(rs, limit);
        return jdbc.query(sql.toString(), page, args.toArray());
    }

    /** Up to {@code limit} rows as items; a row past them means another page, which starts after the last item. */
    private static byte[] page(ResultSet rs, int limit) throws SQLException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512 * (limit + 1));
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("items");
            int written = 0;
            Cursor last = null;
            boolean more = false;
            while (rs.next()) {
                if (written == limit) {
                    more = true;
                    break;
                }
                writeSummary(json, rs);
                written++;
                last = new Cursor(rs.getString("name_key"), (UUID) rs.getObject("resource_id"));
            }
            json.writeEndArray();
            json.writeStringField("nextCursor", more ? last.encode() : null);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a page of the list", e);
        }
        return out.toByteArray();
    }

    /** The summary fields of the row, as {@link #summary(ResultSet)} has them and Jackson writes them for the detail. */
    private static void writeSummary(JsonGenerator json, ResultSet rs) throws IOException, SQLException {
        json.writeStartObject();
        json.writeStringField("resourceId", rs.getString("resource_id"));
        json.writeStringField("name", rs.getString("name"));
        json.writeStringField("armId", rs.getString("arm_id"));
        json.writeStringField("subscriptionId", rs.getString("subscription_id"));
        json.writeStringField("resourceGroup", rs.getString("resource_group"));
        json.writeStringField("location", rs.getString("location"));
        json.writeStringField("team", rs.getString("team"));
        json.writeStringField("state", rs.getString("state"));
        String reason = rs.getString("cloud_only_reason");
        if (reason != null) {
            json.writeStringField("cloudOnlyReason", reason);
        }
        json.writeNumberField("driftCount", rs.getInt("drift_count"));
        writeInstant(json, "lastObservedAt", rs.getObject("last_observed_at", OffsetDateTime.class));
        writeInstant(json, "updatedAt", rs.getObject("updated_at", OffsetDateTime.class));
        json.writeEndObject();
    }

    /** As Jackson's {@code InstantSerializer} writes an instant: ISO-8601 in UTC, the fraction as long as needed. */
    private static void writeInstant(JsonGenerator json, String field, OffsetDateTime value) throws IOException {
        json.writeStringField(field, value == null ? null : DateTimeFormatter.ISO_INSTANT.format(value.toInstant()));
    }

    Optional<Map<String, Object>> detail(UUID resourceId) {
        List<Map<String, Object>> found = jdbc.query(
                "SELECT " + SUMMARY_COLUMNS + ", document, listed FROM " + table() + " WHERE resource_id = ?",
                (rs, n) -> detail(rs),
                resourceId);
        return found.stream().findFirst();
    }

    Map<String, Object> summary() {
        Map<String, Object> byState = new LinkedHashMap<>();
        for (AccountState state : AccountState.values()) {
            byState.put(state.name(), 0L);
        }
        long[] total = {0};
        jdbc.query("SELECT state, count(*) FROM " + table() + " WHERE listed GROUP BY state", rs -> {
            byState.put(rs.getString(1), rs.getLong(2));
            total[0] += rs.getLong(2);
        });
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("total", total[0]);
        answer.put("byState", byState);
        answer.put("controlPlane", controlPlaneAvailable() ? "AVAILABLE" : "UNAVAILABLE");
        return answer;
    }

    boolean controlPlaneAvailable() {
        return new AccountViewStore(jdbc, copies.active()).controlPlaneAvailable();
    }

    private String table() {
        return "account_view_" + copies.active();
    }

    private static Map<String, Object> summary(ResultSet rs) throws SQLException {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("resourceId", rs.getObject("resource_id").toString());
        item.put("name", rs.getString("name"));
        item.put("armId", rs.getString("arm_id"));
        item.put("subscriptionId", rs.getString("subscription_id"));
        item.put("resourceGroup", rs.getString("resource_group"));
        item.put("location", rs.getString("location"));
        item.put("team", rs.getString("team"));
        item.put("state", rs.getString("state"));
        if (rs.getString("cloud_only_reason") != null) {
            item.put("cloudOnlyReason", rs.getString("cloud_only_reason"));
        }
        item.put("driftCount", rs.getInt("drift_count"));
        item.put("lastObservedAt", instant(rs.getTimestamp("last_observed_at")));
        item.put("updatedAt", instant(rs.getTimestamp("updated_at")));
        return item;
    }

    private Map<String, Object> detail(ResultSet rs) throws SQLException {
        Map<String, Object> item = summary(rs);
        AccountDocument d = AccountViewStore.read(rs.getString("document"));
        Instant lastObservedAt = instant(rs.getTimestamp("last_observed_at"));
        Classification c = Classifier.classify(d.input(controlPlaneAvailable(), lastObservedAt, Instant.now()));
        item.put("listed", rs.getBoolean("listed"));
        item.put("lifecycle", d.lifecycle.name());
        item.put("explanation", c.explanation());
        item.put("stale", c.stale());
        item.put("stuck", c.stuck());
        item.put(
                "desired",
                d.lifecycle == dev.idp.kernel.classification.ClassificationInput.Desired.Lifecycle.NONE
                        ? null
                        : d.desired);
        item.put("observed", observed(d.observed));
        List<Map<String, Object>> drift = new ArrayList<>();
        for (Drift field : c.drift()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("field", field.field());
            entry.put("desired", field.desired());
            entry.put("observed", field.observed());
            drift.add(entry);
        }
        item.put("drift", drift);
        item.put("crossplane", crossplane(d));
        item.put("azure", azure(d, lastObservedAt));
        List<Map<String, Object>> requests = new ArrayList<>();
        for (AccountDocument.RequestRecord r : d.requests) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("requestId", r.requestId);
            entry.put("workflowType", r.workflowType);
            entry.put("type", r.type);
            entry.put("acceptedAt", r.acceptedAt);
            entry.put("status", r.status);
            entry.put("completedAt", r.completedAt);
            if (r.detail != null) {
                entry.put("detail", r.detail);
            }
            requests.add(entry);
        }
        item.put("requests", requests);
        item.put("remediations", List.of());
        return item;
    }

    private static Map<String, Object> observed(ObservedStorageAccount o) {
        if (o == null) {
            return null;
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("location", o.location());
        spec.put("accountKind", o.accountKind());
        spec.put("accountTier", o.accountTier());
        spec.put("replicationType", o.replicationType());
        spec.put("accessTier", o.accessTier());
        spec.put("minimumTlsVersion", o.minimumTlsVersion());
        spec.put("publicNetworkAccess", o.publicNetworkAccess());
        spec.put("allowBlobPublicAccess", o.allowBlobPublicAccess());
        spec.put("allowSharedKeyAccess", o.allowSharedKeyAccess());
        spec.put("allowCrossTenantReplication", o.allowCrossTenantReplication());
        spec.put("tags", new java.util.TreeMap<>(o.tags()));
        return spec;
    }

    private static Map<String, Object> crossplane(AccountDocument d) {
        if (d.binding == null) {
            return null;
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("apiVersion", d.binding.apiVersion());
        c.put("kind", d.binding.kind());
        c.put("name", d.binding.name());
        c.put("externalName", d.binding.externalName());
        c.put("providerConfig", d.binding.providerConfig());
        c.put("managementPolicies", d.binding.managementPolicies());
        c.put("deletionPolicy", d.binding.deletionPolicy());
        var status = d.crossplaneStatus;
        c.put("ready", status != null && "True".equals(status.ready()));
        c.put("synced", status != null && "True".equals(status.synced()));
        List<Map<String, Object>> conditions = new ArrayList<>();
        if (status != null) {
            if (status.synced() != null) {
                conditions.add(condition("Synced", status.synced(), status.syncedReason(), status.syncedMessage()));
            }
            if (status.ready() != null) {
                conditions.add(condition("Ready", status.ready(), status.readyReason(), status.readyMessage()));
            }
        }
        c.put("conditions", conditions);
        c.put("managedResource", d.mr.name());
        return c;
    }

    private static Map<String, Object> condition(String type, String status, String reason, String message) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("type", type);
        c.put("status", status);
        c.put("reason", reason);
        c.put("message", message);
        return c;
    }

    private static Map<String, Object> azure(AccountDocument d, Instant lastObservedAt) {
        if (d.armId == null && d.azureBinding == null) {
            return null;
        }
        Map<String, Object> a = new LinkedHashMap<>();
        String armId = d.azureBinding != null ? (String) d.azureBinding.get("armId") : d.armId;
        a.put("armId", armId);
        a.put("subscriptionId", d.azureBinding != null ? d.azureBinding.get("subscriptionId") : d.subscriptionId);
        a.put("resourceGroup", d.azureBinding != null ? d.azureBinding.get("resourceGroup") : d.resourceGroup);
        a.put(
                "location",
                d.observed != null
                        ? d.observed.location()
                        : d.azureBinding != null ? d.azureBinding.get("location") : null);
        a.put("presence", d.azurePresence.name());
        a.put("observedAt", lastObservedAt);
        a.put("source", d.observationSource);
        return a;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Where a page ended: opaque to clients (base64url of name and resource ID). */
    record Cursor(String nameKey, UUID resourceId) {

        String encode() {
            String raw = (nameKey == null ? "" : nameKey) + "\n" + resourceId;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int newline = raw.indexOf('\n');
                if (newline < 0) {
                    throw new IllegalArgumentException("not a cursor");
                }
                return new Cursor(raw.substring(0, newline), UUID.fromString(raw.substring(newline + 1)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a cursor this API gave out", e);
            }
        }
    }
}
