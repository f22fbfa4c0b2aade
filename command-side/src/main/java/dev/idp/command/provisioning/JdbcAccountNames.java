package dev.idp.command.provisioning;

import dev.idp.kernel.ids.ResourceId;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link AccountNames} on a primary key: {@code ON CONFLICT DO NOTHING} makes a racing insert wait for the first
 * transaction and then find the name taken, without aborting its own transaction.
 */
@Component
class JdbcAccountNames implements AccountNames {

    private final JdbcTemplate jdbc;

    JdbcAccountNames(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<ResourceId> reserve(String name, ResourceId resourceId) {
        int inserted = jdbc.update(
                "INSERT INTO account_name (name, resource_id) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                name,
                resourceId.value());
        if (inserted == 1) {
            return Optional.empty();
        }
        UUID holder = jdbc.queryForObject("SELECT resource_id FROM account_name WHERE name = ?", UUID.class, name);
        return holder.equals(resourceId.value()) ? Optional.empty() : Optional.of(new ResourceId(holder));
    }
}
