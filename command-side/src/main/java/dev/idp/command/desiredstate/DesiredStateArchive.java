package dev.idp.command.desiredstate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.idp.command.desiredstate.DesiredStateDocument.HistoryEntry;
import dev.idp.command.desiredstate.DesiredStateDocument.Ownership;
import dev.idp.command.desiredstate.DesiredStateDocument.Placement;
import dev.idp.command.desiredstate.DesiredStateDocument.RequestRecord;
import dev.idp.kernel.crossplane.AzureBindingRecordedEvent;
import dev.idp.kernel.crossplane.CrossplaneStatusChangedEvent;
import dev.idp.kernel.crossplane.ManagedResourceAppliedEvent;
import dev.idp.kernel.crossplane.ProvisioningCompletedEvent;
import dev.idp.kernel.storageaccount.OwnershipTags;
import dev.idp.kernel.storageaccount.StorageAccountDecommissionRequestedEvent;
import dev.idp.kernel.storageaccount.StorageAccountRequestedEvent;
import dev.idp.kernel.storageaccount.StorageAccountSpecChangeRequestedEvent;
import dev.idp.support.axon.AxonSchemaConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps one desired-state document per resource in the {@link DesiredStateStore} (Azure Blob Storage or the
 * filesystem), event by event. Idempotent: a document records the last event applied, so a replay changes nothing. If
 * a document is missing events (the archive was lost or is new), it is rebuilt from the resource's whole event stream.
 * A failing write propagates, and the processor retries the batch with back-off: no event is skipped.
 */
@Component
@ProcessingGroup(DesiredStateArchive.PROCESSING_GROUP)
class DesiredStateArchive {

    static final String PROCESSING_GROUP = "desired-state-archive";
    private static final int MAX_CONCURRENT_UPDATE_ATTEMPTS = 5;

    private static final Logger log = LoggerFactory.getLogger(DesiredStateArchive.class);

    private final DesiredStateStore store;
    private final EventStore eventStore;
    private final ObjectMapper json =
            AxonSchemaConfiguration.historyObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    DesiredStateArchive(DesiredStateStore store, EventStore eventStore) {
        this.store = store;
        this.eventStore = eventStore;
    }

    @EventHandler
    void on(StorageAccountRequestedEvent event, DomainEventMessage<?> message) {
        update(message);
    }

    @EventHandler
    void on(StorageAccountSpecChangeRequestedEvent event, DomainEventMessage<?> message) {
        update(message);
    }

    @EventHandler
    void on(StorageAccountDecommissionRequestedEvent event, DomainEventMessage<?> message) {
        update(message);
    }

    @EventHandler
    void on(ManagedResourceAppliedEvent event, DomainEventMessage<?> message) {
        update(message);
    }

    @EventHandler
    void on(CrossplaneStatusChangedEvent event, DomainEventMessage<?> message) {
        update(message);
    }

    @EventHandler
    void on(AzureBindingRecordedEvent event, DomainEventMessage<?> message) {
        update(message);
    }

    @EventHandler
    void on(ProvisioningCompletedEvent event, DomainEventMessage<?> message) {
        update(message);
    }

