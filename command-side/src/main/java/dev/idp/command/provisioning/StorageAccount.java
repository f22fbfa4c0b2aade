package dev.idp.command.provisioning;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.idp.command.provisioning.RequestLedger.Entry;
import dev.idp.command.provisioning.RequestLedger.RequestType;
import dev.idp.kernel.azure.ArmId;
import dev.idp.kernel.classification.ObservedStorageAccount;
import dev.idp.kernel.crossplane.AzureBindingRecordedEvent;
import dev.idp.kernel.crossplane.CrossplaneStatus;
import dev.idp.kernel.crossplane.CrossplaneStatusChangedEvent;
import dev.idp.kernel.crossplane.DecommissionCompletedEvent;
import dev.idp.kernel.crossplane.ManagedResourceAppliedEvent;
import dev.idp.kernel.crossplane.ManagedResourceBinding;
import dev.idp.kernel.crossplane.ManagedResourceDeletedEvent;
import dev.idp.kernel.crossplane.ManagedResourceLostEvent;
import dev.idp.kernel.crossplane.MarkRequestStuckCommand;
import dev.idp.kernel.crossplane.ProvisioningCompletedEvent;
import dev.idp.kernel.crossplane.RecordCrossplaneStatusCommand;
import dev.idp.kernel.crossplane.RecordManagedResourceAppliedCommand;
import dev.idp.kernel.crossplane.RecordManagedResourceDeletedCommand;
import dev.idp.kernel.crossplane.RequestStuckEvent;
import dev.idp.kernel.crossplane.SpecChangeCompletedEvent;
import dev.idp.kernel.error.DomainException;
import dev.idp.kernel.error.ErrorCode;
import dev.idp.kernel.error.FieldError;
import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;
import dev.idp.kernel.observation.AzureAccountNotFoundEvent;
import dev.idp.kernel.observation.AzureStateObservedEvent;
import dev.idp.kernel.observation.RecordAzureObservationCommand;
import dev.idp.kernel.storageaccount.ChangeStorageAccountSpecCommand;
import dev.idp.kernel.storageaccount.DecommissionStorageAccountCommand;
import dev.idp.kernel.storageaccount.RequestAccepted;
import dev.idp.kernel.storageaccount.SpecValidator;
import dev.idp.kernel.storageaccount.StorageAccountDecommissionRequestedEvent;
import dev.idp.kernel.storageaccount.StorageAccountRequest;
import dev.idp.kernel.storageaccount.StorageAccountRequestedEvent;
import dev.idp.kernel.storageaccount.StorageAccountSpec;
import dev.idp.kernel.storageaccount.StorageAccountSpecChangeRequestedEvent;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One storage account's intent, event-sourced: what was asked for, every change, and its retirement. It guards the
 * lifecycle (no change after decommission, nothing Azure cannot do to an existing account); placement-wide rules (a
 * unique name, a request ID used once) are checked by {@link SubmissionHandler} and the {@link RequestLedger}.
 */
@Aggregate
class StorageAccount {

    enum Lifecycle {
        ACTIVE,
        DECOMMISSION_REQUESTED,
        DECOMMISSIONED
    }

    @AggregateIdentifier
    private ResourceId resourceId;

    private StorageAccountSpec spec;
    private Lifecycle lifecycle;
    private RequestId decommissionRequestId;
    private ManagedResourceBinding binding;
    private CrossplaneStatus crossplaneStatus;
    private ArmId azureBinding;
    private RequestId creationRequestId;
    /** Requests whose MR write is recorded (each once); those of them still waiting for Ready, oldest first. */
    private final Set<RequestId> applied = new HashSet<>();

    private final Set<RequestId> awaitingReady = new LinkedHashSet<>();
    private Long awaitingGeneration;
    private boolean managedResourcePresent;
    private final Set<RequestId> stuck = new HashSet<>();
    /** The last observation recorded: null before the first; {@code azurePresent} false once Azure had none. */
    private ObservedStorageAccount lastObserved;

    private Boolean azurePresent;

    protected StorageAccount() {
        // for Axon: state is rebuilt from events
    }

