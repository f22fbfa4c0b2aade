package dev.idp.kernel.classification;

/** The six states of the contract, spelled as the API spells them. */
public enum AccountState {
    IN_SYNC,
    PENDING,
    DRIFTED,
    CLOUD_ONLY,
    DESIRED_ONLY,
    CONTROL_PLANE_UNAVAILABLE
}
