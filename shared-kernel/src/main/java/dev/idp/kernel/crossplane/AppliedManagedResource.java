package dev.idp.kernel.crossplane;

/** What a write to the cluster answers: the MR's binding and its spec generation after the write. */
public record AppliedManagedResource(ManagedResourceBinding binding, Long generation) {}
