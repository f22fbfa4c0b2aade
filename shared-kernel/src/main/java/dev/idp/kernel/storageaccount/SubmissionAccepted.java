package dev.idp.kernel.storageaccount;

import dev.idp.kernel.azure.ArmId;
import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;

/**
 * The answer to a submission, the same for the first attempt and every retry with the same request ID.
 *
 * @param duplicate whether an earlier attempt already recorded this request (nothing was appended this time)
 */
public record SubmissionAccepted(ResourceId resourceId, RequestId requestId, ArmId armId, boolean duplicate) {}
