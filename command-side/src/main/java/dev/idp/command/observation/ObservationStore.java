package dev.idp.command.observation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idp.kernel.azure.ArmId;
import dev.idp.kernel.ids.ResourceId;
import dev.idp.kernel.observation.SweepStatistics;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sweeps' tables: the claims (read), the last recorded state per account, and the sweeps with their shards, which
 * instances share through row locks ({@code FOR UPDATE SKIP LOCKED}) and leases.
 */
@Repository
class ObservationStore {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ObjectMapper json = new ObjectMapper();

    ObservationStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** A request's claim on an ARM ID. */
    record Claim(
            ArmId armId, ResourceId resourceId, Set<String> ownedTags, Instant requestedAt, boolean decommissioned) {}

    /** What was last recorded of an account: present with a fingerprint, or known absent. */
    record Recorded(ArmId armId, ResourceId resourceId, boolean claimed, boolean present, String fingerprint) {}

    /** A shard claimed by this instance. */
    record Shard(String sweepId, String subscriptionId) {}

    private static final String CLAIMS =
            "SELECT arm_id, resource_id, owned_tags, requested_at, decommissioned FROM observation_claim";
    private static final RowMapper<Claim> CLAIM = (rs, n) -> new Claim(
            ArmId.parse(rs.getString("arm_id")),
            ResourceId.parse(rs.getString("resource_id")),
            Set.of(rs.getString("owned_tags").split("\n")),
            rs.getTimestamp("requested_at").toInstant(),
            rs.getBoolean("decommissioned"));

    /** The claims on accounts of a subscription, by lower-case ARM ID. */
    Map<String, Claim> claims(String subscriptionId) {
        Map<String, Claim> claims = new HashMap<>();
        jdbc.query(CLAIMS + " WHERE subscription_id = ?", CLAIM, subscriptionId.toLowerCase(Locale.ROOT))
                .forEach(claim -> claims.put(claim.armId().normalized(), claim));
        return claims;
    }

    /** The claim of one resource, if it has one. */
    Optional<Claim> claim(ResourceId resourceId) {
        return jdbc.query(CLAIMS + " WHERE resource_id = ?", CLAIM, UUID.fromString(resourceId.toString())).stream()
                .findFirst();
    }

    /** The ARM ID under which a (claimed or unclaimed) resource was last recorded. */
    Optional<ArmId> armIdOf(ResourceId resourceId) {
        return jdbc
                .queryForList(
                        "SELECT arm_id FROM observed_account WHERE resource_id = ?",
                        String.class,
                        UUID.fromString(resourceId.toString()))
                .stream()
                .findFirst()
                .map(ArmId::parse);
    }

    /** What was last recorded of the accounts of a subscription, by lower-case ARM ID. */
    Map<String, Recorded> recorded(String subscriptionId) {
        Map<String, Recorded> recorded = new HashMap<>();
        jdbc.query(
                "SELECT arm_id_key, resource_id, claimed, present, fingerprint, arm_id FROM observed_account"
                        + " WHERE subscription_id = ?",
                rs -> {
                    recorded.put(
                            rs.getString(1),
                            new Recorded(
                                    ArmId.parse(rs.getString(6)),
                                    ResourceId.parse(rs.getString(2)),
                                    rs.getBoolean(3),
                                    rs.getBoolean(4),
                                    rs.getString(5)));
                },
                subscriptionId.toLowerCase(Locale.ROOT));
        return recorded;
    }

    /** Remembers what was recorded (after the aggregate took the command). */
    void remember(List<Map.Entry<String, Recorded>> rows, String subscriptionId, Instant at) {
        if (rows.isEmpty()) {
            return;
        }
        List<Object[]> batch = new ArrayList<>(rows.size());
        for (Map.Entry<String, Recorded> row : rows) {
            Recorded r = row.getValue();
            batch.add(new Object[] {
                row.getKey(),
                r.armId().toString(),
                UUID.fromString(r.resourceId().toString()),
                subscriptionId.toLowerCase(Locale.ROOT),
                r.claimed(),
                r.present(),
                r.fingerprint(),
                Timestamp.from(at)
            });
        }
        jdbc.batchUpdate(
                "INSERT INTO observed_account (arm_id_key, arm_id, resource_id, subscription_id, claimed, present,"
                        + " fingerprint, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (arm_id_key) DO UPDATE"
                        + " SET arm_id = EXCLUDED.arm_id, resource_id = EXCLUDED.resource_id, claimed = EXCLUDED.claimed,"
                        + " present = EXCLUDED.present, fingerprint = EXCLUDED.fingerprint,"
                        + " recorded_at = EXCLUDED.recorded_at",
                batch);
    }

    /** A new sweep and one pending shard per subscription, in one transaction. */
    void createSweep(String sweepId, String trigger, List<String> subscriptions, Instant at) {
        transactions.executeWithoutResult(status -> {
            jdbc.update(
                    "INSERT INTO observation_sweep (sweep_id, trigger, status, started_at) VALUES (?, ?, 'RUNNING', ?)",
                    sweepId,
                    trigger,
                    Timestamp.from(at));
            for (String subscription : subscriptions) {
                jdbc.update(
                        "INSERT INTO observation_shard (sweep_id, shard_key, status) VALUES (?, ?, 'PENDING')",
                        sweepId,
                        subscription.toLowerCase(Locale.ROOT));
            }
        });
    }

