package dev.idp.query.platform;

import dev.idp.query.accounts.ReadModelHealth;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code GET /api/v1/platform/health}: the control plane, the observation of Azure and the read models' lag. */
@RestController
class PlatformHealthController {

    private final PlatformHealthRepository health;
    private final ReadModelHealth readModel;

    PlatformHealthController(PlatformHealthRepository health, ReadModelHealth readModel) {
        this.health = health;
        this.readModel = readModel;
    }

    @GetMapping("/api/v1/platform/health")
    Mono<Map<String, Object>> health() {
        return Mono.fromCallable(() -> {
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("controlPlane", health.controlPlane());
                    answer.put("observation", health.observation());
                    answer.put("projections", readModel.projections());
                    return answer;
                })
                .subscribeOn(Schedulers.boundedElastic());
    }
}
