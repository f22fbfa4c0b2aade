package dev.idp.kernel.classification;

/** Why an account is {@link AccountState#CLOUD_ONLY}. */
public enum CloudOnlyReason {
    /** Nobody asked for it: found in Azure, tagged as the platform's or in a managed scope. */
    UNREQUESTED,
    /** Its decommission finished, yet Azure still has it. */
    ORPHANED,
    /** Requested and present in Azure, but the cluster (reachable) has no managed resource for it. */
    UNMANAGED
}
