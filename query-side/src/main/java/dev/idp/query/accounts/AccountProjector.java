package dev.idp.query.accounts;

import dev.idp.kernel.classification.ClassificationInput.Azure;
import dev.idp.kernel.classification.ClassificationInput.Crossplane.Mr;
import dev.idp.kernel.classification.ClassificationInput.Desired.Lifecycle;
import dev.idp.kernel.crossplane.AzureBindingRecordedEvent;
import dev.idp.kernel.crossplane.CrossplaneStatus;
import dev.idp.kernel.crossplane.CrossplaneStatusChangedEvent;
import dev.idp.kernel.crossplane.DecommissionCompletedEvent;
import dev.idp.kernel.crossplane.ManagedResourceAppliedEvent;
import dev.idp.kernel.crossplane.ManagedResourceDeletedEvent;
import dev.idp.kernel.crossplane.ManagedResourceLostEvent;
import dev.idp.kernel.crossplane.ProvisioningCompletedEvent;
import dev.idp.kernel.crossplane.RequestStuckEvent;
import dev.idp.kernel.crossplane.SpecChangeCompletedEvent;
import dev.idp.kernel.ids.ResourceId;
import dev.idp.kernel.ids.Uuids;
import dev.idp.kernel.observation.AzureAccountNotFoundEvent;
import dev.idp.kernel.observation.AzureStateObservedEvent;
import dev.idp.kernel.observation.ObservationSweepCompletedEvent;
import dev.idp.kernel.observation.StorageAccountDiscoveredEvent;
import dev.idp.kernel.platform.ControlPlaneBecameAvailableEvent;
import dev.idp.kernel.platform.ControlPlaneBecameUnavailableEvent;
import dev.idp.kernel.storageaccount.OwnershipTags;
import dev.idp.kernel.storageaccount.StorageAccountDecommissionRequestedEvent;
import dev.idp.kernel.storageaccount.StorageAccountRequestedEvent;
import dev.idp.kernel.storageaccount.StorageAccountSpecChangeRequestedEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Builds one copy of the accounts' read model from the event stream. Each event updates its account's document and
 * re-classifies it; a change of the control plane's availability re-classifies every active account; a completed
 * sweep confirms every account of its scope. Documents are cached for the batch the processor handles in one unit of
 * work and written in one statement before it commits (with the processor's token), and an event at or below a
 * document's position is skipped, so replays and redeliveries change nothing twice.
 *
 * <p>Two subclasses feed the two copies ({@link AccountProjectorA}, {@link AccountProjectorB}) in processing groups of
 * their own; {@link ReadModelCopies} says which copy answers.
 */
abstract class AccountProjector {

    private final AccountViewStore store;
    private final String batchKey;

    AccountProjector(JdbcTemplate jdbc, char copy) {
        this.store = new AccountViewStore(jdbc, copy);
        this.batchKey = "account-view-batch-" + copy;
    }

    AccountViewStore store() {
        return store;
    }

    @ResetHandler
    void reset() {
        store.clear();
    }

    @EventHandler
    void on(StorageAccountRequestedEvent e, @Timestamp Instant at, TrackingToken token) {
        update(e.resourceId(), at, token, d -> {
            d.name = e.name();
            d.armId = e.armId().toString();
            d.subscriptionId = e.subscriptionId();
            d.resourceGroup = e.resourceGroup();
            d.team = e.owner().team();
            d.requestedBy = e.owner().requestedBy();
            d.lifecycle = Lifecycle.ACTIVE;
            d.desired = e.spec();
            d.ownershipTags = new LinkedHashMap<>(
                    OwnershipTags.of(e.resourceId(), e.requestId(), e.owner().team()));
            d.inFlight.put(e.requestId().toString(), at);
            d.requests.add(new AccountDocument.RequestRecord(e.requestId().toString(), e.workflowType(), "SUBMIT", at));
        });
    }

    @EventHandler
    void on(StorageAccountSpecChangeRequestedEvent e, @Timestamp Instant at, TrackingToken token) {
        update(e.resourceId(), at, token, d -> {
            d.desired = e.spec();
            d.inFlight.put(e.requestId().toString(), at);
            d.requests.add(
                    new AccountDocument.RequestRecord(e.requestId().toString(), "storage-account", "CHANGE_SPEC", at));
        });
    }

    @EventHandler
    void on(StorageAccountDecommissionRequestedEvent e, @Timestamp Instant at, TrackingToken token) {
        update(e.resourceId(), at, token, d -> {
            d.lifecycle = Lifecycle.DECOMMISSIONING;
            // earlier requests are moot now: only the decommission is in flight
            d.inFlight.clear();
            d.inFlight.put(e.requestId().toString(), at);
            d.requests.add(
                    new AccountDocument.RequestRecord(e.requestId().toString(), "storage-account", "DECOMMISSION", at));
        });
    }

    @EventHandler
    void on(ManagedResourceAppliedEvent e, @Timestamp Instant at, TrackingToken token) {
        update(e.resourceId(), at, token, d -> {
            d.binding = e.binding();
            if (d.mr == Mr.UNKNOWN || d.mr == Mr.ABSENT) {
                d.mr = Mr.PROGRESSING;
            }
        });
    }

    @EventHandler
    void on(CrossplaneStatusChangedEvent e, @Timestamp Instant at, TrackingToken token) {
        update(e.resourceId(), at, token, d -> {
            d.crossplaneStatus = e.status();
            d.mr = mr(e.status());
        });
    }

    @EventHandler
    void on(AzureBindingRecordedEvent e, @Timestamp Instant at, TrackingToken token) {
        update(e.resourceId(), at, token, d -> {
            Map<String, Object> binding = new LinkedHashMap<>();
            binding.put("armId", e.armId().toString());
            binding.put("subscriptionId", e.subscriptionId());
            binding.put("resourceGroup", e.resourceGroup());
            binding.put("location", e.location());
            d.azureBinding = binding;
        });
    }

    @EventHandler
    void on(ProvisioningCompletedEvent e, @Timestamp Instant at, TrackingToken token) {
        update(e.resourceId(), at, token, d -> complete(d, e.requestId().toString(), at));
    }

    @EventHandler
    void on(SpecChangeCompletedEvent e, @Timestamp Instant at, TrackingToken token) {
        update(e.resourceId(), at, token, d -> complete(d, e.requestId().toString(), at));
    }

    @EventHandler
    void on(ManagedResourceDeletedEvent e, @Timestamp Instant at, TrackingToken token) {
        update(e.resourceId(), at, token, d -> d.mr = Mr.ABSENT);
    }

    @EventHandler
    void on(DecommissionCompletedEvent e, @Timestamp Instant at, TrackingToken token) {
        update(e.resourceId(), at, token, d -> {
            d.lifecycle = Lifecycle.DECOMMISSIONED;
            d.mr = Mr.ABSENT;
            complete(d, e.requestId().toString(), at);
        });
    }

    @EventHandler
    void on(ManagedResourceLostEvent e, @Timestamp Instant at, TrackingToken token) {
        update(e.resourceId(), at, token, d -> d.mr = Mr.ABSENT);
    }

    @EventHandler
    void on(RequestStuckEvent e, @Timestamp Instant at, TrackingToken token) {
        update(e.resourceId(), at, token, d -> {
            AccountDocument.RequestRecord request = d.request(e.requestId().toString());
            if (request != null && request.completedAt == null) {
                request.status = "STUCK";
                request.detail = e.step() + ": " + e.detail();
            }
        });
    }

    @EventHandler
    void on(StorageAccountDiscoveredEvent e, @Timestamp Instant at, TrackingToken token) {
        update(e.resourceId(), at, token, d -> {
            d.name = e.name();
            d.armId = e.armId().toString();
            d.subscriptionId = e.subscriptionId();
            d.resourceGroup = e.resourceGroup();
            d.inManagedScope = true;
            String team = e.observed().tag(OwnershipTags.TEAM);
            d.team = team;
            observed(d, e.observed(), e.observedAt(), e.source().name());
        });
    }

    @EventHandler
    void on(AzureStateObservedEvent e, @Timestamp Instant at, TrackingToken token) {
        update(e.resourceId(), at, token, d -> {
            if (d.armId == null) {
                d.armId = e.armId().toString();
            }
            observed(d, e.observed(), e.observedAt(), e.source().name());
        });
    }

    @EventHandler
    void on(AzureAccountNotFoundEvent e, @Timestamp Instant at, TrackingToken token) {
        update(e.resourceId(), at, token, d -> {
            d.azurePresence = Azure.Presence.ABSENT;
            d.observed = null;
            d.observedAt = e.observedAt();
            d.observationSource = e.source().name();
        });
    }

    @EventHandler
    void on(ControlPlaneBecameAvailableEvent e, TrackingToken token) {
        controlPlane(true, e.since(), e.detail(), token);
    }

    @EventHandler
    void on(ControlPlaneBecameUnavailableEvent e, TrackingToken token) {
        controlPlane(false, e.since(), e.detail(), token);
    }

    @EventHandler
    void on(ObservationSweepCompletedEvent e) {
        Batch batch = batch();
        batch.flush();
        store.confirmObserved(e.subscriptions(), e.resourceGroups(), e.completedAt());
        batch.confirmObserved(e.subscriptions(), e.resourceGroups(), e.completedAt());
    }

    private static void observed(
            AccountDocument d,
            dev.idp.kernel.classification.ObservedStorageAccount observed,
            Instant at,
            String source) {
        d.azurePresence = Azure.Presence.PRESENT;
        d.observed = observed;
        d.observedAt = at;
        d.observationSource = source;
    }

    private static void complete(AccountDocument d, String requestId, Instant at) {
        d.inFlight.remove(requestId);
        AccountDocument.RequestRecord request = d.request(requestId);
        if (request != null) {
            request.completedAt = at;
            request.status = "COMPLETED";
        }
    }

    static Mr mr(CrossplaneStatus status) {
        if ("False".equals(status.synced())) {
            return Mr.FAILING;
        }
        if (status.readyAndSynced()) {
            return Mr.READY;
        }
        if ("Deleting".equals(status.readyReason())) {
            return Mr.DELETING;
        }
        return Mr.PROGRESSING;
    }

    private void controlPlane(boolean available, Instant since, String detail, TrackingToken token) {
        Batch batch = batch();
        batch.flush();
        store.controlPlane(available, since, detail, position(token));
        batch.controlPlaneAvailable = available;
        store.save(store.active(), available);
    }

    private void update(ResourceId resourceId, Instant at, TrackingToken token, Consumer<AccountDocument> change) {
        long position = position(token);
        Batch batch = batch();
        AccountViewStore.Stored stored = batch.document(resourceId.toString());
        AccountDocument document = stored.document();
        if (position > 0 && position <= document.position) {
            return; // applied before: a redelivery
        }
        change.accept(document);
        document.position = Math.max(document.position, position);
        document.updatedAt = at;
        batch.dirty.put(resourceId.toString(), stored);
    }

    private static long position(TrackingToken token) {
        return token == null ? 0 : token.position().orElse(0);
    }

    /** The documents touched in the current unit of work, written before it commits. */
    private Batch batch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(batchKey, key -> {
            Batch batch = new Batch();
            unitOfWork.onPrepareCommit(u -> batch.flush());
            if (unitOfWork instanceof BatchingUnitOfWork<?> batching) {
                batch.prefetch(batching.getMessages()); // one query for the whole batch's accounts
            }
            return batch;
        });
    }

    private final class Batch {
        final Map<String, AccountViewStore.Stored> cache = new LinkedHashMap<>();
        final Map<String, AccountViewStore.Stored> dirty = new LinkedHashMap<>();
        Boolean controlPlaneAvailable;

        /** Loads the documents of every account the batch's events name; those not stored yet start empty. */
        void prefetch(List<? extends Message<?>> messages) {
            Set<String> ids = new LinkedHashSet<>();
            for (var message : messages) {
                if (message instanceof DomainEventMessage<?> event
                        && Uuids.isCanonical(event.getAggregateIdentifier())) {
                    ids.add(event.getAggregateIdentifier());
                }
            }
            Map<String, AccountViewStore.Stored> stored = store.load(ids);
            for (String id : ids) {
                cache.put(id, stored.containsKey(id) ? stored.get(id) : fresh(id));
            }
        }

        AccountViewStore.Stored document(String resourceId) {
            return cache.computeIfAbsent(resourceId, id -> {
                AccountViewStore.Stored stored = store.load(List.of(id)).get(id);
                return stored == null ? fresh(id) : stored;
            });
        }

        private static AccountViewStore.Stored fresh(String resourceId) {
            AccountDocument document = new AccountDocument();
            document.resourceId = resourceId;
            return new AccountViewStore.Stored(document, null);
        }

        /** Writes the changed documents; the batch's cache stays what the table now holds. */
        void flush() {
            if (dirty.isEmpty()) {
                return;
            }
            if (controlPlaneAvailable == null) {
                controlPlaneAvailable = store.controlPlaneAvailable();
            }
            store.save(dirty.values(), controlPlaneAvailable);
            dirty.clear();
        }

        /** What {@link AccountViewStore#confirmObserved} did to the table, done to the cached documents too. */
        void confirmObserved(List<String> subscriptions, List<String> resourceGroups, Instant at) {
            cache.replaceAll((id, stored) -> AccountViewStore.inScope(stored.document(), subscriptions, resourceGroups)
                    ? new AccountViewStore.Stored(
                            stored.document(), AccountViewStore.later(stored.lastObservedAt(), at))
                    : stored);
        }
    }
}