    /** A new account; called by {@link SubmissionHandler} once the name and the request ID are secured. */
    StorageAccount(ResourceId resourceId, RequestId requestId, StorageAccountRequest request) {
        apply(new StorageAccountRequestedEvent(
                resourceId,
                requestId,
                request.workflowType(),
                request.subscriptionId(),
                request.resourceGroup(),
                request.name(),
                request.armId(),
                request.owner(),
                request.spec()));
    }

    @CommandHandler
    RequestAccepted handle(ChangeStorageAccountSpecCommand command, RequestLedger ledger) {
        String fingerprint = RequestFingerprint.ofSpecChange(resourceId, command.spec());
        Optional<Entry> earlier =
                ledger.claim(new Entry(command.requestId(), RequestType.CHANGE_SPEC, resourceId, fingerprint));
        if (earlier.isPresent()) {
            if (!earlier.get().sameRequestAs(RequestType.CHANGE_SPEC, resourceId, fingerprint)) {
                throw requestIdConflict(command.requestId());
            }
            return new RequestAccepted(resourceId, command.requestId(), true);
        }
        if (lifecycle != Lifecycle.ACTIVE) {
            throw new DomainException(
                    ErrorCode.INVALID_LIFECYCLE_STATE, "the account's decommission was requested; it cannot change");
        }
        List<FieldError> errors = SpecValidator.validateChange(spec, command.spec(), "spec");
        if (!errors.isEmpty()) {
            throw DomainException.validation(errors);
        }
        apply(new StorageAccountSpecChangeRequestedEvent(resourceId, command.requestId(), spec, command.spec()));
        return new RequestAccepted(resourceId, command.requestId(), false);
    }

    @CommandHandler
    RequestAccepted handle(DecommissionStorageAccountCommand command) {
        if (lifecycle != Lifecycle.ACTIVE) {
            return new RequestAccepted(resourceId, decommissionRequestId, true);
        }
        apply(new StorageAccountDecommissionRequestedEvent(resourceId, command.requestId()));
        return new RequestAccepted(resourceId, command.requestId(), false);
    }

    /** The managed resource is in the cluster; recorded once per request, whatever the retries. */
    @CommandHandler
    void handle(RecordManagedResourceAppliedCommand command) {
        if (lifecycle != Lifecycle.ACTIVE) {
            return; // a late apply after a decommission: the decommission saga deletes whatever is there
        }
        if (applied.contains(command.requestId())) {
            return;
        }
        apply(new ManagedResourceAppliedEvent(
                resourceId, command.requestId(), command.binding(), command.generation()));
        completeIfReady();
    }

    /** What the cluster reports; an event only for what changed, and completion once Ready after an apply. */
    @CommandHandler
    void handle(RecordCrossplaneStatusCommand command) {
        if (lifecycle == Lifecycle.DECOMMISSIONED) {
            return;
        }
        if (!command.status().equals(crossplaneStatus)) {
            apply(new CrossplaneStatusChangedEvent(resourceId, command.status()));
        }
        if (command.armId() != null && !command.armId().isBlank()) {
            ArmId armId = ArmId.parse(command.armId());
            if (!armId.equals(azureBinding)) {
                apply(new AzureBindingRecordedEvent(
                        resourceId, armId, armId.subscriptionId(), armId.resourceGroup(), command.location()));
            }
        }
        completeIfReady();
    }

    /**
     * The MR is gone from the cluster: the end of a decommission, or, for a live account, a loss (the cluster or its
     * restore did not keep it) that recovery deals with.
     */
    @CommandHandler
    void handle(RecordManagedResourceDeletedCommand command) {
        if (lifecycle == Lifecycle.DECOMMISSION_REQUESTED) {
            apply(new ManagedResourceDeletedEvent(resourceId, decommissionRequestId, command.name()));
            apply(new DecommissionCompletedEvent(resourceId, decommissionRequestId));
        } else if (lifecycle == Lifecycle.ACTIVE && managedResourcePresent) {
            apply(new ManagedResourceLostEvent(resourceId, command.name()));
        }
    }

