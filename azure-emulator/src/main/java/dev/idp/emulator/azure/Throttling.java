package dev.idp.emulator.azure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Azure's documented limits. Resource Graph: a window of {@code graphQueries} per {@code graphWindow} per principal,
 * told in {@code x-ms-user-quota-remaining} and {@code x-ms-user-quota-resets-after}. ARM: token buckets per
 * subscription and principal (reads: 250, refilling 25/s; writes: 200, refilling 10/s), told in
 * {@code x-ms-ratelimit-remaining-subscription-reads}/{@code -writes}. Past a limit: 429 with {@code Retry-After}.
 */
final class Throttling {

    /** What a request learnt: allowed or not, what is left, and when to retry. */
    record Decision(boolean allowed, long remaining, Duration retryAfter) {}

    private final boolean enabled;
    private final int graphQueries;
    private final Duration graphWindow;
    private final Clock clock;
    private final Map<String, Window> graph = new ConcurrentHashMap<>();
    private final Map<String, Bucket> reads = new ConcurrentHashMap<>();
    private final Map<String, Bucket> writes = new ConcurrentHashMap<>();

    Throttling(boolean enabled, int graphQueries, Duration graphWindow, Clock clock) {
        this.enabled = enabled;
        this.graphQueries = graphQueries;
        this.graphWindow = graphWindow;
        this.clock = clock;
    }

    Decision resourceGraph(String principal) {
        Window window = graph.computeIfAbsent(principal, p -> new Window());
        synchronized (window) {
            Instant now = clock.instant();
            if (window.start == null || !now.isBefore(window.start.plus(graphWindow))) {
                window.start = now;
                window.used = 0;
            }
            Duration resetsAfter = Duration.between(now, window.start.plus(graphWindow));
            if (enabled && window.used >= graphQueries) {
                return new Decision(false, 0, resetsAfter);
            }
            window.used++;
            return new Decision(true, Math.max(0, graphQueries - window.used), resetsAfter);
        }
    }

    Decision armRead(String subscription, String principal) {
        return take(reads, subscription + "|" + principal, 250, 25);
    }

    Decision armWrite(String subscription, String principal) {
        return take(writes, subscription + "|" + principal, 200, 10);
    }

    private Decision take(Map<String, Bucket> buckets, String key, int capacity, int perSecond) {
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(capacity, clock.millis()));
        synchronized (bucket) {
            long now = clock.millis();
            bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.at) * perSecond / 1000.0);
            bucket.at = now;
            if (bucket.tokens < 1 && enabled) {
                long waitMillis = (long) Math.ceil((1 - bucket.tokens) * 1000 / perSecond);
                return new Decision(false, 0, Duration.ofMillis(waitMillis));
            }
            bucket.tokens = Math.max(0, bucket.tokens - 1);
            return new Decision(true, (long) bucket.tokens, Duration.ZERO);
        }
    }

    void reset() {
        graph.clear();
        reads.clear();
        writes.clear();
    }

    private static final class Window {
        Instant start;
        int used;
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(int tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    /** {@code 00:00:04}, the form of {@code x-ms-user-quota-resets-after}. */
    static String hms(Duration duration) {
        long seconds = Math.max(0, (duration.toMillis() + 999) / 1000);
        return String.format("%02d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
    }
}
