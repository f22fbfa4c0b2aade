package dev.idp.kernel.storageaccount;

import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;

/**
 * The answer to a change or a decommission.
 *
 * @param requestId the request that holds: the earlier one when this request repeats it
 * @param duplicate whether nothing was appended because the request had already been recorded
 */
public record RequestAccepted(ResourceId resourceId, RequestId requestId, boolean duplicate) {}
