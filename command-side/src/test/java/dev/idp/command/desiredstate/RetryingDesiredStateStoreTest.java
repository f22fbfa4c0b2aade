package dev.idp.command.desiredstate;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@ExtendWith(OutputCaptureExtension.class)
class RetryingDesiredStateStoreTest {

    private final String id = UUID.randomUUID().toString();
    private final FakeStore delegate = new FakeStore();
    private final List<Duration> sleeps = new ArrayList<>();

    private RetryingDesiredStateStore retrying(int maxAttempts) {
        return new RetryingDesiredStateStore(
                delegate, maxAttempts, Duration.ofMillis(100), Duration.ofMillis(1000), sleeps::add, () -> 1.0);
    }

    @Test
    void retriesTransientFailuresUntilTheDelegateSucceeds(CapturedOutput output) {
        delegate.failNext(
                () -> new DesiredStateStoreException("disk hiccup", new IOException("EIO")),
                () -> new UncheckedIOException(new ConnectException("Connection refused")),
                () -> httpFailure(503),
                () -> httpFailure(429),
                () -> new IllegalStateException("Timeout on blocking read", new TimeoutException("5s")));

        String version = retrying(6).write(id, "{}".getBytes(UTF_8), null);

        assertThat(version).isEqualTo("v1");
        assertThat(delegate.calls).isEqualTo(6);
        assertThat(sleeps)
                .containsExactly(
                        Duration.ofMillis(100),
                        Duration.ofMillis(200),
                        Duration.ofMillis(400),
                        Duration.ofMillis(800),
                        Duration.ofMillis(1000));
        assertThat(output.getOut() + output.getErr())
                .contains("WARN")
                .contains("attempt 1/6")
                .contains("attempt 5/6")
                .doesNotContain("attempt 6/6");
    }

    @Test
    void retriesReadsToo() {
        delegate.failNext(() -> httpFailure(500), () -> httpFailure(408));

        assertThat(retrying(3).read(id)).isEmpty();
        assertThat(delegate.calls).isEqualTo(3);
    }