    /**
     * What a sweep saw in Azure; an event only when the normalized owned fields, or the account's presence, differ
     * from the last observation recorded. Kept after a decommission too: an account that outlives it is orphaned.
     */
    @CommandHandler
    void handle(RecordAzureObservationCommand command) {
        if (command.observed() == null) {
            if (!Boolean.FALSE.equals(azurePresent)) {
                apply(new AzureAccountNotFoundEvent(
                        resourceId, command.armId(), command.source(), command.observedAt(), command.sweepId()));
            }
        } else if (!Boolean.TRUE.equals(azurePresent) || !command.observed().equals(lastObserved)) {
            apply(new AzureStateObservedEvent(
                    resourceId,
                    command.armId(),
                    command.observed(),
                    command.source(),
                    command.observedAt(),
                    command.sweepId()));
        }
    }

    /** A request's saga is past its bound; said once per request. */
    @CommandHandler
    void handle(MarkRequestStuckCommand command) {
        if (stuck.contains(command.requestId())) {
            return;
        }
        apply(new RequestStuckEvent(
                resourceId, command.requestId(), command.step(), command.after(), command.detail()));
    }

    /** Ready for the latest write completes every request waiting for it (a later change carries earlier ones). */
    private void completeIfReady() {
        if (awaitingReady.isEmpty() || crossplaneStatus == null || !crossplaneStatus.isReadyFor(awaitingGeneration)) {
            return;
        }
        for (RequestId request : List.copyOf(awaitingReady)) {
            if (request.equals(creationRequestId)) {
                apply(new ProvisioningCompletedEvent(resourceId, request));
            } else {
                apply(new SpecChangeCompletedEvent(resourceId, request));
            }
        }
    }

    static DomainException requestIdConflict(RequestId requestId) {
        return new DomainException(
                ErrorCode.REQUEST_ID_CONFLICT, "request " + requestId + " was already used for a different request");
    }

    @EventSourcingHandler
    void on(StorageAccountRequestedEvent event) {
        resourceId = event.resourceId();
        spec = event.spec();
        lifecycle = Lifecycle.ACTIVE;
        creationRequestId = event.requestId();
    }

    @EventSourcingHandler
    void on(StorageAccountSpecChangeRequestedEvent event) {
        spec = event.spec();
    }

    @EventSourcingHandler
    void on(StorageAccountDecommissionRequestedEvent event) {
        lifecycle = Lifecycle.DECOMMISSION_REQUESTED;
        decommissionRequestId = event.requestId();
    }

    @EventSourcingHandler
    void on(ManagedResourceAppliedEvent event) {
        binding = event.binding();
        applied.add(event.requestId());
        awaitingReady.add(event.requestId());
        awaitingGeneration = event.generation();
        managedResourcePresent = true;
    }

    @EventSourcingHandler
    void on(CrossplaneStatusChangedEvent event) {
        crossplaneStatus = event.status();
    }

    @EventSourcingHandler
    void on(AzureBindingRecordedEvent event) {
        azureBinding = event.armId();
    }

    @EventSourcingHandler
    void on(ProvisioningCompletedEvent event) {
        awaitingReady.remove(event.requestId());
    }

    @EventSourcingHandler
    void on(SpecChangeCompletedEvent event) {
        awaitingReady.remove(event.requestId());
    }

    @EventSourcingHandler
    void on(ManagedResourceLostEvent event) {
        managedResourcePresent = false;
    }

    @EventSourcingHandler
    void on(DecommissionCompletedEvent event) {
        lifecycle = Lifecycle.DECOMMISSIONED;
        managedResourcePresent = false;
        awaitingReady.clear();
    }

    @EventSourcingHandler
    void on(AzureStateObservedEvent event) {
        lastObserved = event.observed();
        azurePresent = true;
    }

    @EventSourcingHandler
    void on(AzureAccountNotFoundEvent event) {
        azurePresent = false;
    }

    @EventSourcingHandler
    void on(RequestStuckEvent event) {
        stuck.add(event.requestId());
    }
}
