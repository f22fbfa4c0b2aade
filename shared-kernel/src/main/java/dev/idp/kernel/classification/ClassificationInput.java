package dev.idp.kernel.classification;

import dev.idp.kernel.storageaccount.StorageAccountSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Everything classification depends on, and nothing else: the desired state, what the platform last knew of the
 * managed resource, what Azure last showed, the control plane's availability, and the clock and bounds for the flags.
 *
 * @param desired whether the platform wants the account, and how
 * @param crossplane the managed resource as last known, and whether a platform operation is in flight
 * @param azure the account in Azure as last observed
 * @param controlPlane the platform-wide fact
 * @param inManagedScope for an account nobody requested: tagged as the platform's, or in the observed scope
 * @param pendingSince when the account last entered a pending situation (request, operation), or null
 * @param now the clock, passed in so that classification stays a pure function
 * @param bounds when pending becomes stuck and an observation stale
 */
public record ClassificationInput(
        Desired desired,
        Crossplane crossplane,
        Azure azure,
        ControlPlane controlPlane,
        boolean inManagedScope,
        Instant pendingSince,
        Instant now,
        Bounds bounds) {

    public ClassificationInput {
        Objects.requireNonNull(desired, "desired");
        Objects.requireNonNull(crossplane, "crossplane");
        Objects.requireNonNull(azure, "azure");
        Objects.requireNonNull(controlPlane, "controlPlane");
        Objects.requireNonNull(now, "now");
        bounds = bounds == null ? Bounds.DEFAULT : bounds;
    }

    public enum ControlPlane {
        AVAILABLE,
        UNAVAILABLE
    }

    /** None, active (with a spec), or decommissioned (deletion requested, or finished). */
    public record Desired(Lifecycle lifecycle, StorageAccountSpec spec, Map<String, String> ownershipTags) {

        public enum Lifecycle {
            NONE,
            ACTIVE,
            DECOMMISSIONING,
            DECOMMISSIONED
        }

        public Desired {
            Objects.requireNonNull(lifecycle, "lifecycle");
            ownershipTags = ownershipTags == null ? Map.of() : Map.copyOf(ownershipTags);
            if (lifecycle == Lifecycle.ACTIVE && spec == null) {
                throw new IllegalArgumentException("an active desired state has a spec");
            }
        }

        public static Desired none() {
            return new Desired(Lifecycle.NONE, null, Map.of());
        }

        public static Desired active(StorageAccountSpec spec, Map<String, String> ownershipTags) {
            return new Desired(Lifecycle.ACTIVE, spec, ownershipTags);
        }

        boolean isActive() {
            return lifecycle == Lifecycle.ACTIVE;
        }
    }

    /** The managed resource: absent, progressing, ready, failing or deleting; unknown before it was ever seen. */
    public record Crossplane(Mr mr, boolean operationInFlight, String message) {

        public enum Mr {
            UNKNOWN,
            ABSENT,
            PROGRESSING,
            READY,
            FAILING,
            DELETING
        }

        public Crossplane {
            Objects.requireNonNull(mr, "mr");
        }

        public static Crossplane of(Mr mr) {
            return new Crossplane(mr, false, null);
        }
    }

    /** Azure: not yet observed, confirmed absent, or present with its owned fields. */
    public record Azure(Presence presence, ObservedStorageAccount observed, Instant observedAt) {

        public enum Presence {
            NOT_OBSERVED,
            ABSENT,
            PRESENT
        }

        public Azure {
            Objects.requireNonNull(presence, "presence");
            if (presence == Presence.PRESENT && observed == null) {
                throw new IllegalArgumentException("a present account has observed fields");
            }
        }

        public static Azure notObserved() {
            return new Azure(Presence.NOT_OBSERVED, null, null);
        }

        public static Azure absent(Instant at) {
            return new Azure(Presence.ABSENT, null, at);
        }

        public static Azure present(ObservedStorageAccount observed, Instant at) {
            return new Azure(Presence.PRESENT, observed, at);
        }
    }

    /**
     * @param stuckAfter how long pending may last before it is flagged stuck (30 minutes by default)
     * @param staleAfter how old an observation may be before it is flagged stale (a few sweep intervals)
     */
    public record Bounds(Duration stuckAfter, Duration staleAfter) {
        public static final Bounds DEFAULT = new Bounds(Duration.ofMinutes(30), Duration.ofMinutes(30));
    }
}
