package dev.idp.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Reads Axon's event table as recorded. Blocking JDBC: callers run it off the event loop. */
@Repository
class EventLog {

    private static final String COLUMNS = "global_index, event_identifier, aggregate_identifier, sequence_number,"
            + " payload_type, payload_revision, time_stamp, meta_data, payload FROM domain_event_entry";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();
    private final RowMapper<RecordedEvent> rows = this::row;

    EventLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One resource's events, oldest first. */
    List<RecordedEvent> ofResource(String resourceId) {
        return jdbc.query(
                "SELECT " + COLUMNS + " WHERE aggregate_identifier = ? ORDER BY sequence_number", rows, resourceId);
    }

    /** Up to {@code limit} events after a global position, in the order they were committed. */
    List<RecordedEvent> after(long position, int limit) {
        return jdbc.query(
                "SELECT " + COLUMNS + " WHERE global_index > ? ORDER BY global_index LIMIT ?", rows, position, limit);
    }

    private RecordedEvent row(ResultSet rs, int rowNum) throws SQLException {
        String payloadType = rs.getString("payload_type");
        JsonNode metadata = parse(rs.getBytes("meta_data"));
        return new RecordedEvent(
                rs.getLong("global_index"),
                rs.getString("event_identifier"),
                rs.getString("aggregate_identifier"),
                rs.getLong("sequence_number"),
                simpleName(payloadType),
                payloadType,
                rs.getString("payload_revision"),
                Instant.parse(rs.getString("time_stamp")),
                text(metadata, "actor"),
                text(metadata, "correlationId"),
                metadata,
                parse(rs.getBytes("payload")));
    }

    private JsonNode parse(byte[] bytes) throws SQLException {
        if (bytes == null || bytes.length == 0) {
            return NullNode.getInstance();
        }
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new SQLException("an event's JSON is unreadable", e);
        }
    }

    /** {@code dev.idp.kernel.storageaccount.StorageAccountRequestedEvent} is {@code StorageAccountRequestedEvent}. */
    static String simpleName(String payloadType) {
        return payloadType.substring(Math.max(payloadType.lastIndexOf('.'), payloadType.lastIndexOf('$')) + 1);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
