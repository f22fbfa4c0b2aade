package dev.idp.sandbox;

import dev.idp.kernel.error.DomainException;
import dev.idp.kernel.error.FieldError;
import dev.idp.sandbox.kubernetes.KubernetesSandbox;
import dev.idp.support.security.Roles;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sandbox-only endpoints (absent outside the sandbox), open as a local development issuer is:
 * {@code GET /sandbox/token?roles=portal,viewer} gives a JWT the API accepts; {@code POST /sandbox/control-plane}
 * with {@code {"available": false|true}} takes the Kubernetes API away and brings it back;
 * {@code POST /sandbox/cluster/wipe} deletes every Crossplane managed resource without touching Azure.
 */
@RestController
@Configuration(proxyBeanMethods = false)
class SandboxEndpoints {

    private static final Set<String> KNOWN_ROLES = Set.of(Roles.PORTAL, Roles.VIEWER, Roles.AUDITOR, Roles.OPERATOR);

    private final SandboxTokens tokens;
    private final KubernetesSandbox kubernetes;

    SandboxEndpoints(SandboxTokens tokens, KubernetesSandbox kubernetes) {
        this.tokens = tokens;
        this.kubernetes = kubernetes;
    }

    @GetMapping(path = "/sandbox/control-plane", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> controlPlane() {
        return Map.of("available", kubernetes.isAvailable(), "kubernetes", kubernetes.url());
    }

    @PostMapping(
            path = "/sandbox/control-plane",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> controlPlane(@RequestBody Map<String, Object> body) {
        Object available = body.get("available");
        if (!(available instanceof Boolean wanted)) {
            return Mono.error(
                    DomainException.validation(List.of(new FieldError("available", "must be true or false"))));
        }
        return Mono.fromCallable(() -> {
                    kubernetes.setAvailable(wanted);
                    return controlPlane();
                })
                .subscribeOn(Schedulers.boundedElastic());
    }

    @PostMapping(path = "/sandbox/cluster/wipe", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> wipe() {
        return Mono.fromCallable(() -> Map.<String, Object>of("deleted", kubernetes.wipeManagedResources()))
                .subscribeOn(Schedulers.boundedElastic());
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static SecurityWebFilterChain sandboxSecurity(ServerHttpSecurity http) {
        return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/sandbox/**"))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .build();
    }

    @GetMapping(path = "/sandbox/token", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> token(
            @RequestParam(defaultValue = "portal,viewer") String roles,
            @RequestParam(defaultValue = "sandbox-user") String subject) {
        List<String> requested = Arrays.stream(roles.split(","))
                .map(String::trim)
                .filter(r -> !r.isEmpty())
                .toList();
        List<FieldError> errors = requested.stream()
                .filter(r -> !KNOWN_ROLES.contains(r))
                .map(r -> new FieldError("roles", "unknown role '" + r + "'; known: portal, viewer, auditor, operator"))
                .toList();
        if (!errors.isEmpty()) {
            throw DomainException.validation(errors);
        }
        return Map.of(
                "token",
                tokens.issue(subject, requested),
                "roles",
                requested,
                "expiresInSeconds",
                SandboxTokens.LIFETIME.toSeconds());
    }
}
