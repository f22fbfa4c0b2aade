package dev.idp.support.web;

import dev.idp.support.web.Problems.Problem;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses bodies over 64 KiB before reading them when the client declares the length. Chunked bodies are cut at the
 * same size by the codecs ({@code spring.codec.max-in-memory-size}), which the {@link ProblemExceptionHandler} also
 * answers with 413.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestBodyLimitFilter implements WebFilter {

    public static final long MAX_BODY_BYTES = 64 * 1024;
    static final String LIMIT_DESCRIPTION = "request bodies are limited to 64 KiB";

    private final Problems problems;

    public RequestBodyLimitFilter(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        if (length > MAX_BODY_BYTES) {
            return problems.write(
                    exchange, Problem.of(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", LIMIT_DESCRIPTION));
        }
        return chain.filter(exchange);
    }
}