    /** The running sweep started after {@code since}, if any: a scheduled start is skipped while one runs. */
    Optional<String> runningSweep(Instant since) {
        return jdbc
                .queryForList(
                        "SELECT sweep_id FROM observation_sweep WHERE status = 'RUNNING' AND started_at > ?"
                                + " ORDER BY started_at DESC LIMIT 1",
                        String.class,
                        Timestamp.from(since))
                .stream()
                .findFirst();
    }

    /** Takes a pending shard, or one whose lease ran out, for this instance. */
    Optional<Shard> claimShard(String owner, Duration lease) {
        return transactions.execute(status -> jdbc
                .query(
                        "UPDATE observation_shard SET status = 'RUNNING', owner = ?, lease_until = now() + ?::interval,"
                                + " attempts = attempts + 1 WHERE (sweep_id, shard_key) = (SELECT s.sweep_id,"
                                + " s.shard_key FROM observation_shard s JOIN observation_sweep w ON w.sweep_id ="
                                + " s.sweep_id WHERE w.status = 'RUNNING' AND (s.status = 'PENDING' OR (s.status ="
                                + " 'RUNNING' AND s.lease_until < now())) ORDER BY w.started_at LIMIT 1 FOR UPDATE OF s"
                                + " SKIP LOCKED) RETURNING sweep_id, shard_key",
                        (rs, n) -> new Shard(rs.getString(1), rs.getString(2)),
                        owner,
                        lease.toMillis() + " milliseconds")
                .stream()
                .findFirst());
    }

    /** Extends this instance's lease on a shard; false if it lost it (another instance took over). */
    boolean renewLease(Shard shard, String owner, Duration lease) {
        return jdbc.update(
                        "UPDATE observation_shard SET lease_until = now() + ?::interval WHERE sweep_id = ? AND"
                                + " shard_key = ? AND owner = ? AND status = 'RUNNING'",
                        lease.toMillis() + " milliseconds",
                        shard.sweepId(),
                        shard.subscriptionId(),
                        owner)
                == 1;
    }

    void finishShard(Shard shard, String owner, SweepStatistics statistics, String failure) {
        jdbc.update(
                "UPDATE observation_shard SET status = ?, statistics = ?, failure = ?, lease_until = NULL"
                        + " WHERE sweep_id = ? AND shard_key = ? AND owner = ?",
                failure == null ? "DONE" : "FAILED",
                write(statistics),
                failure,
                shard.sweepId(),
                shard.subscriptionId(),
                owner);
    }

    /** The sweep's outcome once it is decided (every shard done, or one failed); empty while shards remain. */
    Optional<Outcome> outcome(String sweepId) {
        Map<String, Object> counts = jdbc.queryForMap(
                "SELECT count(*) FILTER (WHERE status IN ('PENDING', 'RUNNING')) AS open,"
                        + " count(*) FILTER (WHERE status = 'FAILED') AS failed FROM observation_shard WHERE sweep_id = ?",
                sweepId);
        long open = ((Number) counts.get("open")).longValue();
        long failed = ((Number) counts.get("failed")).longValue();
        if (open > 0 && failed == 0) {
            return Optional.empty();
        }
        SweepStatistics total = SweepStatistics.NONE;
        String failure = null;
        for (Map<String, Object> row : jdbc.queryForList(
                "SELECT shard_key, statistics, failure FROM observation_shard WHERE sweep_id = ? ORDER BY shard_key",
                sweepId)) {
            if (row.get("statistics") != null) {
                total = total.plus(read((String) row.get("statistics")));
            }
            if (row.get("failure") != null && failure == null) {
                failure = "subscription " + row.get("shard_key") + ": " + row.get("failure");
            }
        }
        return Optional.of(new Outcome(failure, total));
    }

    record Outcome(String failure, SweepStatistics statistics) {}

    /** Marks the sweep finished; true for the one instance that did it. */
    boolean finishSweep(String sweepId, Outcome outcome, Instant at) {
        return jdbc.update(
                        "UPDATE observation_sweep SET status = ?, completed_at = ?, failure = ?, statistics = ?"
                                + " WHERE sweep_id = ? AND status = 'RUNNING'",
                        outcome.failure() == null ? "COMPLETED" : "FAILED",
                        Timestamp.from(at),
                        outcome.failure(),
                        write(outcome.statistics()),
                        sweepId)
                == 1;
    }

    Optional<Map<String, Object>> sweep(String sweepId) {
        return jdbc
                .queryForList(
                        "SELECT sweep_id, trigger, status, started_at, completed_at, failure, statistics"
                                + " FROM observation_sweep WHERE sweep_id = ?",
                        sweepId)
                .stream()
                .findFirst();
    }

    String write(SweepStatistics statistics) {
        try {
            return json.writeValueAsString(statistics);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    SweepStatistics read(String text) {
        try {
            return json.readValue(text, SweepStatistics.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable sweep statistics: " + text, e);
        }
    }
}
