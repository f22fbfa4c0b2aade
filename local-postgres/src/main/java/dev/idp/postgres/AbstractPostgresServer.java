package dev.idp.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates databases the same way on every kind of server: through a connection to its maintenance database. */
abstract class AbstractPostgresServer implements PostgresServer {

    private static final Logger log = LoggerFactory.getLogger(AbstractPostgresServer.class);

    private static final Pattern DATABASE_NAME = Pattern.compile("^[a-z_][a-z0-9_]{0,62}$");

    /** SQLSTATE duplicate_database: another client created the same database first. */
    private static final String DUPLICATE_DATABASE = "42P04";

    /** The URL of the database to connect to when creating others. */
    abstract String maintenanceJdbcUrl();

    @Override
    public final String createDatabase(String name) {
        createIfMissing(name);
        return jdbcUrl(name);
    }

    /**
     * Creates {@code name} unless it exists.
     *
     * @return {@code true} if this call created it, {@code false} if it was there already
     */
    final boolean createIfMissing(String name) {
        validateDatabaseName(name);
        String url = maintenanceJdbcUrl();
        try (Connection connection = DriverManager.getConnection(url, connectionProperties())) {
            try (PreparedStatement exists =
                    connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                exists.setString(1, name);
                try (ResultSet row = exists.executeQuery()) {
                    if (row.next()) {
                        return false;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("create database \"" + name + "\"");
                return true;
            } catch (SQLException e) {
                if (DUPLICATE_DATABASE.equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not create database " + name + " on " + JdbcUrls.masked(url) + ": " + e.getMessage(), e);
        }
    }

    /** User, password (when known) and a connect timeout, which the URL's own parameters override. */
    final Properties connectionProperties() {
        Properties properties = new Properties();
        if (username() != null) {
            properties.setProperty("user", username());
        }
        if (password() != null) {
            properties.setProperty("password", password());
        }
        properties.setProperty("connectTimeout", "10");
        return properties;
    }

    /** @throws IllegalArgumentException unless {@code name} matches {@code ^[a-z_][a-z0-9_]{0,62}$} */
    static String validateDatabaseName(String name) {
        if (name == null || !DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "Invalid database name '" + name + "': it must match " + DATABASE_NAME.pattern());
        }
        return name;
    }

    /** Removes {@code hook} unless the JVM is already running its shutdown hooks (it may be this very one). */
    static void removeShutdownHook(Thread hook) {
        if (Thread.currentThread() == hook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            log.debug("The JVM is shutting down, so its hooks stay registered: {}", e.getMessage());
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
