package dev.idp.kernel.storageaccount;

/**
 * {@code properties.publicNetworkAccess}. A request may ask for {@code Enabled} or {@code Disabled}; Azure may also report
 * {@code SecuredByPerimeter}, which is neither.
 */
public enum PublicNetworkAccess {
    Enabled,
    Disabled,
    SecuredByPerimeter
}