    private void update(DomainEventMessage<?> message) {
        String resourceId = message.getAggregateIdentifier();
        for (int attempt = 1; ; attempt++) {
            Optional<StoredDocument> stored = store.read(resourceId);
            DesiredStateDocument document =
                    stored.flatMap(d -> parse(resourceId, d)).orElseGet(() -> DesiredStateDocument.empty(resourceId));
            long sequence = message.getSequenceNumber();
            if (document.lastSequence >= sequence) {
                return;
            }
            if (document.lastSequence == sequence - 1) {
                apply(document, message);
            } else {
                document = DesiredStateDocument.empty(resourceId);
                try (Stream<? extends DomainEventMessage<?>> events =
                        eventStore.readEvents(resourceId).asStream()) {
                    DesiredStateDocument rebuilt = document;
                    events.filter(e -> e.getSequenceNumber() <= sequence).forEach(e -> apply(rebuilt, e));
                }
            }
            try {
                store.write(
                        resourceId,
                        write(document),
                        stored.map(StoredDocument::version).orElse(null));
                return;
            } catch (ConcurrentDocumentUpdateException e) {
                if (attempt >= MAX_CONCURRENT_UPDATE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Folds one event into the document. */
    static void apply(DesiredStateDocument document, DomainEventMessage<?> message) {
        String actor = (String) message.getMetaData().get(AxonSchemaConfiguration.ACTOR);
        Object payload = message.getPayload();
        String requestId = null;
        if (payload instanceof StorageAccountRequestedEvent e) {
            requestId = e.requestId().toString();
            document.workflowType = e.workflowType();
            document.placement = new Placement(e.subscriptionId(), e.resourceGroup(), e.name(), e.armId());
            document.ownership = new Ownership(
                    e.owner(),
                    OwnershipTags.of(e.resourceId(), e.requestId(), e.owner().team()));
            document.desiredSpec = e.spec();
            document.lifecycle = "ACTIVE";
            document.requests.add(new RequestRecord(requestId, "SUBMIT", message.getTimestamp(), actor));
        } else if (payload instanceof StorageAccountSpecChangeRequestedEvent e) {
            requestId = e.requestId().toString();
            document.desiredSpec = e.spec();
            document.requests.add(new RequestRecord(requestId, "CHANGE_SPEC", message.getTimestamp(), actor));
        } else if (payload instanceof ManagedResourceAppliedEvent e) {
            requestId = e.requestId().toString();
            Map<String, Object> crossplane = new LinkedHashMap<>();
            crossplane.put("apiVersion", e.binding().apiVersion());
            crossplane.put("kind", e.binding().kind());
            crossplane.put("name", e.binding().name());
            crossplane.put("externalName", e.binding().externalName());
            crossplane.put("providerConfig", e.binding().providerConfig());
            crossplane.put("managementPolicies", e.binding().managementPolicies());
            crossplane.put("deletionPolicy", e.binding().deletionPolicy());
            if (document.crossplane != null && document.crossplane.containsKey("status")) {
                crossplane.put("status", document.crossplane.get("status"));
            }
            document.crossplane = crossplane;
        } else if (payload instanceof CrossplaneStatusChangedEvent e) {
            Map<String, Object> crossplane =
                    document.crossplane == null ? new LinkedHashMap<>() : new LinkedHashMap<>(document.crossplane);
            crossplane.put("status", e.status());
            document.crossplane = crossplane;
        } else if (payload instanceof AzureBindingRecordedEvent e) {
            Map<String, Object> azure = new LinkedHashMap<>();
            azure.put("armId", e.armId().value());
            azure.put("subscriptionId", e.subscriptionId());
            azure.put("resourceGroup", e.resourceGroup());
            azure.put("location", e.location());
            document.azure = azure;
        } else if (payload instanceof ProvisioningCompletedEvent e) {
            requestId = e.requestId().toString();
        } else if (payload instanceof StorageAccountDecommissionRequestedEvent e) {
            requestId = e.requestId().toString();
            document.lifecycle = "DECOMMISSION_REQUESTED";
            document.requests.add(new RequestRecord(requestId, "DECOMMISSION", message.getTimestamp(), actor));
        }
        document.history.add(new HistoryEntry(
                message.getSequenceNumber(),
                message.getPayloadType().getSimpleName(),
                message.getTimestamp(),
                requestId,
                actor));
        document.lastSequence = message.getSequenceNumber();
        document.updatedAt = message.getTimestamp();
    }

    /** The stored document, or empty when it cannot be read: then it is rebuilt from the event store. */
    private Optional<DesiredStateDocument> parse(String resourceId, StoredDocument stored) {
        try {
            return Optional.of(json.readValue(stored.json(), DesiredStateDocument.class));
        } catch (IOException e) {
            log.warn(
                    "The desired-state document of {} is unreadable; rebuilding it from the event store",
                    resourceId,
                    e);
            return Optional.empty();
        }
    }

    private byte[] write(DesiredStateDocument document) {
        try {
            return json.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a desired-state document", e);
        }
    }
}
