package dev.idp.support.web;

import dev.idp.kernel.error.DomainException;
import dev.idp.kernel.error.ErrorCode;
import dev.idp.support.web.Problems.Problem;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * The one place where a failure becomes an HTTP status: domain errors by their {@link ErrorCode}, broken input, limits,
 * overload, and anything unexpected (a 500 with an error ID to find in the log, never a stack trace).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final Problems problems;

    public ProblemExceptionHandler(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        Problem problem = toProblem(unwrap(failure), exchange);
        return problems.write(exchange, problem);
    }

    Problem toProblem(Throwable failure, ServerWebExchange exchange) {
        if (failure instanceof DomainException domain) {
            return Problem.of(statusOf(domain.code()), slug(domain.code()), domain.getMessage())
                    .withErrors(domain.fieldErrors());
        }
        if (failure instanceof AggregateNotFoundException) {
            return Problem.of(HttpStatus.NOT_FOUND, slug(ErrorCode.RESOURCE_NOT_FOUND), "no such resource");
        }
        if (causedBy(failure, DataBufferLimitException.class)) {
            return Problem.of(
                    HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", RequestBodyLimitFilter.LIMIT_DESCRIPTION);
        }
        if (failure instanceof ServerWebInputException input) {
            return Problem.of(HttpStatus.BAD_REQUEST, "malformed-request", describeInputError(input));
        }
        if (failure instanceof ResponseStatusException status) {
            return Problem.of(status.getStatusCode(), null, status.getReason());
        }
        if (failure instanceof RejectedExecutionException) {
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
            return Problem.of(
                    HttpStatus.SERVICE_UNAVAILABLE, "overloaded", "too many requests in flight; retry shortly");
        }
        String errorId = UUID.randomUUID().toString();
        log.error(
                "Unexpected failure {} on {} {}",
                errorId,
                exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(),
                failure);
        return Problem.of(
                HttpStatus.INTERNAL_SERVER_ERROR, "unexpected", "an unexpected failure occurred; error id " + errorId);
    }

    static HttpStatus statusOf(ErrorCode code) {
        return switch (code) {
            case VALIDATION_FAILED -> HttpStatus.BAD_REQUEST;
            case NAME_TAKEN, REQUEST_ID_CONFLICT, INVALID_LIFECYCLE_STATE -> HttpStatus.CONFLICT;
            case RESOURCE_NOT_FOUND -> HttpStatus.NOT_FOUND;
        };
    }

    private static String slug(ErrorCode code) {
        return code.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String describeInputError(ServerWebInputException input) {
        Throwable cause = input.getMostSpecificCause();
        String message = cause.getMessage() == null ? input.getReason() : cause.getMessage();
        // Jackson's messages end with a source excerpt; the first line says what and where.
        String firstLine = message == null ? "" : message.lines().findFirst().orElse("");
        return "the request body is not valid JSON or has the wrong shape: " + firstLine;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException
                        || current instanceof ExecutionException
                        || current instanceof CommandExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
