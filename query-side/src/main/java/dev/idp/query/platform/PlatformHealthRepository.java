package dev.idp.query.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads what the platform's health is made of: the control plane's last availability event (its status and since
 * when) and the latest probe of it (when it was last checked), the observation sweeps' bookkeeping, and how far the
 * read models trail the event store. Blocking JDBC: callers run it off the event loop.
 */
@Repository
class PlatformHealthRepository {

    static final String CONTROL_PLANE_ID = "control-plane";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    PlatformHealthRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, Object> controlPlane() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "UNKNOWN");
        answer.put("since", null);
        answer.put("lastCheckedAt", null);
        answer.put("detail", "no probe of the control plane recorded yet");
        List<Map<String, Object>> latest = jdbc.queryForList(
                "SELECT payload_type, payload, time_stamp FROM domain_event_entry WHERE aggregate_identifier = ?"
                        + " ORDER BY sequence_number DESC LIMIT 1",
                CONTROL_PLANE_ID);
        if (!latest.isEmpty()) {
            String type = (String) latest.get(0).get("payload_type");
            JsonNode payload = parse((byte[]) latest.get(0).get("payload"));
            answer.put("status", type.endsWith("ControlPlaneBecameAvailableEvent") ? "AVAILABLE" : "UNAVAILABLE");
            answer.put("since", text(payload, "since"));
            answer.put("detail", text(payload, "detail"));
        }
        try {
            List<Map<String, Object>> probe = jdbc.queryForList(
                    "SELECT detail, checked_at FROM control_plane_probe ORDER BY checked_at DESC LIMIT 1");
            if (!probe.isEmpty()) {
                answer.put("lastCheckedAt", ((Timestamp) probe.get(0).get("checked_at")).toInstant());
                answer.put("detail", probe.get(0).get("detail"));
            }
        } catch (DataAccessException e) {
            // the command side has not migrated its tables yet: nothing was probed
        }
        return answer;
    }

    /** The latest completed sweep, if the observation side has recorded any. */
    Map<String, Object> observation() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("lastSweepCompletedAt", null);
        answer.put("status", "NEVER_RAN");
        try {
            List<Map<String, Object>> last = jdbc.queryForList(
                    "SELECT status, completed_at FROM observation_sweep ORDER BY started_at DESC LIMIT 1");
            List<Map<String, Object>> completed =
                    jdbc.queryForList("SELECT completed_at FROM observation_sweep WHERE status = 'COMPLETED'"
                            + " ORDER BY completed_at DESC LIMIT 1");
            if (!last.isEmpty()) {
                answer.put("status", last.get(0).get("status"));
            }
            if (!completed.isEmpty()) {
                answer.put("lastSweepCompletedAt", ((Timestamp) completed.get(0).get("completed_at")).toInstant());
            }
        } catch (DataAccessException e) {
            // no sweep table yet: the observation side has not run
        }
        return answer;
    }

    private JsonNode parse(byte[] bytes) {
        try {
            return bytes == null ? json.nullNode() : json.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalStateException("a control plane event's JSON is unreadable", e);
        }
    }

    private static Object text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (field.equals("since") && value.isNumber()) {
            return Instant.ofEpochMilli((long) (value.asDouble() * 1000));
        }
        return value.asText();
    }
}
