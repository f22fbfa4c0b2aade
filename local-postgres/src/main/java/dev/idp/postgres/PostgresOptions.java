package dev.idp.postgres;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link PostgresProvisioner#provision(PostgresOptions)} may use.
 *
 * @param explicitJdbcUrl a {@code jdbc:postgresql:} URL of a server to use as it is, or {@code null} to start one
 * @param username the user for {@code explicitJdbcUrl}, or {@code null} (then the URL's {@code user} parameter, if
 *     any, applies); ignored when a server is started here
 * @param password the password for {@code explicitJdbcUrl}, or {@code null}; ignored when a server is started here
 * @param dataDirectory where a local cluster keeps its data across restarts, or {@code null} for a throwaway cluster
 *     in a temporary directory that is deleted on close. Testcontainers is not used when this is set, since a
 *     container would not keep the data.
 * @param port the port a local cluster listens on, or {@code 0} for a free one
 * @param allowTestcontainers whether a {@code postgres:15} container may be started when a Docker engine answers
 */
public record PostgresOptions(
        String explicitJdbcUrl,
        String username,
        String password,
        Path dataDirectory,
        int port,
        boolean allowTestcontainers) {

    /** Every JDBC URL this module accepts starts with this. */
    static final String JDBC_PREFIX = "jdbc:postgresql:";

    /**
     * @throws IllegalArgumentException if {@code explicitJdbcUrl} is not a PostgreSQL JDBC URL or {@code port} is out
     *     of range
     */
    public PostgresOptions {
        if (explicitJdbcUrl != null && !explicitJdbcUrl.startsWith(JDBC_PREFIX)) {
            throw new IllegalArgumentException(
                    "Not a PostgreSQL JDBC URL (it must start with " + JDBC_PREFIX + "): " + explicitJdbcUrl);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Port out of range: " + port);
        }
    }

    /** A throwaway database server: Testcontainers if Docker answers, otherwise a local cluster in a temp dir. */
    public static PostgresOptions throwaway() {
        return new PostgresOptions(null, null, null, null, 0, true);
    }

    /** A local cluster keeping its data in {@code dataDirectory} (created and initialised when needed). */
    public static PostgresOptions persistent(Path dataDirectory) {
        return new PostgresOptions(null, null, null, Objects.requireNonNull(dataDirectory, "dataDirectory"), 0, true);
    }

    /**
     * Reads {@code <prefix>_URL}, {@code <prefix>_USERNAME} and {@code <prefix>_PASSWORD} from the environment; blank
     * or missing variables count as not set.
     *
     * @param prefix {@code IDP_DATABASE} for the service and the sandbox, {@code IDP_TEST_DATABASE} for tests
     * @param dataDirectoryOrNull where a local cluster keeps its data when no URL is set; {@code null} for a throwaway
     *     one
     */
    public static PostgresOptions fromEnvironment(String prefix, Path dataDirectoryOrNull) {
        return fromEnvironment(prefix, dataDirectoryOrNull, System.getenv());
    }

    static PostgresOptions fromEnvironment(String prefix, Path dataDirectoryOrNull, Map<String, String> environment) {
        if (prefix == null || prefix.isBlank()) {
            throw new IllegalArgumentException("An environment variable prefix is required, such as IDP_DATABASE");
        }
        return new PostgresOptions(
                variable(environment, prefix + "_URL"),
                variable(environment, prefix + "_USERNAME"),
                variable(environment, prefix + "_PASSWORD"),
                dataDirectoryOrNull,
                0,
                true);
    }

    private static String variable(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Leaves the password out. */
    @Override
    public String toString() {
        return "PostgresOptions[explicitJdbcUrl=" + (explicitJdbcUrl == null ? null : JdbcUrls.masked(explicitJdbcUrl))
                + ", username=" + username + ", password=" + (password == null ? null : "***") + ", dataDirectory="
                + dataDirectory + ", port=" + port + ", allowTestcontainers=" + allowTestcontainers + "]";
    }
}
