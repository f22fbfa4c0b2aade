package dev.idp.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One event exactly as the event store holds it: payload and metadata are the recorded JSON, not re-serialized through
 * today's Java classes, so an auditor sees what was written even after the classes change.
 */
record RecordedEvent(
        long globalPosition,
        String eventId,
        String resourceId,
        long sequence,
        String type,
        String payloadType,
        String payloadRevision,
        Instant occurredAt,
        String actor,
        String correlationId,
        JsonNode metadata,
        JsonNode payload) {}
