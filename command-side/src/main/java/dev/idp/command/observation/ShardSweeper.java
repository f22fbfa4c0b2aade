package dev.idp.command.observation;

import dev.idp.command.infrastructure.azure.AzureClients;
import dev.idp.command.infrastructure.azure.AzureProperties;
import dev.idp.command.observation.AzureInventory.Listed;
import dev.idp.command.observation.AzureInventory.Page;
import dev.idp.command.observation.ObservationStore.Claim;
import dev.idp.command.observation.ObservationStore.Recorded;
import dev.idp.kernel.azure.ArmId;
import dev.idp.kernel.classification.ObservedStorageAccount;
import dev.idp.kernel.ids.ResourceId;
import dev.idp.kernel.observation.ObservationSource;
import dev.idp.kernel.observation.RecordAzureObservationCommand;
import dev.idp.kernel.observation.RecordUnclaimedObservationCommand;
import dev.idp.kernel.observation.SweepStatistics;
import dev.idp.kernel.observation.UnclaimedAccounts;
import dev.idp.kernel.storageaccount.OwnershipTags;
import dev.idp.support.axon.AxonSchemaConfiguration;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One shard of a sweep: one subscription, listed completely from Resource Graph, page by page. Each account is
 * normalized, correlated with the request that claims its ARM ID (or named from its ARM ID when none does), and
 * compared with what was last recorded; only a difference becomes a command, so a quiet sweep sends none. A change to
 * a requested account is confirmed by an ARM read before it is recorded (Resource Graph lags ARM), and so is every
 * disappearance, within the shard's ARM read budget. Nothing is concluded from a listing that did not finish: an
 * exception ends the shard, and with it the sweep, as failed.
 */
@Component
class ShardSweeper {

    private static final Logger log = LoggerFactory.getLogger(ShardSweeper.class);
    static final String ACTOR = "system:observation";

    private final AzureInventory azure;
    private final AzureClients clients;
    private final ObservationStore store;
    private final CommandGateway commands;
    private final ObservationProperties properties;
    private final List<String> resourceGroups;
    private final Clock clock = Clock.systemUTC();

    ShardSweeper(
            AzureInventory azure,
            AzureClients clients,
            ObservationStore store,
            CommandGateway commands,
            ObservationProperties properties,
            AzureProperties scope) {
        this.azure = azure;
        this.clients = clients;
        this.store = store;
        this.commands = commands;
        this.properties = properties;
        this.resourceGroups = scope.resourceGroups();
    }

    /** What an account's observation goes to: the requesting aggregate, or the unclaimed one named after it. */
    record Target(ResourceId resourceId, Claim claim) {
        boolean claimed() {
            return claim != null;
        }
    }

    /** An observation to record, and what to remember once recorded. */
    record Change(
            String key,
            Target target,
            ArmId armId,
            ObservedStorageAccount observed,
            ObservationSource source,
            boolean firstSeen) {}

