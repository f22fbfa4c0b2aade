package dev.idp.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** What the sandbox's tests and benchmarks share when they start a sandbox of their own. */
final class SandboxTesting {

    /**
     * Arguments for {@link SandboxMain#start}, read by Spring as properties: no scheduled sweeps, so a test counts the
     * queries and events of the sweeps it starts itself.
     */
    static final String[] ONLY_REQUESTED_SWEEPS = {"--idp.observation.scheduled=false"};

    private SandboxTesting() {}

    /**
     * Lets PostgreSQL into a test's data directory: JUnit's and {@code Files.createTempDirectory}'s are private, and when
     * the tests run as root PostgreSQL runs as its own user (the sandbox says so and stops rather than widen a
     * directory it was given).
     */
    static void openToPostgres(Path data) throws IOException {
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
