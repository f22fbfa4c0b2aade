package dev.idp.kernel.storageaccount;

/** {@code properties.accessTier}: the blob access tier, or {@code Premium} for premium block blob accounts. */
public enum AccessTier {
    Hot,
    Cool,
    Cold,
    Premium
}
