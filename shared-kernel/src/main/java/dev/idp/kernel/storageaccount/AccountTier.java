package dev.idp.kernel.storageaccount;

/** The performance tier: {@code sku.tier} in ARM, the prefix of {@code sku.name}. */
public enum AccountTier {
    Standard,
    Premium
}
