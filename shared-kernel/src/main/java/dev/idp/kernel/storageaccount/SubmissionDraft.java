package dev.idp.kernel.storageaccount;

/** A submission as a client sent it, before validation. {@code spec} is null when the body had none. */
public record SubmissionDraft(
        String workflowType,
        String subscriptionId,
        String resourceGroup,
        String name,
        String team,
        String requestedBy,
        SpecDraft spec) {}
