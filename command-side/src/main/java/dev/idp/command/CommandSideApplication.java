package dev.idp.command;

import dev.idp.support.axon.AxonDefaults;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The command side on its own: accepts requests, records them in the event store, and keeps the desired-state archive.
 * Needs {@code IDP_DATABASE_URL}; to run everything on a laptop use the sandbox instead.
 */
@SpringBootApplication(scanBasePackages = {"dev.idp.command", "dev.idp.support"})
public class CommandSideApplication {

    public static void main(String[] args) {
        String url = System.getenv("IDP_DATABASE_URL");
        if (url == null || url.isBlank()) {
            System.err.println("IDP_DATABASE_URL is not set: the command side needs PostgreSQL"
                    + " (e.g. jdbc:postgresql://localhost:5432/idp). To run the whole platform locally, use the sandbox:"
                    + " java -jar sandbox/target/idp-sandbox.jar");
            System.exit(2);
        }
        AxonDefaults.disableUpdateChecker();
        SpringApplication.run(CommandSideApplication.class, args);
    }
}
