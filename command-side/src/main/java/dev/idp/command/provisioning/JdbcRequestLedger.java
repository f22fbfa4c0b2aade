package dev.idp.command.provisioning;

import dev.idp.kernel.ids.ResourceId;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link RequestLedger} on PostgreSQL, joining the command's transaction through Spring's transaction manager. */
@Component
class JdbcRequestLedger implements RequestLedger {

    private final JdbcTemplate jdbc;

    JdbcRequestLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Entry> claim(Entry entry) {
        int inserted = jdbc.update(
                "INSERT INTO request_ledger (request_id, request_type, resource_id, fingerprint) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (request_id) DO NOTHING",
                entry.requestId().value(),
                entry.type().name(),
                entry.resourceId().value(),
                entry.fingerprint());
        if (inserted == 1) {
            return Optional.empty();
        }
        return Optional.of(jdbc.queryForObject(
                "SELECT request_type, resource_id, fingerprint FROM request_ledger WHERE request_id = ?",
                (rs, row) -> new Entry(
                        entry.requestId(),
                        RequestType.valueOf(rs.getString("request_type")),
                        new ResourceId(rs.getObject("resource_id", UUID.class)),
                        rs.getString("fingerprint")),
                entry.requestId().value()));
    }
}
