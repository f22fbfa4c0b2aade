package dev.idp.query.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where a processing group stands, from its tokens in {@code token_entry} (so any instance can tell, whichever holds
 * the segments), and where the event store's head is.
 */
@Component
class ProcessorPositions {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    ProcessorPositions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    long head() {
        Long head = jdbc.queryForObject("SELECT COALESCE(MAX(global_index), 0) FROM domain_event_entry", Long.class);
        return head == null ? 0 : head;
    }

    /** The lowest position over the group's segments; empty before it has any token (or right after a reset). */
    OptionalLong position(String processingGroup) {
        List<byte[]> tokens = jdbc.queryForList(
                "SELECT token FROM token_entry WHERE processor_name = ?", byte[].class, processingGroup);
        if (tokens.isEmpty()) {
            return OptionalLong.empty();
        }
        long lowest = Long.MAX_VALUE;
        for (byte[] token : tokens) {
            long index = index(token);
            if (index < 0) {
                return OptionalLong.empty();
            }
            lowest = Math.min(lowest, index);
        }
        return OptionalLong.of(lowest);
    }

    /** A token's global index: a replay token's current position, a gap-aware token's index; -1 when none. */
    private long index(byte[] token) {
        if (token == null || token.length == 0) {
            return -1;
        }
        try {
            JsonNode node = json.readTree(token);
            JsonNode current = node.has("tokenAtReset") || node.has("currentToken") ? node.path("currentToken") : node;
            JsonNode index = current.path("index");
            return index.isNumber() ? index.asLong() : -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
