package dev.idp.query;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The query side's tables, under their own Flyway history ({@code flyway_query_history}): the command side keeps
 * {@code flyway_schema_history} for the event store and its tables, so each side migrates what it owns and neither
 * fails validation on the other's scripts, whether they run in one process (the sandbox) or apart.
 *
 * <p>Deliberately not a {@link Flyway} bean: one would make Spring Boot's own Flyway (the command side's) back off.
 */
@Configuration(proxyBeanMethods = false)
public class QueryMigrations {

    static final String HISTORY_TABLE = "flyway_query_history";

    /** Proof, for beans that read the query side's tables, that they exist. */
    public record Migrated(int applied) {}

    @Bean
    Migrated queryTablesMigrated(DataSource dataSource) {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/query")
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        return new Migrated(result.migrationsExecuted);
    }
}
