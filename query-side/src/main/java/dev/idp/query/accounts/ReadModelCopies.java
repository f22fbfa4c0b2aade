package dev.idp.query.accounts;

import dev.idp.query.QueryMigrations;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which copy of the read model answers ({@code projection_status.active_copy}), read from the database so that every
 * query-side instance switches with the others, cached for a second.
 */
@Component
class ReadModelCopies {

    static final String READ_MODEL = "account-read-model";
    private static final long CACHE_MILLIS = 1000;

    private final JdbcTemplate jdbc;
    private volatile char active = 'a';
    private volatile long readAt;

    ReadModelCopies(JdbcTemplate jdbc, QueryMigrations.Migrated migrated) {
        this.jdbc = jdbc;
    }

    /** The active copy's letter. */
    char active() {
        long now = System.currentTimeMillis();
        if (now - readAt > CACHE_MILLIS) {
            refresh();
            readAt = now;
        }
        return active;
    }

    void refresh() {
        active = status().get("active_copy").toString().charAt(0);
    }

    static char other(char copy) {
        return copy == 'a' ? 'b' : 'a';
    }

    static String group(char copy) {
        return copy == 'a' ? AccountProjectorA.GROUP : AccountProjectorB.GROUP;
    }

    Map<String, Object> status() {
        return jdbc.queryForMap(
                "SELECT status, active_copy, rebuild_started_at, rebuild_target FROM projection_status"
                        + " WHERE processing_group = ?",
                READ_MODEL);
    }
}
