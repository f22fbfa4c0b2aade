package dev.idp.postgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Plain JDBC for the tests. */
final class Sql {

    private Sql() {}

    /** The first column of the first row of {@code query}. */
    static String queryOne(String url, String user, String password, String query) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(query)) {
            return row.next() ? row.getString(1) : null;
        }
    }

    static void execute(String url, String user, String password, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    static String queryOne(PostgresServer server, String database, String query) throws SQLException {
        return queryOne(server.jdbcUrl(database), server.username(), server.password(), query);
    }

    static void execute(PostgresServer server, String database, String... statements) throws SQLException {
        execute(server.jdbcUrl(database), server.username(), server.password(), statements);
    }

    /** JUnit's temporary directories are private to root; the server's unprivileged user must get through them. */
    static Path traversable(Path directory) throws Exception {
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        return directory;
    }

    /** This machine's PostgreSQL server binaries, or a failure saying they are needed. */
    static PostgresBinaries localBinaries() {
        return PostgresBinaries.locate(PostgresBinaries.defaultSearchPath())
                .orElseThrow(() -> new IllegalStateException(
                        "These tests need the PostgreSQL server binaries (Debian: apt-get install postgresql)"));
    }
}
