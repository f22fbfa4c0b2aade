package dev.idp.query.accounts;

import dev.idp.kernel.classification.ClassificationInput;
import dev.idp.kernel.classification.ClassificationInput.Azure;
import dev.idp.kernel.classification.ClassificationInput.Crossplane;
import dev.idp.kernel.classification.ClassificationInput.Crossplane.Mr;
import dev.idp.kernel.classification.ClassificationInput.Desired;
import dev.idp.kernel.classification.ClassificationInput.Desired.Lifecycle;
import dev.idp.kernel.classification.ObservedStorageAccount;
import dev.idp.kernel.crossplane.CrossplaneStatus;
import dev.idp.kernel.crossplane.ManagedResourceBinding;
import dev.idp.kernel.storageaccount.StorageAccountSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One account as the read model knows it: what the events said, kept as they said it, so that classification can be
 * run again at any time (when the control plane's availability changes, or to flag stale and stuck at read time).
 * Stored as JSON in the copy's {@code document} column; the columns beside it are extracts for filtering and paging.
 */
final class AccountDocument {

    public String resourceId;
    public String name;
    public String armId;
    public String subscriptionId;
    public String resourceGroup;
    public String team;
    public String requestedBy;
    public Lifecycle lifecycle = Lifecycle.NONE;
    public boolean inManagedScope;
    public StorageAccountSpec desired;
    public Map<String, String> ownershipTags = new LinkedHashMap<>();

    /** Requests accepted and not finished, with when they were accepted. */
    public Map<String, Instant> inFlight = new LinkedHashMap<>();

    public List<RequestRecord> requests = new ArrayList<>();

    public ManagedResourceBinding binding;
    public CrossplaneStatus crossplaneStatus;
    public Mr mr = Mr.UNKNOWN;

    public Azure.Presence azurePresence = Azure.Presence.NOT_OBSERVED;
    public ObservedStorageAccount observed;
    public Instant observedAt;
    public String observationSource;

    /** The binding Crossplane reported ({@code status.atProvider}): ARM ID, subscription, group, location. */
    public Map<String, Object> azureBinding;

    public Instant updatedAt;
    public long position;

    /** A request of the account's, as the API lists it. */
    public static final class RequestRecord {
        public String requestId;
        public String workflowType;
        public String type;
        public Instant acceptedAt;
        public Instant completedAt;
        public String status = "ACCEPTED";
        public String detail;

        RequestRecord() {}

        RequestRecord(String requestId, String workflowType, String type, Instant acceptedAt) {
            this.requestId = requestId;
            this.workflowType = workflowType;
            this.type = type;
            this.acceptedAt = acceptedAt;
        }
    }

    RequestRecord request(String requestId) {
        return requests.stream()
                .filter(r -> r.requestId.equals(requestId))
                .findFirst()
                .orElse(null);
    }

    /** When the account last entered a pending situation: its oldest request still in flight. */
    Instant pendingSince() {
        return inFlight.values().stream().min(Instant::compareTo).orElse(null);
    }

    ClassificationInput input(boolean controlPlaneAvailable, Instant lastObservedAt, Instant now) {
        Desired desiredState =
                switch (lifecycle) {
                    case ACTIVE -> Desired.active(desired, ownershipTags);
                    case NONE -> Desired.none();
                    default -> new Desired(lifecycle, desired, ownershipTags);
                };
        Azure azure =
                switch (azurePresence) {
                    case PRESENT -> Azure.present(observed, lastObservedAt == null ? observedAt : lastObservedAt);
                    case ABSENT -> Azure.absent(lastObservedAt == null ? observedAt : lastObservedAt);
                    case NOT_OBSERVED -> Azure.notObserved();
                };
        return new ClassificationInput(
                desiredState,
                new Crossplane(
                        mr, !inFlight.isEmpty(), crossplaneStatus == null ? null : crossplaneStatus.syncedMessage()),
                azure,
                controlPlaneAvailable
                        ? ClassificationInput.ControlPlane.AVAILABLE
                        : ClassificationInput.ControlPlane.UNAVAILABLE,
                inManagedScope,
                pendingSince(),
                now,
                null);
    }
}
