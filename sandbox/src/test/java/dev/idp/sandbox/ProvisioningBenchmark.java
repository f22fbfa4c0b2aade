package dev.idp.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 4's figures: 1,000 submissions through the sandbox, from each 202 to its MR applied
 * ({@code ManagedResourceAppliedEvent}) and to Ready ({@code ProvisioningCompletedEvent}), median and p99; and how the
 * live saga count, the deadline table and the database grow with them.
 *
 * <p>Run it with {@code ./mvnw -q -pl sandbox -am -DskipTests install && ./mvnw -q -pl sandbox
 * exec:java@provisioning-benchmark}. Options: {@code -Dcount=1000 -Dclients=16}.
 */
public final class ProvisioningBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProvisioningBenchmark() {}

    public static void main(String[] args) throws Exception {
        int count = Integer.getInteger("count", 1000);
        int clients = Integer.getInteger("clients", 16);
        Path data = Files.createTempDirectory("idp-provisioning-bench");
        SandboxTesting.openToPostgres(data);
        SandboxMain.Running sandbox = SandboxMain.start(
                new SandboxOptions(data, true, "127.0.0.1", 0, 0, 0, Duration.ofMinutes(10)), new String[0]);
        try {
            JdbcTemplate jdbc = sandbox.context().getBean(JdbcTemplate.class);
            long dbBefore = databaseSize(jdbc);
            long eventsBefore = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = "http://127.0.0.1:" + sandbox.apiPort();
            String token = JSON.readTree(http.send(
                                    HttpRequest.newBuilder(URI.create(base + "/sandbox/token?roles=portal"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body())
                    .get("token")
                    .asText();

            Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
            AtomicInteger next = new AtomicInteger();
            String run = Long.toString(System.currentTimeMillis() % 100_000, 36);
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long start = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                pool.execute(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        try {
                            String name = "stb" + run + String.format("%05d", i);
                            String body = JSON.writeValueAsString(Map.of(
                                    "requestId",
                                    UUID.randomUUID().toString(),
                                    "workflowType",
                                    "storage-account",
                                    "subscriptionId",
                                    "00000000-0000-0000-0000-0000000000a1",
                                    "resourceGroup",
                                    "rg-bench",
                                    "name",
                                    name,
                                    "owner",
                                    Map.of("team", "bench", "requestedBy", "bench@example.com"),
                                    "spec",
                                    Map.of(
                                            "location", "westeurope",
                                            "accountKind", "StorageV2",
                                            "accountTier", "Standard",
                                            "replicationType", "ZRS")));
                            HttpResponse<String> answer = http.send(
                                    HttpRequest.newBuilder(URI.create(base + "/api/v1/storage-accounts"))
                                            .header("Content-Type", "application/json")
                                            .header("Authorization", "Bearer " + token)
                                            .POST(HttpRequest.BodyPublishers.ofString(body))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
                            long at = System.currentTimeMillis();
                            if (answer.statusCode() != 202) {
                                throw new IllegalStateException(answer.statusCode() + " " + answer.body());
                            }
                            acceptedAt.put(
                                    JSON.readTree(answer.body())
                                            .get("resourceId")
                                            .asText(),
                                    at);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.MINUTES);
            double submitSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%d submissions accepted in %.1f s%n", acceptedAt.size(), submitSeconds);

            long maxSagas = 0;
            long maxDeadlines = 0;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
            long completed = 0;
            while (System.nanoTime() < deadline) {
                maxSagas = Math.max(maxSagas, count(jdbc, "SELECT count(*) FROM saga_entry"));
                maxDeadlines = Math.max(maxDeadlines, count(jdbc, "SELECT count(*) FROM scheduled_tasks"));
                completed = count(
                        jdbc,
                        "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%ProvisioningCompletedEvent'");
                if (completed >= count) {
                    break;
                }
                Thread.sleep(500);
            }
            double allReadySeconds = (System.nanoTime() - start) / 1e9;
            Thread.sleep(3000); // let the sagas see the completions and end
            List<Long> toApplied = new ArrayList<>();
            List<Long> toReady = new ArrayList<>();
            for (var row :
                    jdbc.queryForList("SELECT aggregate_identifier, payload_type, time_stamp FROM domain_event_entry"
                            + " WHERE payload_type LIKE '%ManagedResourceAppliedEvent'"
                            + " OR payload_type LIKE '%ProvisioningCompletedEvent'")) {
                Long accepted = acceptedAt.get((String) row.get("aggregate_identifier"));
                if (accepted == null) {
                    continue;
                }
                long millis = Instant.parse((String) row.get("time_stamp")).toEpochMilli() - accepted;
                if (((String) row.get("payload_type")).endsWith("ManagedResourceAppliedEvent")) {
                    toApplied.add(Math.max(0, millis));
                } else {
                    toReady.add(Math.max(0, millis));
                }
            }
            long dbAfter = databaseSize(jdbc);
            long eventsAfter = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
            System.out.printf(
                    "202 -> MR applied: n=%d median %d ms, p99 %d ms%n",
                    toApplied.size(), percentile(toApplied, 50), percentile(toApplied, 99));
            System.out.printf(
                    "202 -> Ready:      n=%d median %d ms, p99 %d ms (all %d Ready %.1f s after the first submission)%n",
                    toReady.size(), percentile(toReady, 50), percentile(toReady, 99), completed, allReadySeconds);
            System.out.printf(
                    "sagas: at most %d live, %d left after completion; deadlines: at most %d scheduled, %d left%n",
                    maxSagas,
                    count(jdbc, "SELECT count(*) FROM saga_entry"),
                    maxDeadlines,
                    count(jdbc, "SELECT count(*) FROM scheduled_tasks"));
            System.out.printf(
                    "database: %.1f MB -> %.1f MB (+%.1f kB per account); events: +%d (%.1f per account)%n",
                    dbBefore / 1e6,
                    dbAfter / 1e6,
                    (dbAfter - dbBefore) / 1e3 / count,
                    eventsAfter - eventsBefore,
                    (eventsAfter - eventsBefore) / (double) count);
            System.out.printf(
                    "emulator: %s; ARM writes by the provider: %d%n",
                    sandbox.azure().stats(), sandbox.azure().operations().size());
        } finally {
            sandbox.stop();
        }
        System.exit(0);
    }

    private static long count(JdbcTemplate jdbc, String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    private static long databaseSize(JdbcTemplate jdbc) {
        try {
            jdbc.execute("CHECKPOINT"); // flush, so the size counts what was written
        } catch (RuntimeException e) {
            // not a superuser: the size is then what the files hold so far
        }
        return jdbc.queryForObject("SELECT pg_database_size(current_database())", Long.class);
    }

    private static long percentile(List<Long> values, int p) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
