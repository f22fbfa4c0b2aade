package dev.idp.query;

import dev.idp.postgres.TestPostgres;
import dev.idp.support.testing.TestTokens;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What a query-side Spring test runs against: a database of its own on the test PostgreSQL, with the event store's
 * schema (alone, the query side finds no command side to create it), and the test issuer's keys for bearer tokens.
 */
public final class QuerySideTestDatabase {

    private QuerySideTestDatabase() {}

    /** Call from a {@code @DynamicPropertySource} method. */
    public static void register(DynamicPropertyRegistry registry) throws Exception {
        TestPostgres.TestDatabase database = TestPostgres.newDatabase();
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
        registry.add("spring.flyway.enabled", () -> "true");
        registry.add("spring.flyway.locations", () -> "classpath:db/migration/eventstore");
        registry.add("idp.security.jwt.public-key-location", TestTokens::publicKeyLocation);
        registry.add("idp.security.jwt.issuer", () -> TestTokens.ISSUER);
        registry.add("idp.security.jwt.audience", () -> TestTokens.AUDIENCE);
        registry.add("server.address", () -> "127.0.0.1");
    }
}
