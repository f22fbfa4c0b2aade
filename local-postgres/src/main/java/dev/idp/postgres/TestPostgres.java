package dev.idp.postgres;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL for the tests of other modules: one server per JVM, a fresh database per call.
 *
 * <p>The server comes from {@code IDP_TEST_DATABASE_URL} (with {@code IDP_TEST_DATABASE_USERNAME} and {@code
 * IDP_TEST_DATABASE_PASSWORD}) when set, else from {@link PostgresProvisioner} as a throwaway server, which is stopped
 * when the JVM exits. This class lives in main code so that other modules can use it from their tests.
 */
public final class TestPostgres {

    private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);

    static final String ENVIRONMENT_PREFIX = "IDP_TEST_DATABASE";
    static final String DATABASE_PREFIX = "idp_test_";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NAME_ATTEMPTS = 10;

    private static AbstractPostgresServer server;
    private static RuntimeException provisioningFailure;

    private TestPostgres() {}

    /**
     * A database of its own for a test.
     *
     * @param jdbcUrl its JDBC URL
     * @param username the user to connect as (may be {@code null} for an external server configured without one)
     * @param password the password (may be {@code null} likewise)
     */
    public record TestDatabase(String jdbcUrl, String username, String password) {

        /** Leaves the password out. */
        @Override
        public String toString() {
            return "TestDatabase[jdbcUrl=" + JdbcUrls.masked(jdbcUrl) + ", username=" + username + "]";
        }
    }

    /**
     * Creates a new, empty database named {@code idp_test_<8 random hex digits>} on this JVM's test server, which is
     * provisioned on the first call.
     *
     * @throws IllegalStateException if no server can be had (every later call throws the same way at once)
     */
    public static TestDatabase newDatabase() {
        AbstractPostgresServer postgres = server();
        for (int attempt = 0; attempt < NAME_ATTEMPTS; attempt++) {
            byte[] random = new byte[4];
            RANDOM.nextBytes(random);
            String name = DATABASE_PREFIX + HexFormat.of().formatHex(random);
            if (postgres.createIfMissing(name)) {
                return new TestDatabase(postgres.jdbcUrl(name), postgres.username(), postgres.password());
            }
        }
        throw new IllegalStateException(
                "Could not find an unused database name after " + NAME_ATTEMPTS + " tries on " + postgres.describe());
    }

    private static synchronized AbstractPostgresServer server() {
        if (server == null) {
            if (provisioningFailure != null) {
                throw new IllegalStateException(
                        "No test PostgreSQL (provisioning failed earlier): " + provisioningFailure.getMessage(),
                        provisioningFailure);
            }
            try {
                server = PostgresProvisioner.provision(
                        PostgresOptions.fromEnvironment(ENVIRONMENT_PREFIX, null),
                        PostgresBinaries.defaultSearchPath());
                log.info("Test databases are on {}", server.describe());
            } catch (RuntimeException e) {
                provisioningFailure = e;
                throw e;
            }
        }
        return server;
    }
}
