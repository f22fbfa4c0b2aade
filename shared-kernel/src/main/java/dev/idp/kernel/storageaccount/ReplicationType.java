package dev.idp.kernel.storageaccount;

/** Redundancy: the suffix of {@code sku.name} ({@code Standard_RAGRS} is {@code RAGRS}). */
public enum ReplicationType {
    LRS,
    GRS,
    RAGRS,
    ZRS,
    GZRS,
    RAGZRS
}
