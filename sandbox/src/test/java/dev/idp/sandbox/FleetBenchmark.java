package dev.idp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The observation and read-model figures on a 10,000-account fleet seeded in the emulator.
 *
 * <p>Observation: from a sweep's start to every account in the read model (wall time, Resource Graph queries, ARM
 * reads, events appended), then a quiet sweep (time, events). Read model: with about 100,000 events (the fleet
 * re-tagged nine times, each change observed), the list endpoint's p50/p99 under concurrent load, the detail's p99,
 * and a rebuild's speed next to PostgreSQL's own scan rate of the event table measured in the same run.
 *
 * <p>Run it with {@code ./mvnw -q -pl sandbox -am -DskipTests install && ./mvnw -q -pl sandbox
 * exec:java@fleet-benchmark}. Options: {@code -Daccounts=10000 -Drounds=9 -Dclients=16 -Dseconds=20}.
 */
public final class FleetBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUB = "00000000-0000-0000-0000-0000000000a1";
    private static SandboxMain.Running sandbox;
    private static final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private FleetBenchmark() {}

    public static void main(String[] args) throws Exception {
        int accounts = Integer.getInteger("accounts", 10_000);
        int rounds = Integer.getInteger("rounds", 9);
        int clients = Integer.getInteger("clients", 16);
        int seconds = Integer.getInteger("seconds", 20);
        Path data = Files.createTempDirectory("idp-fleet-bench");
        SandboxTesting.openToPostgres(data);
        sandbox = SandboxMain.start(
                new SandboxOptions(data, true, "127.0.0.1", 0, 0, 0, Duration.ofMinutes(10)),
                SandboxTesting.ONLY_REQUESTED_SWEEPS);
        try {
            JdbcTemplate jdbc = sandbox.context().getBean(JdbcTemplate.class);
            sandbox.azure().seed(SUB, "rg-fleet", accounts, "stfleet", Map.of("owner", "someone"));

            System.out.println("== observation: first sweep over " + accounts + " accounts");
            long events0 = events(jdbc);
            var stats0 = sandbox.azure().stats();
            long start = System.nanoTime();
            JsonNode first = sweep();
            double sweepSeconds = (System.nanoTime() - start) / 1e9;
            waitUntil(() -> listed(jdbc) >= accounts, Duration.ofMinutes(5));
            double inReadModel = (System.nanoTime() - start) / 1e9;
            var stats1 = sandbox.azure().stats();
            System.out.printf(
                    "first sweep: %.1f s to COMPLETED, %.1f s until all %d accounts are in the read model;"
                            + " Resource Graph queries %d (emulator counted %d), ARM reads %d (emulator %d),"
                            + " events appended %d, throttled %d%n",
                    sweepSeconds,
                    inReadModel,
                    accounts,
                    first.at("/statistics/resourceGraphQueries").asLong(),
                    stats1.resourceGraphQueries() - stats0.resourceGraphQueries(),
                    first.at("/statistics/armReads").asLong(),
                    stats1.armReads() - stats0.armReads(),
                    events(jdbc) - events0,
                    first.at("/statistics/throttled").asLong());

            long events1 = events(jdbc);
            start = System.nanoTime();
            JsonNode quiet = sweep();
            double quietSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    "quiet sweep: %.1f s, changes %d, events appended %d (the sweep's own 2), RG queries %d,"
                            + " ARM reads %d%n",
                    quietSeconds,
                    quiet.at("/statistics/changes").asLong(),
                    events(jdbc) - events1,
                    quiet.at("/statistics/resourceGraphQueries").asLong(),
                    quiet.at("/statistics/armReads").asLong());

            System.out.println("== read model: growing the history to ~" + accounts * (rounds + 1) + " events");
            for (int round = 1; round <= rounds; round++) {
                sandbox.azure()
                        .seed(SUB, "rg-fleet", accounts, "stfleet", Map.of("owner", "someone", "round", "r" + round));
                long t = System.nanoTime();
                JsonNode changed = sweep();
                System.out.printf(
                        "  round %d: %d changes recorded in %.1f s%n",
                        round, changed.at("/statistics/changes").asLong(), (System.nanoTime() - t) / 1e9);
            }
            long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
            waitUntil(() -> lag() == 0, Duration.ofMinutes(10));
            System.out.printf("event store: %d events, read model caught up%n", events(jdbc));

            List<String> ids = jdbc.queryForList(
                    "SELECT resource_id::text FROM account_view_" + active() + " WHERE listed", String.class);
            Paths lists = () -> {
                int pick = ThreadLocalRandom.current().nextInt(4);
                String query =
                        switch (pick) {
                            case 0 -> "limit=50";
                            case 1 -> "state=CLOUD_ONLY&limit=50";
                            case 2 -> "q=stfleet0" + ThreadLocalRandom.current().nextInt(10) + "&limit=50";
                            default -> "subscriptionId=" + SUB + "&limit=100";
                        };
                return "/api/v1/storage-accounts?" + query;
            };
            load("list", 4, seconds, lists); // the load two cores serve without queueing
            load("list", clients, seconds, () -> {
                int pick = ThreadLocalRandom.current().nextInt(4);
                String query =
                        switch (pick) {
                            case 0 -> "limit=50";
                            case 1 -> "state=CLOUD_ONLY&limit=50";
                            case 2 -> "q=stfleet0" + ThreadLocalRandom.current().nextInt(10) + "&limit=50";
                            default -> "subscriptionId=" + SUB + "&limit=100";
                        };
                return "/api/v1/storage-accounts?" + query;
            });
            load("list (next pages)", clients, seconds, () -> {
                String name =
                        String.format("stfleet%05d", ThreadLocalRandom.current().nextInt(accounts));
                String cursor = java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString((name + "\n" + "00000000-0000-0000-0000-000000000000")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return "/api/v1/storage-accounts?limit=50&cursor=" + cursor;
            });
            load(
                    "detail",
                    clients,
                    seconds,
                    () -> "/api/v1/storage-accounts/"
                            + ids.get(ThreadLocalRandom.current().nextInt(ids.size())));

            long scanStart = System.nanoTime();
            Long bytes = jdbc.queryForObject(
                    "SELECT sum(length(payload) + length(meta_data)) FROM domain_event_entry", Long.class);
            double scanSeconds = (System.nanoTime() - scanStart) / 1e9;
            long total = events(jdbc);
            System.out.printf(
                    "PostgreSQL scan of the event table: %d events (%.1f MB of payload and metadata) in %.2f s ="
                            + " %.0f events/s%n",
                    total, bytes / 1e6, scanSeconds, total / scanSeconds);

            char before = active();
            start = System.nanoTime();
            send("POST", "/api/v1/admin/projections/rebuild");
            waitUntil(() -> active() != before, Duration.ofMinutes(10));
            double rebuildSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    "rebuild: %d events replayed into a fresh copy and switched over in %.1f s = %.0f events/s"
                            + " (%.0f%% of the scan rate)%n",
                    head, rebuildSeconds, head / rebuildSeconds, 100 * (head / rebuildSeconds) / (total / scanSeconds));
            long differing = jdbc.queryForObject(
                    "SELECT count(*) FROM account_view_a a FULL JOIN account_view_b b USING (resource_id)"
                            + " WHERE a.state IS DISTINCT FROM b.state OR a.listed IS DISTINCT FROM b.listed"
                            + " OR a.drift_count IS DISTINCT FROM b.drift_count",
                    Long.class);
            System.out.printf("rebuilt copy against the live one: %d accounts differ%n", differing);
        } finally {
            sandbox.stop();
        }
        System.exit(0);
    }

    interface Paths {
        String next();
    }

    private static void load(String what, int clients, int seconds, Paths paths) throws Exception {
        String token = token("viewer");
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        // warm-up, then measure
        for (int phase = 0; phase < 2; phase++) {
            latencies.clear();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(phase == 0 ? 5 : seconds);
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            for (int c = 0; c < clients; c++) {
                pool.execute(() -> {
                    while (System.nanoTime() < until) {
                        try {
                            long t = System.nanoTime();
                            HttpResponse<String> answer = http.send(
                                    HttpRequest.newBuilder(URI.create(base() + paths.next()))
                                            .header("Authorization", "Bearer " + token)
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (answer.statusCode() != 200) {
                                throw new IllegalStateException(answer.statusCode() + " " + answer.body());
                            }
                            latencies.add(System.nanoTime() - t);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(seconds + 30, TimeUnit.SECONDS);
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(
                "%s: %d requests in %d s with %d clients = %.0f/s; p50 %.1f ms, p99 %.1f ms%n",
                what,
                sorted.size(),
                seconds,
                clients,
                sorted.size() / (double) seconds,
                percentile(sorted, 50) / 1e6,
                percentile(sorted, 99) / 1e6);
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty()
                ? -1
                : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static char active() throws Exception {
        return send("GET", "/api/v1/admin/projections")
                .get("activeCopy")
                .asText()
                .charAt(0);
    }

    private static long lag() throws Exception {
        return send("GET", "/api/v1/platform/health").at("/projections/lag").asLong();
    }

    private static long listed(JdbcTemplate jdbc) throws Exception {
        return jdbc.queryForObject("SELECT count(*) FROM account_view_" + active() + " WHERE listed", Long.class);
    }

    private static long events(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    private static JsonNode sweep() throws Exception {
        String sweepId =
                send("POST", "/api/v1/observation/sweeps").get("sweepId").asText();
        JsonNode[] last = new JsonNode[1];
        waitUntil(
                () -> {
                    last[0] = send("GET", "/api/v1/observation/sweeps/" + sweepId);
                    return !last[0].get("status").asText().equals("RUNNING");
                },
                Duration.ofMinutes(10));
        if (!last[0].get("status").asText().equals("COMPLETED")) {
            throw new IllegalStateException("sweep failed: " + last[0]);
        }
        return last[0];
    }

    interface Check {
        boolean done() throws Exception;
    }

    private static void waitUntil(Check check, Duration atMost) throws Exception {
        long until = System.nanoTime() + atMost.toNanos();
        while (!check.done()) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("not done within " + atMost);
            }
            Thread.sleep(100);
        }
    }

    private static String base() {
        return "http://127.0.0.1:" + sandbox.apiPort();
    }

    private static String token(String roles) throws Exception {
        return JSON.readTree(http.send(
                                HttpRequest.newBuilder(URI.create(base() + "/sandbox/token?roles=" + roles))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body())
                .get("token")
                .asText();
    }

    private static JsonNode send(String method, String path) throws Exception {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(base() + path))
                        .header("Authorization", "Bearer " + token("operator"))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + ": " + answer.statusCode() + " " + answer.body());
        }
        return JSON.readTree(answer.body());
    }
}
