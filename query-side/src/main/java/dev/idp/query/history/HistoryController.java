package dev.idp.query.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.idp.kernel.error.DomainException;
import dev.idp.kernel.error.ErrorCode;
import dev.idp.kernel.error.FieldError;
import dev.idp.kernel.ids.Uuids;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The auditor's view of the event store: one resource's history, and the whole stream as NDJSON for export and
 * replay. Both read the events as recorded; JDBC runs on the bounded-elastic scheduler, never on the event loop.
 */
@RestController
class HistoryController {

    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;
    static final String NEXT_AFTER = "X-Next-After";
    static final MediaType NDJSON = MediaType.APPLICATION_NDJSON;

    private final EventLog events;
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    HistoryController(EventLog events) {
        this.events = events;
    }

    @GetMapping("/api/v1/storage-accounts/{resourceId}/history")
    Mono<Map<String, Object>> history(@PathVariable String resourceId) {
        if (!Uuids.isCanonical(resourceId)) {
            return Mono.error(DomainException.validation(List.of(new FieldError("resourceId", "must be a UUID"))));
        }
        return blocking(() -> events.ofResource(resourceId)).map(recorded -> {
            if (recorded.isEmpty()) {
                throw new DomainException(ErrorCode.RESOURCE_NOT_FOUND, "no storage account " + resourceId);
            }
            List<Map<String, Object>> items = new ArrayList<>(recorded.size());
            for (RecordedEvent e : recorded) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("sequence", e.sequence());
                item.put("type", e.type());
                item.put("occurredAt", e.occurredAt());
                item.put("actor", e.actor());
                item.put("correlationId", e.correlationId());
                item.put("payload", e.payload());
                item.put("globalPosition", e.globalPosition());
                item.put("eventId", e.eventId());
                item.put("metadata", e.metadata());
                items.add(item);
            }
            return Map.of("events", items);
        });
    }

    @GetMapping(
            value = "/api/v1/events",
            produces = {MediaType.APPLICATION_NDJSON_VALUE, MediaType.ALL_VALUE})
    Mono<ResponseEntity<String>> export(
            @RequestParam(required = false) String after, @RequestParam(required = false) String limit) {
        List<FieldError> errors = new ArrayList<>();
        long from = parse(after, "after", 0, Long.MAX_VALUE, 0, errors);
        int count = (int) parse(limit, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT, errors);
        if (!errors.isEmpty()) {
            return Mono.error(DomainException.validation(errors));
        }
        return blocking(() -> events.after(from, count)).map(recorded -> {
            StringBuilder body = new StringBuilder(recorded.size() * 1024);
            for (RecordedEvent e : recorded) {
                body.append(line(e)).append('\n');
            }
            long next = recorded.isEmpty()
                    ? from
                    : recorded.get(recorded.size() - 1).globalPosition();
            return ResponseEntity.ok()
                    .contentType(NDJSON)
                    .header(NEXT_AFTER, Long.toString(next))
                    .body(body.toString());
        });
    }

    private String line(RecordedEvent e) {
        try {
            return json.writeValueAsString(e);
        } catch (JsonProcessingException failure) {
            throw new IllegalStateException("cannot write event " + e.eventId(), failure);
        }
    }

    private static long parse(String text, String field, long min, long max, long fallback, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below, with the range
        }
        errors.add(new FieldError(field, "must be a whole number from " + min + " to " + max));
        return fallback;
    }

    private static <T> Mono<T> blocking(Callable<T> query) {
        return Mono.fromCallable(query).subscribeOn(Schedulers.boundedElastic());
    }
}
