package dev.idp.kernel.storageaccount;

/** {@code kind} of a storage account. Constants are spelled exactly as Azure and the contract spell them. */
public enum AccountKind {
    StorageV2,
    BlobStorage,
    BlockBlobStorage,
    FileStorage,
    Storage;

    /** Whether accounts of this kind carry an access tier at all. */
    boolean hasAccessTier() {
        return this == StorageV2 || this == BlobStorage || this == BlockBlobStorage;
    }
}