    SweepStatistics sweep(String sweepId, String subscriptionId, Runnable stillMine) {
        long throttledBefore = clients.throttledResponses();
        Counters counters = new Counters();
        Map<String, Claim> claims = store.claims(subscriptionId);
        Map<String, Recorded> recorded = store.recorded(subscriptionId);
        Set<String> seen = new HashSet<>();
        int[] armBudget = {properties.armReadBudget()};
        InventoryQuery query = new InventoryQuery(resourceGroups);
        String skipToken = null;
        do {
            Page page = azure.page(subscriptionId, query, skipToken);
            counters.resourceGraphQueries++;
            page.unreadable()
                    .forEach(row -> log.warn("Sweep {}: a Resource Graph row is unreadable: {}", sweepId, row));
            List<Change> changes = new ArrayList<>();
            for (Listed listed : page.accounts()) {
                String key = listed.armId().normalized();
                if (!seen.add(key) || !inScope(listed.armId())) {
                    continue;
                }
                counters.accountsSeen++;
                Target target = target(listed.armId(), claims);
                ObservedStorageAccount observed = owned(listed.observed(), target.claim());
                Recorded last = recorded.get(key);
                if (same(last, target, observed)) {
                    continue;
                }
                ObservationSource source = ObservationSource.RESOURCE_GRAPH;
                if (target.claimed() && last != null && last.present() && armBudget[0] > 0) {
                    // a change to a requested account: Resource Graph lags ARM, so ARM has the last word
                    armBudget[0]--;
                    counters.armReads++;
                    Optional<Listed> arm = azure.read(listed.armId());
                    if (arm.isEmpty()) {
                        continue; // gone since: the absence check of this or a later sweep records it
                    }
                    observed = owned(arm.get().observed(), target.claim());
                    source = ObservationSource.ARM;
                    if (same(last, target, observed)) {
                        continue; // Resource Graph was behind; nothing changed
                    }
                }
                changes.add(new Change(key, target, listed.armId(), observed, source, last == null));
            }
            record(sweepId, subscriptionId, changes, counters);
            stillMine.run();
            skipToken = page.skipToken();
        } while (skipToken != null);

        // Accounts the listing did not show: recorded present before, or requested a while ago and never seen.
        // Resource Graph's word alone is never taken: ARM confirms each, as far as the budget goes.
        Instant graceEnd = clock.instant().minus(properties.claimGrace());
        List<Map.Entry<ArmId, Target>> missing = new ArrayList<>();
        recorded.forEach((key, last) -> {
            if (last.present() && !seen.contains(key)) {
                missing.add(Map.entry(last.armId(), target(last.armId(), claims)));
            }
        });
        claims.forEach((key, claim) -> {
            if (!seen.contains(key)
                    && !recorded.containsKey(key)
                    && !claim.decommissioned()
                    && claim.requestedAt().isBefore(graceEnd)) {
                missing.add(Map.entry(claim.armId(), new Target(claim.resourceId(), claim)));
            }
        });
        List<Change> absences = new ArrayList<>();
        int deferred = 0;
        for (Map.Entry<ArmId, Target> candidate : missing) {
            ArmId armId = candidate.getKey();
            String key = armId.normalized();
            if (!inScope(armId)) {
                continue;
            }
            if (armBudget[0] <= 0) {
                deferred++;
                continue;
            }
            armBudget[0]--;
            counters.armReads++;
            Optional<Listed> arm = azure.read(armId);
            Target target = candidate.getValue();
            if (arm.isEmpty()) {
                absences.add(new Change(key, target, armId, null, ObservationSource.ARM, false));
                counters.disappeared++;
            } else {
                ObservedStorageAccount observed = owned(arm.get().observed(), target.claim());
                if (!same(recorded.get(key), target, observed)) {
                    absences.add(new Change(
                            key,
                            target,
                            arm.get().armId(),
                            observed,
                            ObservationSource.ARM,
                            recorded.get(key) == null));
                }
            }
        }
        if (deferred > 0) {
            log.info(
                    "Sweep {}: {} accounts missing from Resource Graph wait for the next sweep's ARM read budget",
                    sweepId,
                    deferred);
        }
        record(sweepId, subscriptionId, absences, counters);
        counters.throttled = clients.throttledResponses() - throttledBefore;
        return counters.statistics();
    }

    /** Sends the commands (a bounded number in flight), then remembers what the aggregates took. */
    private void record(String sweepId, String subscriptionId, List<Change> changes, Counters counters) {
        if (changes.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Semaphore inFlight = new Semaphore(properties.commandsInFlight());
        List<CompletableFuture<?>> sent = new ArrayList<>(changes.size());
        for (Change change : changes) {
            inFlight.acquireUninterruptibly();
            sent.add(send(command(change, now, sweepId), sweepId)
                    .handle((ok, failure) -> failure)
                    .thenCompose(failure -> failure == null
                            ? CompletableFuture.completedFuture(null)
                            : send(command(change, now, sweepId), sweepId)) // one more try for a transient failure
                    .whenComplete((ok, failure) -> inFlight.release()));
        }
        List<Map.Entry<String, Recorded>> remembered = new ArrayList<>();
        RuntimeException failed = null;
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            try {
                sent.get(i).join();
            } catch (CompletionException e) {
                if (failed == null) {
                    failed = new IllegalStateException(
                            "could not record the observation of " + change.armId() + ": " + e.getCause(), e);
                }
                continue;
            }
            counters.changes++;
            if (!change.target().claimed() && change.firstSeen()) {
                counters.discovered++;
            }
            remembered.add(Map.entry(
                    change.key(),
                    new Recorded(
                            change.armId(),
                            change.target().resourceId(),
                            change.target().claimed(),
                            change.observed() != null,
                            change.observed() == null ? null : fingerprint(change.observed()))));
        }
        store.remember(remembered, subscriptionId, now);
        if (failed != null) {
            throw failed;
        }
    }

