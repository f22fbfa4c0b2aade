package dev.idp.command.desiredstate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries the transient failures of another {@link DesiredStateStore}, so that a storage hiccup (a dropped connection,
 * a throttling 429, a 503, a timeout) does not fail the projection that caused the write.
 *
 * <p>Attempt {@code n} that fails transiently is followed by a pause of {@code initialBackoff * 2^(n-1)}, capped at
 * {@code maxBackoff}, of which a random share up to half is taken away (jitter, so that writers do not retry in step). What is
 * transient: an {@link java.io.IOException} or {@link java.io.UncheckedIOException} in the cause chain, a timeout, an
 * HTTP answer 408, 429 or 5xx. Never retried: {@link ConcurrentDocumentUpdateException} (the caller must re-read),
 * invalid arguments and other 4xx answers.
 *
 * <p>Nothing is swallowed: when the attempts are used up, or a failure is not transient, the last failure is thrown
 * with the earlier ones attached as suppressed exceptions. A retried conditional write whose first attempt did reach
 * the storage can end in {@link ConcurrentDocumentUpdateException}; re-reading then shows the caller's own document.
 */
public final class RetryingDesiredStateStore implements DesiredStateStore {

    private static final Logger log = LoggerFactory.getLogger(RetryingDesiredStateStore.class);

    /** Waits between attempts; replaced in tests. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final DesiredStateStore delegate;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Sleeper sleeper;
    private final DoubleSupplier random;

    /**
     * @param delegate the store whose failures are retried
     * @param maxAttempts attempts per operation, including the first; at least 1
     * @param initialBackoff the pause after the first failure, before jitter
     * @param maxBackoff the longest pause, before jitter; not less than {@code initialBackoff}
     */
    public RetryingDesiredStateStore(
            DesiredStateStore delegate, int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        this(
                delegate,
                maxAttempts,
                initialBackoff,
                maxBackoff,
                duration -> Thread.sleep(duration.toMillis()),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    RetryingDesiredStateStore(
            DesiredStateStore delegate,
            int maxAttempts,
            Duration initialBackoff,
            Duration maxBackoff,
            Sleeper sleeper,
            DoubleSupplier random) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("Need 0 <= initialBackoff <= maxBackoff, got initialBackoff="
                    + initialBackoff + ", maxBackoff=" + maxBackoff);
        }
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public Optional<StoredDocument> read(String resourceId) {
        return withRetries("read", resourceId, () -> delegate.read(resourceId));
    }

    @Override
    public String write(String resourceId, byte[] json, String expectedVersion) {
        return withRetries("write", resourceId, () -> delegate.write(resourceId, json, expectedVersion));
    }

    /** The delegate's, so that logs and health checks name the real storage. */
    @Override
    public String describe() {
        return delegate.describe();
    }

    private <T> T withRetries(String operation, String resourceId, Supplier<T> call) {
        List<RuntimeException> earlier = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (RuntimeException failure) {
                if (attempt >= maxAttempts || !TransientFailures.isTransient(failure)) {
                    throw withSuppressed(failure, earlier);
                }
                Duration pause = backoff(attempt);
                log.warn(
                        "Desired-state {} of {} in {} failed on attempt {}/{}, retrying in {} ms: {}",
                        operation,
                        resourceId,
                        delegate.describe(),
                        attempt,
                        maxAttempts,
                        pause.toMillis(),
                        describe(failure));
                earlier.add(failure);
                try {
                    sleeper.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    earlier.remove(earlier.size() - 1);
                    failure.addSuppressed(interrupted);
                    throw withSuppressed(failure, earlier);
                }
            }
        }
    }

    /** Exponential, capped, with "equal jitter": between half and all of the capped value. */
    Duration backoff(int failedAttempt) {
        long initial = initialBackoff.toMillis();
        long max = maxBackoff.toMillis();
        long exponential = failedAttempt - 1 >= 62 || initial > (max >> (failedAttempt - 1))
                ? max
                : Math.min(max, initial << (failedAttempt - 1));
        long jittered = exponential / 2 + Math.round(random.getAsDouble() * (exponential - exponential / 2));
        return Duration.ofMillis(jittered);
    }

    /** The failure and its root cause, which often says more ("Connection refused") than the wrapper. */
    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? failure.toString() : failure + " (cause: " + root + ")";
    }

    private static RuntimeException withSuppressed(RuntimeException last, List<RuntimeException> earlier) {
        for (RuntimeException e : earlier) {
            if (e != last) {
                last.addSuppressed(e);
            }
        }
        return last;
    }
}
