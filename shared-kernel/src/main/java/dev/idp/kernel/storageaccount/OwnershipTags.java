package dev.idp.kernel.storageaccount;

import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;
import java.util.Locale;
import java.util.Map;

/**
 * The tags (and, on the managed resource, the labels) by which the platform marks what it owns, so that Resource Graph can
 * find its accounts even when the cluster is gone. Their names share a reserved prefix that requests may not use.
 */
public final class OwnershipTags {

    public static final String RESERVED_PREFIX = "idp-";
    public static final String MANAGED_BY = "idp-managed-by";
    public static final String MANAGED_BY_VALUE = "idp-storage-accounts";
    public static final String RESOURCE_ID = "idp-resource-id";
    public static final String REQUEST_ID = "idp-request-id";
    public static final String TEAM = "idp-team";

    /** How many tags the platform adds to every account. */
    public static final int COUNT = 4;

    private OwnershipTags() {}

    public static Map<String, String> of(ResourceId resourceId, RequestId requestId, String team) {
        return Map.of(
                MANAGED_BY,
                MANAGED_BY_VALUE,
                RESOURCE_ID,
                resourceId.toString(),
                REQUEST_ID,
                requestId.toString(),
                TEAM,
                team);
    }

    /** Whether a tag name is the platform's (tag names are case-insensitive in Azure). */
    public static boolean isReserved(String tagName) {
        return tagName.toLowerCase(Locale.ROOT).startsWith(RESERVED_PREFIX);
    }
}
