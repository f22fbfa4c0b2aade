package dev.idp.emulator.azure;

/** Counts since start, exactly the contract's {@code GET /_emulator/stats}. */
public record Stats(long resourceGraphQueries, long armReads, long armWrites, long throttled) {}
