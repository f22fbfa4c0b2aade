package dev.idp.kernel.classification;

/** One owned field whose observed value differs from the desired one; tag fields are {@code tags.<name>}. */
public record Drift(String field, String desired, String observed) {}
