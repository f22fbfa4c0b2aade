package dev.idp.command.observation;

import dev.idp.kernel.error.DomainException;
import dev.idp.kernel.error.ErrorCode;
import dev.idp.kernel.error.FieldError;
import dev.idp.kernel.ids.ResourceId;
import dev.idp.kernel.ids.Uuids;
import java.net.URI;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The operator's sweeps: start one now, and see how one went. JDBC runs off the event loop. */
@RestController
class ObservationController {

    private final SweepCoordinator coordinator;
    private final ObservationStore store;
    private final TargetedObservation targeted;

    ObservationController(SweepCoordinator coordinator, ObservationStore store, TargetedObservation targeted) {
        this.coordinator = coordinator;
        this.store = store;
        this.targeted = targeted;
    }

    /** One account's detail from ARM now (not from Resource Graph), recorded if it changed. */
    @PostMapping("/api/v1/observation/storage-accounts/{resourceId}")
    Mono<Map<String, Object>> observe(@PathVariable String resourceId) {
        if (!Uuids.isCanonical(resourceId)) {
            return Mono.error(DomainException.validation(List.of(new FieldError("resourceId", "must be a UUID"))));
        }
        return Mono.fromCallable(() -> targeted.observe(ResourceId.parse(resourceId))
                        .map(result -> {
                            Map<String, Object> answer = new LinkedHashMap<>();
                            answer.put("resourceId", result.resourceId().toString());
                            answer.put("armId", result.armId().toString());
                            answer.put("present", result.observed().isPresent());
                            answer.put("observed", result.observed().orElse(null));
                            answer.put("source", "ARM");
                            answer.put("observedAt", result.at());
                            return answer;
                        })
                        .orElseThrow(() -> new DomainException(
                                ErrorCode.RESOURCE_NOT_FOUND, "no storage account " + resourceId + " is known")))
                .subscribeOn(Schedulers.boundedElastic());
    }

    @PostMapping("/api/v1/observation/sweeps")
    Mono<ResponseEntity<Map<String, String>>> sweep() {
        return Mono.fromCallable(() -> coordinator.start("ON_DEMAND"))
                .subscribeOn(Schedulers.boundedElastic())
                .map(sweepId -> ResponseEntity.accepted()
                        .location(URI.create("/api/v1/observation/sweeps/" + sweepId))
                        .body(Map.of("sweepId", sweepId)));
    }

    @GetMapping("/api/v1/observation/sweeps/{sweepId}")
    Mono<Map<String, Object>> sweep(@PathVariable String sweepId) {
        if (!Uuids.isCanonical(sweepId)) {
            return Mono.error(DomainException.validation(List.of(new FieldError("sweepId", "must be a UUID"))));
        }
        return Mono.fromCallable(() -> store.sweep(sweepId)
                        .map(row -> {
                            Map<String, Object> answer = new LinkedHashMap<>();
                            answer.put("sweepId", row.get("sweep_id"));
                            answer.put("trigger", row.get("trigger"));
                            answer.put("status", row.get("status"));
                            answer.put("startedAt", instant(row.get("started_at")));
                            answer.put("completedAt", instant(row.get("completed_at")));
                            answer.put("failure", row.get("failure"));
                            answer.put(
                                    "statistics",
                                    row.get("statistics") == null ? null : store.read((String) row.get("statistics")));
                            return answer;
                        })
                        .orElseThrow(() -> new DomainException(ErrorCode.RESOURCE_NOT_FOUND, "no sweep " + sweepId)))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private static Object instant(Object value) {
        return value instanceof Timestamp t ? t.toInstant() : value;
    }
}
