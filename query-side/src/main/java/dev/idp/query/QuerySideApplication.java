package dev.idp.query;

import dev.idp.support.axon.AxonDefaults;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The query side on its own: reads the event store the command side writes, answers history and the audit export,
 * and (with the read-model issue) builds and serves the projections. Needs {@code IDP_DATABASE_URL}; to run everything
 * on a laptop use the sandbox instead.
 *
 * <p>Its settings live in {@code query-side.yml}, not {@code application.yml}: the sandbox runs both sides in one
 * process, where the command side's {@code application.yml} is already on the classpath.
 */
@SpringBootApplication(scanBasePackages = {"dev.idp.query", "dev.idp.support"})
public class QuerySideApplication {

    public static final String CONFIG_NAME = "query-side";

    public static void main(String[] args) {
        String url = System.getenv("IDP_DATABASE_URL");
        if (url == null || url.isBlank()) {
            System.err.println("IDP_DATABASE_URL is not set: the query side reads the event store in PostgreSQL"
                    + " (e.g. jdbc:postgresql://localhost:5432/idp). To run the whole platform locally, use the sandbox:"
                    + " java -jar sandbox/target/idp-sandbox.jar");
            System.exit(2);
        }
        AxonDefaults.disableUpdateChecker();
        SpringApplication application = new SpringApplication(QuerySideApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        application.run(args);
    }
}
