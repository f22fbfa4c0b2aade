package dev.idp.support.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idp.kernel.error.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * RFC 9457 problem bodies: {@code type}, {@code title}, {@code status}, {@code detail}, {@code instance}, and for
 * validation {@code errors: [{field, message}]}. Every error the API gives, from any layer, is written here.
 */
public final class Problems {

    /** Problem types: tag URIs, stable identifiers rather than pages to visit (documented in docs/api-errors.md). */
    public static final String TYPE_PREFIX = "tag:idp.dev,2026:problems/";

    private final ObjectMapper objectMapper;

    public Problems(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    /** A problem to write: {@code type} is a short name ({@code validation-failed}) or null for {@code about:blank}. */
    public record Problem(HttpStatusCode status, String type, String title, String detail, List<FieldError> errors) {

        public static Problem of(HttpStatusCode status, String type, String detail) {
            HttpStatus known = HttpStatus.resolve(status.value());
            return new Problem(status, type, known == null ? "Error" : known.getReasonPhrase(), detail, List.of());
        }

        public Problem withErrors(List<FieldError> fieldErrors) {
            return new Problem(status, type, title, detail, fieldErrors);
        }
    }

    public Mono<Void> write(ServerWebExchange exchange, Problem problem) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(problem.status());
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] body = serialize(problem, exchange.getRequest().getPath().value());
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    byte[] serialize(Problem problem, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.type() == null ? "about:blank" : TYPE_PREFIX + problem.type());
        body.put("title", problem.title());
        body.put("status", problem.status().value());
        if (problem.detail() != null) {
            body.put("detail", problem.detail());
        }
        body.put("instance", instance);
        if (!problem.errors().isEmpty()) {
            body.put("errors", problem.errors());
        }
        try {
            return objectMapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a problem body", e);
        }
    }
}