    private Object command(Change change, Instant now, String sweepId) {
        if (change.target().claimed()) {
            return new RecordAzureObservationCommand(
                    change.target().resourceId(), change.armId(), change.observed(), change.source(), now, sweepId);
        }
        return new RecordUnclaimedObservationCommand(
                change.target().resourceId(), change.armId(), change.observed(), change.source(), now, sweepId);
    }

    private CompletableFuture<Object> send(Object command, String sweepId) {
        MetaData metaData = MetaData.with(AxonSchemaConfiguration.ACTOR, ACTOR)
                .and(AxonSchemaConfiguration.ACTOR_NAME, "observation sweep " + sweepId);
        return commands.send(new GenericCommandMessage<>(
                new GenericMessage<>(command, metaData), command.getClass().getName()));
    }

    static Target target(ArmId armId, Map<String, Claim> claims) {
        Claim claim = claims.get(armId.normalized());
        return claim != null
                ? new Target(claim.resourceId(), claim)
                : new Target(UnclaimedAccounts.resourceId(armId), null);
    }

    /**
     * The owned fields only: of a requested account's tags, those its spec and the platform own (the rest, added by
     * people or policy, is not the platform's business and changing it records nothing). An unclaimed account keeps
     * all its tags: they say who it may belong to.
     */
    static ObservedStorageAccount owned(ObservedStorageAccount observed, Claim claim) {
        if (claim == null) {
            return observed;
        }
        Map<String, String> tags = new TreeMap<>();
        observed.tags().forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (claim.ownedTags().contains(lower) || OwnershipTags.isReserved(lower)) {
                tags.put(name, value);
            }
        });
        return observed.withTags(tags);
    }

    private static boolean same(Recorded last, Target target, ObservedStorageAccount observed) {
        return last != null
                && last.present()
                && last.claimed() == target.claimed()
                && last.resourceId().equals(target.resourceId())
                && fingerprint(observed).equals(last.fingerprint());
    }

    private boolean inScope(ArmId armId) {
        return resourceGroups.isEmpty()
                || resourceGroups.stream().anyMatch(group -> group.equalsIgnoreCase(armId.resourceGroup()));
    }

    /** SHA-256 of the normalized owned fields, tags sorted by name: equal states, equal fingerprints. */
    static String fingerprint(ObservedStorageAccount observed) {
        StringBuilder text = new StringBuilder();
        for (Object field : new Object[] {
            observed.location(),
            observed.accountKind(),
            observed.accountTier(),
            observed.replicationType(),
            observed.accessTier(),
            observed.minimumTlsVersion(),
            observed.publicNetworkAccess(),
            observed.allowBlobPublicAccess(),
            observed.allowSharedKeyAccess(),
            observed.allowCrossTenantReplication()
        }) {
            text.append(field).append('\u0000');
        }
        new TreeMap<>(observed.tags())
                .forEach((name, value) ->
                        text.append(name).append('\u0001').append(value).append('\u0000'));
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Counters {
        long accountsSeen;
        long resourceGraphQueries;
        long armReads;
        long changes;
        long discovered;
        long disappeared;
        long throttled;

        SweepStatistics statistics() {
            return new SweepStatistics(
                    accountsSeen, resourceGraphQueries, armReads, changes, discovered, disappeared, throttled);
        }
    }
}
