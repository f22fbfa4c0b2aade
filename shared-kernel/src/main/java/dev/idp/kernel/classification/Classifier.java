package dev.idp.kernel.classification;

import dev.idp.kernel.classification.ClassificationInput.Azure.Presence;
import dev.idp.kernel.classification.ClassificationInput.ControlPlane;
import dev.idp.kernel.classification.ClassificationInput.Crossplane.Mr;
import dev.idp.kernel.classification.ClassificationInput.Desired.Lifecycle;
import java.time.Duration;
import java.util.List;

/**
 * The classification table of classification.md as a pure function: the first rule that matches wins. Same inputs,
 * same answer, so a rebuilt read model agrees with the live one.
 */
public final class Classifier {

    private Classifier() {}

    public static Classification classify(ClassificationInput in) {
        var desired = in.desired();
        var mr = in.crossplane().mr();
        var azure = in.azure();
        boolean present = azure.presence() == Presence.PRESENT;
        boolean stale = azure.observedAt() != null
                && Duration.between(azure.observedAt(), in.now())
                                .compareTo(in.bounds().staleAfter())
                        > 0;
        List<Drift> drift = desired.isActive() && present
                ? DriftDetector.drift(desired.spec(), desired.ownershipTags(), azure.observed())
                : List.of();

        // Rule 1: no active desired state, and Azure has it.
        if (!desired.isActive()) {
            return withoutDesiredState(in, present, stale);
        }
        // Rule 2: the control plane is unavailable; drift against Azure is still computed and shown.
        if (in.controlPlane() == ControlPlane.UNAVAILABLE) {
            return listed(
                    AccountState.CONTROL_PLANE_UNAVAILABLE,
                    null,
                    drift,
                    stale,
                    false,
                    "the control plane is unavailable");
        }
        // Rule 3: something is under way, or Azure has not been looked at yet.
        if (in.crossplane().operationInFlight()
                || mr == Mr.PROGRESSING
                || mr == Mr.DELETING
                || azure.presence() == Presence.NOT_OBSERVED) {
            boolean stuck = in.pendingSince() != null
                    && Duration.between(in.pendingSince(), in.now())
                                    .compareTo(in.bounds().stuckAfter())
                            > 0;
            return listed(AccountState.PENDING, null, drift, stale, stuck, pendingExplanation(in, stuck));
        }
        // Rule 4: wanted, and confirmed absent from Azure.
        if (azure.presence() == Presence.ABSENT) {
            return listed(
                    AccountState.DESIRED_ONLY, null, List.of(), stale, false, failing(in, "Azure has no such account"));
        }
        // Rule 5: in Azure, but the reachable cluster has no managed resource for it.
        if (mr == Mr.ABSENT) {
            return listed(
                    AccountState.CLOUD_ONLY,
                    CloudOnlyReason.UNMANAGED,
                    drift,
                    stale,
                    false,
                    "no Crossplane binding: recovery adopts it");
        }
        // Rules 6 and 7.
        if (!drift.isEmpty()) {
            return listed(
                    AccountState.DRIFTED,
                    null,
                    drift,
                    stale,
                    false,
                    failing(in, drift.size() + " owned field(s) differ"));
        }
        return listed(AccountState.IN_SYNC, null, drift, stale, false, failing(in, "every owned field matches"));
    }

    private static Classification withoutDesiredState(ClassificationInput in, boolean present, boolean stale) {
        Lifecycle lifecycle = in.desired().lifecycle();
        Mr mr = in.crossplane().mr();
        boolean deletionUnderWay = lifecycle == Lifecycle.DECOMMISSIONING
                || in.crossplane().operationInFlight()
                || mr == Mr.DELETING
                || (lifecycle != Lifecycle.NONE && (mr == Mr.PROGRESSING || mr == Mr.READY || mr == Mr.FAILING));
        if (lifecycle != Lifecycle.NONE && deletionUnderWay && in.azure().presence() != Presence.ABSENT) {
            return listed(AccountState.PENDING, null, List.of(), stale, false, "decommission under way");
        }
        if (!present) {
            return Classification.unlisted(
                    lifecycle == Lifecycle.NONE
                            ? "not the platform's and not in Azure"
                            : "decommissioned and gone from Azure; its history stays");
        }
        if (lifecycle == Lifecycle.NONE) {
            if (!in.inManagedScope()) {
                return Classification.unlisted("in Azure, but neither tagged as the platform's nor in a managed scope");
            }
            return listed(
                    AccountState.CLOUD_ONLY,
                    CloudOnlyReason.UNREQUESTED,
                    List.of(),
                    stale,
                    false,
                    "in Azure, never requested");
        }
        return listed(
                AccountState.CLOUD_ONLY,
                CloudOnlyReason.ORPHANED,
                List.of(),
                stale,
                false,
                "still in Azure after its deletion finished");
    }

    private static String pendingExplanation(ClassificationInput in, boolean stuck) {
        String why = in.crossplane().operationInFlight()
                ? "an operation is in flight"
                : in.azure().presence() == Presence.NOT_OBSERVED
                        ? "Azure not yet observed"
                        : "Crossplane is working on it";
        return stuck ? why + "; stuck past " + in.bounds().stuckAfter().toMinutes() + " minutes" : why;
    }

    /** A failing MR is not a state: the state follows Azure, and the explanation carries Crossplane's message. */
    private static String failing(ClassificationInput in, String explanation) {
        if (in.crossplane().mr() == Mr.FAILING) {
            String message = in.crossplane().message();
            return explanation + "; Crossplane reports Synced=False" + (message == null ? "" : ": " + message);
        }
        return explanation;
    }

    private static Classification listed(
            AccountState state, CloudOnlyReason reason, List<Drift> drift, boolean stale, boolean stuck, String why) {
        return new Classification(state, reason, drift, stale, stuck, true, why);
    }
}
