package dev.idp.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a real PostgreSQL with no set-up by hand, trying in this order:
 *
 * <ol>
 *   <li>the explicit JDBC URL of the options (read from {@code IDP_DATABASE_URL} or {@code IDP_TEST_DATABASE_URL} by
 *       {@link PostgresOptions#fromEnvironment});
 *   <li>a {@code postgres:15} container with Testcontainers, when allowed, when no data directory is asked for (a
 *       container would not keep it) and when a Docker engine answers within 10 s;
 *   <li>a cluster run from the PostgreSQL server binaries on this machine ({@code initdb} and {@code pg_ctl} on
 *       {@code PATH} or under {@code /usr/lib/postgresql/*}{@code /bin}, the highest version), on 127.0.0.1.
 * </ol>
 */
public final class PostgresProvisioner {

    private static final Logger log = LoggerFactory.getLogger(PostgresProvisioner.class);

    static final String INSTALL_HINT = "set IDP_TEST_DATABASE_URL (tests) or IDP_DATABASE_URL (service, sandbox),"
            + " start a Docker engine, or install the PostgreSQL server binaries (Debian: apt-get install postgresql)";

    private PostgresProvisioner() {}

    /**
     * Provides a running server as {@code options} allow; close it when done.
     *
     * @throws IllegalStateException when no PostgreSQL can be had (the message says what was tried and what to
     *     install) or a local server fails to start (the message holds the tail of its log)
     */
    public static PostgresServer provision(PostgresOptions options) {
        return provision(options, PostgresBinaries.defaultSearchPath());
    }

    /** As {@link #provision(PostgresOptions)}, looking for the server binaries in {@code binarySearchPath} only. */
    static AbstractPostgresServer provision(PostgresOptions options, List<Path> binarySearchPath) {
        Objects.requireNonNull(options, "options");
        if (options.explicitJdbcUrl() != null) {
            ExternalPostgresServer server =
                    new ExternalPostgresServer(options.explicitJdbcUrl(), options.username(), options.password());
            log.info("Using {}", server.describe());
            return server;
        }
        List<String> tried = new ArrayList<>();
        tried.add("no JDBC URL was given");
        RuntimeException containerFailure = null;
        if (!options.allowTestcontainers()) {
            tried.add("Testcontainers is disabled by the options");
        } else if (options.dataDirectory() != null) {
            tried.add("Testcontainers is not used for the persistent data directory " + options.dataDirectory());
        } else {
            String dockerUnavailable = ContainerPostgresServer.dockerUnavailableReason();
            if (dockerUnavailable == null) {
                try {
                    ContainerPostgresServer server = ContainerPostgresServer.start();
                    log.info("Started {}", server.describe());
                    return server;
                } catch (RuntimeException e) {
                    log.warn(
                            "Docker answers but the {} container did not start; trying local binaries",
                            ContainerPostgresServer.IMAGE,
                            e);
                    containerFailure = e;
                    tried.add(
                            "Testcontainers could not start " + ContainerPostgresServer.IMAGE + ": " + e.getMessage());
                }
            } else {
                tried.add("Testcontainers: " + dockerUnavailable);
            }
        }
        List<PostgresBinaries> installations = PostgresBinaries.locateAll(binarySearchPath);
        if (installations.isEmpty()) {
            tried.add("no initdb and pg_ctl in " + describe(binarySearchPath));
            IllegalStateException failure = new IllegalStateException(
                    "No PostgreSQL available: " + INSTALL_HINT + ". Tried: " + String.join("; ", tried) + ".");
            if (containerFailure != null) {
                failure.addSuppressed(containerFailure);
            }
            throw failure;
        }
        try {
            return LocalPostgresCluster.start(
                    choose(installations, options.dataDirectory()), options.dataDirectory(), options.port());
        } catch (RuntimeException e) {
            if (containerFailure != null) {
                e.addSuppressed(containerFailure);
            }
            throw e;
        }
    }

    /** The highest version, unless an existing data directory needs the major version it was created with. */
    private static PostgresBinaries choose(List<PostgresBinaries> installations, Path dataDirectory) {
        if (dataDirectory != null && Files.isRegularFile(dataDirectory.resolve("PG_VERSION"))) {
            try {
                String dataVersion =
                        Files.readString(dataDirectory.resolve("PG_VERSION")).strip();
                for (PostgresBinaries installation : installations) {
                    if (installation.matchesMajorVersion(dataVersion)) {
                        return installation;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + dataDirectory.resolve("PG_VERSION"), e);
            }
        }
        return installations.get(0);
    }

    private static String describe(List<Path> searchPath) {
        return searchPath.isEmpty()
                ? "no directory (the search path is empty)"
                : searchPath.stream().map(Path::toString).collect(Collectors.joining(":"));
    }
}
