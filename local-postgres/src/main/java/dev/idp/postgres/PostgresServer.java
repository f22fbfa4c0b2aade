package dev.idp.postgres;

/**
 * A running PostgreSQL server found or started by {@link PostgresProvisioner}.
 *
 * <p>Database names must match {@code ^[a-z_][a-z0-9_]{0,62}$}, so they never need quoting.
 */
public interface PostgresServer extends AutoCloseable {

    /**
     * The JDBC URL of {@code database} on this server (whether or not it exists).
     *
     * @throws IllegalArgumentException if the name is not valid
     */
    String jdbcUrl(String database);

    /** The user to connect as (may be {@code null} for an external server configured without one). */
    String username();

    /** The password to connect with (may be {@code null} for an external server configured without one). */
    String password();

    /**
     * Creates {@code name} on this server unless it exists.
     *
     * @return the database's JDBC URL
     * @throws IllegalArgumentException if the name is not valid
     * @throws IllegalStateException if the server refuses
     */
    String createDatabase(String name);

    /** One line for people, saying what this server is and where it comes from. */
    String describe();

    /**
     * The caller takes over stopping this server at JVM exit: it will {@link #close} it from its own shutdown hook,
     * after whatever uses the server has stopped. Without this, the server's own hook would stop it at the same time
     * as the application's connections are still closing.
     */
    default void closeFromOwnersShutdownHook() {}

    /** Stops what this object started (a local cluster or a container); leaves an external server alone. */
    @Override
    void close();
}
