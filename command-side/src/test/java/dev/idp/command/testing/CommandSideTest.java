package dev.idp.command.testing;

import dev.idp.postgres.TestPostgres;
import dev.idp.support.testing.TestTokens;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The whole command side on a random port, on a fresh database of a real PostgreSQL ({@link TestPostgres}), with the
 * real security chain checking {@link TestTokens}' tokens. Test classes add {@code @DynamicPropertySource} calling
 * {@link #properties}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        classes = dev.idp.command.CommandSideApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public @interface CommandSideTest {

    /** Registers a fresh database, the test key and a fresh archive directory. */
    final class Properties {

        private Properties() {}

        public static void register(DynamicPropertyRegistry registry) throws Exception {
            TestPostgres.TestDatabase database = TestPostgres.newDatabase();
            Path archive = Files.createTempDirectory("idp-desired-state");
            registry.add("spring.datasource.url", database::jdbcUrl);
            registry.add("spring.datasource.username", database::username);
            registry.add("spring.datasource.password", database::password);
            registry.add("idp.security.jwt.public-key-location", TestTokens::publicKeyLocation);
            registry.add("idp.security.jwt.issuer", () -> TestTokens.ISSUER);
            registry.add("idp.security.jwt.audience", () -> TestTokens.AUDIENCE);
            registry.add("idp.desired-state.filesystem-path", archive::toString);
            registry.add("server.address", () -> "127.0.0.1");
        }
    }
}
