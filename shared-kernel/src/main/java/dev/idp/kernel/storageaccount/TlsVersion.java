package dev.idp.kernel.storageaccount;

/** {@code properties.minimumTlsVersion}. */
public enum TlsVersion {
    TLS1_0,
    TLS1_1,
    TLS1_2,
    TLS1_3
}
