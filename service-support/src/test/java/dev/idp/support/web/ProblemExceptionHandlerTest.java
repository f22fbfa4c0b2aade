package dev.idp.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idp.kernel.error.DomainException;
import dev.idp.kernel.error.ErrorCode;
import dev.idp.kernel.error.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/** Every failure becomes the right status and an RFC 9457 body, in one place. */
class ProblemExceptionHandlerTest {

    private final ObjectMapper json = new ObjectMapper();
    private final ProblemExceptionHandler handler = new ProblemExceptionHandler(new Problems(json));

    private JsonNode handle(Throwable failure, MockServerWebExchange exchange) throws Exception {
        handler.handle(exchange, failure).block();
        return json.readTree(exchange.getResponse().getBodyAsString().block().getBytes(StandardCharsets.UTF_8));
    }

    private static MockServerWebExchange exchange() {
        return MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/storage-accounts"));
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void mapsEveryDomainErrorCodeToAStatus(ErrorCode code) throws Exception {
        MockServerWebExchange exchange = exchange();
        JsonNode body = handle(new DomainException(code, "because"), exchange);
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(ProblemExceptionHandler.statusOf(code));
        assertThat(body.get("status").asInt())
                .isEqualTo(ProblemExceptionHandler.statusOf(code).value());
        assertThat(body.get("type").asText()).startsWith(Problems.TYPE_PREFIX);
        assertThat(body.get("detail").asText()).isEqualTo("because");
        assertThat(body.get("instance").asText()).isEqualTo("/api/v1/storage-accounts");
    }

    @Test
    void listsFieldErrorsOfAValidationFailure() throws Exception {
        JsonNode body = handle(
                new CompletionException(DomainException.validation(
                        List.of(new FieldError("name", "too short"), new FieldError("spec.location", "unknown")))),
                exchange());
        assertThat(body.get("status").asInt()).isEqualTo(400);
        assertThat(body.get("errors")).hasSize(2);
        assertThat(body.at("/errors/1/field").asText()).isEqualTo("spec.location");
    }

    @Test
    void answersOversizedBodiesWith413() throws Exception {
        MockServerWebExchange exchange = exchange();
        handle(new ServerWebInputException("x", null, new DataBufferLimitException("limit")), exchange);
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
    }

    @Test
    void answersOverloadWith503AndRetryAfter() throws Exception {
        MockServerWebExchange exchange = exchange();
        handle(new RejectedExecutionException("full"), exchange);
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("1");
    }

    @Test
    void hidesTheStackTraceOfAnUnexpectedFailure() throws Exception {
        MockServerWebExchange exchange = exchange();
        JsonNode body = handle(new IllegalStateException("secret internals"), exchange);
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(body.toString()).doesNotContain("secret internals").doesNotContain("IllegalStateException");
        assertThat(body.get("detail").asText()).contains("error id");
    }
}
