package dev.idp.emulator.azure;

import java.time.Instant;

/** One ARM write, as {@code GET /_emulator/operations} lists it. */
public record Operation(String method, String armId, Instant at, String principal) {}
