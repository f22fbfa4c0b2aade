package dev.idp.query.accounts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idp.kernel.classification.Classification;
import dev.idp.kernel.classification.Classifier;
import dev.idp.support.axon.AxonSchemaConfiguration;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One copy of the read model ({@code account_view_a} or {@code _b}, with its {@code platform_view}): documents in,
 * documents out, and the classification stored beside each so that lists filter and page in SQL.
 */
final class AccountViewStore {

    static final ObjectMapper JSON = AxonSchemaConfiguration.historyObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    static final String CONTROL_PLANE = "control-plane";

    private final JdbcTemplate jdbc;
    private final String accounts;
    private final String platform;

    AccountViewStore(JdbcTemplate jdbc, char copy) {
        if (copy != 'a' && copy != 'b') {
            throw new IllegalArgumentException("no copy " + copy);
        }
        this.jdbc = jdbc;
        this.accounts = "account_view_" + copy;
        this.platform = "platform_view_" + copy;
    }

    String accountsTable() {
        return accounts;
    }

    /** The documents of these resources that exist, by resource ID. */
    Map<String, Stored> load(Collection<String> resourceIds) {
        Map<String, Stored> found = new HashMap<>();
        if (resourceIds.isEmpty()) {
            return found;
        }
        jdbc.query(
                "SELECT resource_id, document, last_observed_at FROM " + accounts + " WHERE resource_id = ANY (?)",
                rs -> {
                    Timestamp observed = rs.getTimestamp(3);
                    found.put(
                            rs.getString(1),
                            new Stored(read(rs.getString(2)), observed == null ? null : observed.toInstant()));
                },
                (Object) resourceIds.stream().map(UUID::fromString).toArray(UUID[]::new));
        return found;
    }

    /** A document and the time of the last sweep or read that confirmed it. */
    record Stored(AccountDocument document, Instant lastObservedAt) {}

    /** Classifies and writes the documents, in one batch. */
    void save(Collection<Stored> documents, boolean controlPlaneAvailable) {
        if (documents.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        List<Object[]> rows = new ArrayList<>(documents.size());
        for (Stored stored : documents) {
            AccountDocument d = stored.document();
            Instant lastObservedAt = later(stored.lastObservedAt(), d.observedAt);
            Classification c = Classifier.classify(d.input(controlPlaneAvailable, lastObservedAt, now));
            rows.add(new Object[] {
                UUID.fromString(d.resourceId),
                d.name,
                d.name == null ? null : d.name.toLowerCase(Locale.ROOT),
                d.armId,
                d.subscriptionId == null ? null : d.subscriptionId.toLowerCase(Locale.ROOT),
                d.resourceGroup,
                location(d),
                d.team,
                d.lifecycle.name(),
                c.listed(),
                c.state() == null ? null : c.state().name(),
                c.cloudOnlyReason() == null ? null : c.cloudOnlyReason().name(),
                c.drift().size(),
                timestamp(d.pendingSince()),
                timestamp(lastObservedAt),
                timestamp(d.updatedAt),
                d.position,
                write(d)
            });
        }
        jdbc.batchUpdate(
                "INSERT INTO " + accounts + " (resource_id, name, name_key, arm_id, subscription_id, resource_group,"
                        + " location, team, lifecycle, listed, state, cloud_only_reason, drift_count, pending_since,"
                        + " last_observed_at, updated_at, position, document)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (resource_id) DO UPDATE SET name = EXCLUDED.name, name_key = EXCLUDED.name_key,"
                        + " arm_id = EXCLUDED.arm_id, subscription_id = EXCLUDED.subscription_id,"
                        + " resource_group = EXCLUDED.resource_group, location = EXCLUDED.location,"
                        + " team = EXCLUDED.team, lifecycle = EXCLUDED.lifecycle, listed = EXCLUDED.listed,"
                        + " state = EXCLUDED.state, cloud_only_reason = EXCLUDED.cloud_only_reason,"
                        + " drift_count = EXCLUDED.drift_count, pending_since = EXCLUDED.pending_since,"
                        + " last_observed_at = EXCLUDED.last_observed_at, updated_at = EXCLUDED.updated_at,"
                        + " position = EXCLUDED.position, document = EXCLUDED.document",
                rows);
    }

    /** Every account whose state the control plane's availability can change: the active ones. */
    List<Stored> active() {
        return jdbc.query(
                "SELECT document, last_observed_at FROM " + accounts + " WHERE lifecycle = 'ACTIVE'",
                (rs, n) -> new Stored(
                        read(rs.getString(1)),
                        rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant()));
    }

    /** A sweep listed its scope completely: every account there was confirmed as of then. */
    void confirmObserved(List<String> subscriptions, List<String> resourceGroups, Instant at) {
        if (subscriptions.isEmpty()) {
            return;
        }
        String[] subs =
                subscriptions.stream().map(s -> s.toLowerCase(Locale.ROOT)).toArray(String[]::new);
        if (resourceGroups.isEmpty()) {
            jdbc.update(
                    "UPDATE " + accounts + " SET last_observed_at = ? WHERE subscription_id = ANY (?)"
                            + " AND (last_observed_at IS NULL OR last_observed_at < ?)",
                    Timestamp.from(at),
                    subs,
                    Timestamp.from(at));
        } else {
            String[] groups =
                    resourceGroups.stream().map(g -> g.toLowerCase(Locale.ROOT)).toArray(String[]::new);
            jdbc.update(
                    "UPDATE " + accounts + " SET last_observed_at = ? WHERE subscription_id = ANY (?)"
                            + " AND lower(resource_group) = ANY (?) AND (last_observed_at IS NULL OR last_observed_at < ?)",
                    Timestamp.from(at),
                    subs,
                    groups,
                    Timestamp.from(at));
        }
    }

    /** Whether a sweep over these subscriptions (and resource groups, when any) covers the account. */
    static boolean inScope(AccountDocument d, List<String> subscriptions, List<String> resourceGroups) {
        if (d.subscriptionId == null || subscriptions.stream().noneMatch(s -> s.equalsIgnoreCase(d.subscriptionId))) {
            return false;
        }
        return resourceGroups.isEmpty()
                || (d.resourceGroup != null
                        && resourceGroups.stream().anyMatch(g -> g.equalsIgnoreCase(d.resourceGroup)));
    }

    boolean controlPlaneAvailable() {
        List<Boolean> available =
                jdbc.queryForList("SELECT available FROM " + platform + " WHERE id = ?", Boolean.class, CONTROL_PLANE);
        return available.isEmpty() || available.get(0); // before the first probe, nothing says otherwise
    }

    void controlPlane(boolean available, Instant since, String detail, long position) {
        jdbc.update(
                "INSERT INTO " + platform + " (id, available, since, detail, position) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (id) DO UPDATE SET available = EXCLUDED.available, since = EXCLUDED.since,"
                        + " detail = EXCLUDED.detail, position = EXCLUDED.position",
                CONTROL_PLANE,
                available,
                timestamp(since),
                detail,
                position);
    }

    /** Empties the copy: a replay starts from nothing. */
    void clear() {
        jdbc.update("TRUNCATE " + accounts + ", " + platform);
    }

    static AccountDocument read(String json) {
        try {
            return JSON.readValue(json, AccountDocument.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an account document is unreadable", e);
        }
    }

    static String write(AccountDocument document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String location(AccountDocument d) {
        if (d.desired != null) {
            return d.desired.location();
        }
        return d.observed == null ? null : d.observed.location();
    }

    static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
