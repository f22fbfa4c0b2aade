package dev.idp.postgres;

/**
 * A server somebody else runs, reached through the URL they gave. The URL's own database is the maintenance
 * database; new databases are created beside it.
 */
final class ExternalPostgresServer extends AbstractPostgresServer {

    private final String url;
    private final String username;
    private final String password;

    ExternalPostgresServer(String url, String username, String password) {
        this.url = url;
        this.username =
                username != null ? username : JdbcUrls.parameter(url, "user").orElse(null);
        this.password = password;
    }

    @Override
    String maintenanceJdbcUrl() {
        return url;
    }

    @Override
    public String jdbcUrl(String database) {
        return JdbcUrls.withDatabase(url, validateDatabaseName(database));
    }

    @Override
    public String username() {
        return username;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public String describe() {
        return "external " + JdbcUrls.masked(url) + (username == null ? "" : " as " + username);
    }

    /** Leaves the server running: this object did not start it. */
    @Override
    public void close() {}
}