    @Test
    void conflictsAreNeverRetried() {
        ConcurrentDocumentUpdateException conflict = new ConcurrentDocumentUpdateException("stale");
        delegate.failNext(() -> conflict);

        assertThatThrownBy(() -> retrying(5).write(id, new byte[0], "old")).isSameAs(conflict);
        assertThat(delegate.calls).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 409, 412})
    void clientErrorsAreNeverRetried(int status) {
        HttpResponseException clientError = httpFailure(status);
        delegate.failNext(() -> new DesiredStateStoreException("refused", clientError));

        assertThatThrownBy(() -> retrying(5).read(id)).hasCause(clientError);
        assertThat(delegate.calls).isEqualTo(1);
    }

    @Test
    void clientErrorCarryingAnIoCauseIsStillAClientError() {
        delegate.failNext(() -> new DesiredStateStoreException("refused", httpFailure(403, new IOException("x"))));

        assertThatThrownBy(() -> retrying(5).read(id)).isInstanceOf(DesiredStateStoreException.class);
        assertThat(delegate.calls).isEqualTo(1);
    }

    @Test
    void programmingErrorsAreNeverRetried() {
        delegate.failNext(
                () -> new IllegalArgumentException("resourceId must be a UUID"), () -> new NullPointerException());

        assertThatThrownBy(() -> retrying(5).read(id)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> retrying(5).read(id)).isInstanceOf(NullPointerException.class);
        assertThat(delegate.calls).isEqualTo(2);
    }

    @Test
    void exhaustionRethrowsTheLastFailureWithTheEarlierOnesSuppressed() {
        RuntimeException first = new DesiredStateStoreException("1", new IOException("first"));
        RuntimeException second = httpFailure(502);
        RuntimeException third = new DesiredStateStoreException("3", new IOException("third"));
        delegate.failNext(() -> first, () -> second, () -> third, () -> new AssertionError("not called"));

        DesiredStateStoreException thrown = catchThrowableOfType(
                DesiredStateStoreException.class, () -> retrying(3).write(id, new byte[0], null));

        assertThat(thrown).isSameAs(third);
        assertThat(thrown.getSuppressed()).containsExactly(first, second);
        assertThat(delegate.calls).isEqualTo(3);
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void aNonTransientFailureAfterRetriesCarriesTheEarlierOnes() {
        RuntimeException outage = httpFailure(503);
        ConcurrentDocumentUpdateException conflict = new ConcurrentDocumentUpdateException("our own earlier write won");
        delegate.failNext(() -> outage, () -> conflict);

        assertThatThrownBy(() -> retrying(5).write(id, new byte[0], "v0")).isSameAs(conflict);
        assertThat(conflict.getSuppressed()).containsExactly(outage);
    }

    @Test
    void theSameExceptionThrownTwiceIsNotSuppressedInItself() {
        RuntimeException again = new UncheckedIOException(new IOException("again"));
        delegate.failNext(() -> again, () -> again);

        assertThatThrownBy(() -> retrying(2).read(id)).isSameAs(again);
        assertThat(again.getSuppressed()).isEmpty();
    }

    @Test
    void interruptionStopsRetryingAndKeepsTheFailure() {
        RuntimeException outage = httpFailure(503);
        delegate.failNext(() -> outage);
        RetryingDesiredStateStore store = new RetryingDesiredStateStore(
                delegate,
                5,
                Duration.ofMillis(100),
                Duration.ofSeconds(1),
                duration -> {
                    throw new InterruptedException("shutdown");
                },
                () -> 0.5);
        try {
            assertThatThrownBy(() -> store.read(id)).isSameAs(outage);
            assertThat(outage.getSuppressed()).singleElement().isInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void backoffIsExponentialCappedAndJitteredDownToHalf() {
        RetryingDesiredStateStore lowest = new RetryingDesiredStateStore(
                delegate, 100, Duration.ofMillis(200), Duration.ofSeconds(10), sleeps::add, () -> 0.0);
        RetryingDesiredStateStore highest = new RetryingDesiredStateStore(
                delegate, 100, Duration.ofMillis(200), Duration.ofSeconds(10), sleeps::add, () -> 1.0);

        assertThat(highest.backoff(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(lowest.backoff(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(highest.backoff(3)).isEqualTo(Duration.ofMillis(800));
        assertThat(lowest.backoff(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(highest.backoff(10)).isEqualTo(Duration.ofSeconds(10));
        assertThat(lowest.backoff(10)).isEqualTo(Duration.ofSeconds(5));
        assertThat(highest.backoff(99)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void rejectsNonsenseSettings() {
        assertThatThrownBy(() -> new RetryingDesiredStateStore(delegate, 0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> new RetryingDesiredStateStore(delegate, 3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void describesTheDelegate() {
        assertThat(retrying(3).describe()).isEqualTo("fake");
    }

    private static HttpResponseException httpFailure(int status) {
        return httpFailure(status, null);
    }

    private static HttpResponseException httpFailure(int status, Throwable cause) {
        HttpResponseException e = new HttpResponseException("HTTP " + status, new StatusOnlyResponse(status), cause);
        return e;
    }

    /** Fails with the queued failures, one per call, then succeeds. */
    private static final class FakeStore implements DesiredStateStore {
        private final Deque<Supplier<? extends Throwable>> failures = new ArrayDeque<>();
        private int calls;

        @SafeVarargs
        final void failNext(Supplier<? extends Throwable>... next) {
            failures.addAll(List.of(next));
        }

        private void maybeFail() {
            calls++;
            Supplier<? extends Throwable> failure = failures.poll();
            if (failure != null) {
                Throwable t = failure.get();
                if (t instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw (Error) t;
            }
        }

        @Override
        public Optional<StoredDocument> read(String resourceId) {
            maybeFail();
            return Optional.empty();
        }

        @Override
        public String write(String resourceId, byte[] json, String expectedVersion) {
            maybeFail();
            return "v1";
        }

        @Override
        public String describe() {
            return "fake";
        }
    }

    /** Just enough of an HTTP response to carry a status code. */
    private static final class StatusOnlyResponse extends HttpResponse {
        private final int status;

        StatusOnlyResponse(int status) {
            super(new HttpRequest(HttpMethod.PUT, "http://127.0.0.1/"));
            this.status = status;
        }

        @Override
        public int getStatusCode() {
            return status;
        }

        @Override
        @Deprecated
        public String getHeaderValue(String name) {
            return null;
        }

        @Override
        public HttpHeaders getHeaders() {
            return new HttpHeaders();
        }

        @Override
        public Flux<ByteBuffer> getBody() {
            return Flux.empty();
        }

        @Override
        public Mono<byte[]> getBodyAsByteArray() {
            return Mono.empty();
        }

        @Override
        public Mono<String> getBodyAsString() {
            return Mono.empty();
        }

        @Override
        public Mono<String> getBodyAsString(Charset charset) {
            return Mono.empty();
        }
    }
}
