package dev.idp.kernel.storageaccount;

import java.util.Map;

/**
 * A spec as a client sent it, before validation: every value as text (or a boolean), any of them possibly missing. The
 * portal and this service validate drafts with the same {@link SpecValidator}.
 */
public record SpecDraft(
        String location,
        String accountKind,
        String accountTier,
        String replicationType,
        String accessTier,
        String minimumTlsVersion,
        String publicNetworkAccess,
        Boolean allowBlobPublicAccess,
        Boolean allowSharedKeyAccess,
        Boolean allowCrossTenantReplication,
        Map<String, String> tags) {}
