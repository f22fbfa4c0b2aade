package dev.idp.command.observation;

import dev.idp.kernel.crossplane.DecommissionCompletedEvent;
import dev.idp.kernel.storageaccount.OwnershipTags;
import dev.idp.kernel.storageaccount.StorageAccountRequestedEvent;
import dev.idp.kernel.storageaccount.StorageAccountSpecChangeRequestedEvent;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which request claims which ARM ID, for the sweeps' correlation: written by a subscribing processor, so in the same
 * transaction as the request's events (a sweep never sees a requested account as unclaimed), idempotent on replay.
 */
@Component
@ProcessingGroup(ObservationClaims.GROUP)
class ObservationClaims {

    static final String GROUP = "observation-claims";

    private final JdbcTemplate jdbc;

    ObservationClaims(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(StorageAccountRequestedEvent event, @Timestamp Instant at) {
        jdbc.update(
                "INSERT INTO observation_claim (arm_id_key, arm_id, resource_id, subscription_id, owned_tags,"
                        + " requested_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (arm_id_key) DO NOTHING",
                event.armId().normalized(),
                event.armId().toString(),
                java.util.UUID.fromString(event.resourceId().toString()),
                event.subscriptionId().toLowerCase(Locale.ROOT),
                ownedTags(event.spec().tags()),
                java.sql.Timestamp.from(at));
    }

    @EventHandler
    void on(StorageAccountSpecChangeRequestedEvent event) {
        jdbc.update(
                "UPDATE observation_claim SET owned_tags = ? WHERE resource_id = ?",
                ownedTags(event.spec().tags()),
                java.util.UUID.fromString(event.resourceId().toString()));
    }

    @EventHandler
    void on(DecommissionCompletedEvent event) {
        jdbc.update(
                "UPDATE observation_claim SET decommissioned = true WHERE resource_id = ?",
                java.util.UUID.fromString(event.resourceId().toString()));
    }

    /** The spec's tag names and the ownership tags' names, lower case, one per line (Azure compares tag names ignoring case). */
    static String ownedTags(Map<String, String> specTags) {
        TreeSet<String> names = new TreeSet<>();
        specTags.keySet().forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
        names.add(OwnershipTags.MANAGED_BY);
        names.add(OwnershipTags.RESOURCE_ID);
        names.add(OwnershipTags.REQUEST_ID);
        names.add(OwnershipTags.TEAM);
        return String.join("\n", names);
    }
}
