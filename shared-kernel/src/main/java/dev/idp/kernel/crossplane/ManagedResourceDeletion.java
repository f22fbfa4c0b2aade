package dev.idp.kernel.crossplane;

/** What a delete of a managed resource answers: its name (null if none was found) and whether it is gone yet. */
public record ManagedResourceDeletion(String name, boolean gone) {}
