package dev.idp.command.desiredstate;

import dev.idp.kernel.azure.ArmId;
import dev.idp.kernel.storageaccount.Owner;
import dev.idp.kernel.storageaccount.StorageAccountSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One resource's desired state as kept outside Kubernetes: who asked for what, where it goes, the spec it should have,
 * the bindings to Crossplane and Azure once known, and its lifecycle and remediation history. It is a projection of the
 * event store, so it can always be rebuilt from it; it exists so that a lost cluster (and a lost database) still leaves
 * a readable record per resource.
 *
 * <p>Mutable on purpose: the archive reads it, applies one event, and writes it back whole.
 */
final class DesiredStateDocument {

    static final int SCHEMA_VERSION = 1;

    public int schemaVersion = SCHEMA_VERSION;
    public String resourceId;
    /** The sequence number of the resource's last event applied: replays of older events change nothing. */
    public long lastSequence = -1;

    public Instant updatedAt;
    public String workflowType;
    public Placement placement;
    public Ownership ownership;
    public StorageAccountSpec desiredSpec;
    public String lifecycle;
    public Map<String, Object> crossplane;
    public Map<String, Object> azure;
    public List<RequestRecord> requests = new ArrayList<>();
    public List<HistoryEntry> history = new ArrayList<>();
    public List<Map<String, Object>> remediations = new ArrayList<>();

    /** Where the account lives in Azure. */
    record Placement(String subscriptionId, String resourceGroup, String name, ArmId armId) {}

    /** Who owns it, and the tags that say so in Azure. */
    record Ownership(Owner owner, Map<String, String> tags) {}

    /** One accepted request. */
    record RequestRecord(String requestId, String type, Instant acceptedAt, String actor) {}

    /** One lifecycle event, in order. */
    record HistoryEntry(long sequence, String event, Instant at, String requestId, String actor) {}

    static DesiredStateDocument empty(String resourceId) {
        DesiredStateDocument document = new DesiredStateDocument();
        document.resourceId = resourceId;
        return document;
    }
}
