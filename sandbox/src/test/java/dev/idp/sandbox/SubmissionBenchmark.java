package dev.idp.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

/**
 * The foundation's load figure: submissions over HTTP with 32 concurrent clients for 30 s, JWT checked, event committed
 * before each 202, next to PostgreSQL's own rate for single-row inserts of the same size on the same server, measured
 * in the same run.
 *
 * <p>Run it with {@code ./mvnw -q -pl sandbox -am -DskipTests install && ./mvnw -q -pl sandbox
 * exec:java@submission-benchmark}. Options: {@code -Dclients=32 -Dseconds=30 -DwarmupSeconds=30 -DbaselineSeconds=15}. It starts its own
 * sandbox on a throwaway data directory; the clients share the machine's cores with the service, as they would on a
 * one-box test.
 */
public final class SubmissionBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SubmissionBenchmark() {}

    public static void main(String[] args) throws Exception {
        int clients = Integer.getInteger("clients", 32);
        int seconds = Integer.getInteger("seconds", 30);
        int baselineSeconds = Integer.getInteger("baselineSeconds", 15);
        // Long enough for the JIT: on two cores C2 needs the better part of half a minute to compile the hot paths.
        int warmupSeconds = Integer.getInteger("warmupSeconds", 30);

        Path data = Files.createTempDirectory("idp-bench");
        SandboxTesting.openToPostgres(data);
        SandboxMain.Running sandbox = SandboxMain.start(new SandboxOptions(data, true, "127.0.0.1", 0), new String[0]);
        try {
            int port = sandbox.apiPort();
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            String token = JSON.readTree(http.send(
                                    HttpRequest.newBuilder(URI.create(
                                                    "http://127.0.0.1:" + port + "/sandbox/token?roles=portal"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body())
                    .get("token")
                    .asText();

            System.out.printf("warming up (%d s, %d clients)...%n", warmupSeconds, clients);
            run(http, port, token, clients, Duration.ofSeconds(warmupSeconds), "warm");
            System.out.printf("measuring submissions (%d s, %d clients)...%n", seconds, clients);
            Result submissions = run(http, port, token, clients, Duration.ofSeconds(seconds), "run");

            DataSourceProperties db = sandbox.context().getBean(DataSourceProperties.class);
            int eventBytes = averageEventSize(sandbox.context().getBean(DataSource.class));
            System.out.printf(
                    "measuring PostgreSQL single-row inserts of %d bytes (%d s, %d connections)...%n",
                    eventBytes, baselineSeconds, clients);
            double insertsPerSecond = baselineInserts(db, clients, eventBytes, Duration.ofSeconds(baselineSeconds));

            System.out.println();
            System.out.printf(
                    "submissions accepted:      %,d in %d s (%d other answers, %d errors)%n",
                    submissions.accepted.get(), seconds, submissions.other.get(), submissions.errors.get());
            System.out.printf("accepted submissions/s:    %,.0f%n", submissions.accepted.get() / (double) seconds);
            System.out.printf(
                    "latency p50 / p99 / max:   %.1f / %.1f / %.1f ms%n",
                    submissions.percentile(50), submissions.percentile(99), submissions.percentile(100));
            System.out.printf(
                    "PostgreSQL inserts/s:      %,.0f (single row per transaction, %d B, %d connections)%n",
                    insertsPerSecond, eventBytes, clients);
            System.out.printf(
                    "ratio submissions/inserts: %.2f%n",
                    submissions.accepted.get() / (double) seconds / insertsPerSecond);
        } finally {
            sandbox.stop();
        }
    }

    private static Result run(HttpClient http, int port, String token, int clients, Duration duration, String prefix)
            throws InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/storage-accounts");
        long deadline = System.nanoTime() + duration.toNanos();
        AtomicLong sequence = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        Result result = new Result();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long[] mine = new long[300_000];
            latencies.add(mine);
            int client = c;
            Thread thread = new Thread(
                    () -> {
                        int n = 0;
                        while (System.nanoTime() < deadline && n < mine.length - 1) {
                            String body = submission(prefix, client, sequence.incrementAndGet());
                            HttpRequest request = HttpRequest.newBuilder(uri)
                                    .header("Content-Type", "application/json")
                                    .header("Authorization", "Bearer " + token)
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build();
                            long start = System.nanoTime();
                            try {
                                HttpResponse<Void> response =
                                        http.send(request, HttpResponse.BodyHandlers.discarding());
                                long elapsed = System.nanoTime() - start;
                                if (response.statusCode() == 202) {
                                    mine[n++] = elapsed;
                                    result.accepted.incrementAndGet();
                                } else {
                                    result.other.incrementAndGet();
                                }
                            } catch (Exception e) {
                                result.errors.incrementAndGet();
                            }
                        }
                        mine[mine.length - 1] = n;
                    },
                    "client-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        result.collect(latencies);
        return result;
    }

    private static String submission(String prefix, int client, long n) {
        try {
            return JSON.writeValueAsString(Map.of(
                    "requestId",
                    UUID.randomUUID().toString(),
                    "workflowType",
                    "storage-account",
                    "subscriptionId",
                    "00000000-0000-0000-0000-0000000000a1",
                    "resourceGroup",
                    "rg-bench-" + client,
                    "name",
                    "st" + prefix + Long.toString(n, 36) + "x" + client,
                    "owner",
                    Map.of("team", "bench", "requestedBy", "bench@example.com"),
                    "spec",
                    Map.of(
                            "location", "westeurope",
                            "accountKind", "StorageV2",
                            "accountTier", "Standard",
                            "replicationType", "ZRS",
                            "tags", Map.of("costCenter", "cc-" + client))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bytes one submission's event occupies: payload plus metadata, as stored. */
    private static int averageEventSize(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "select avg(octet_length(payload) + octet_length(meta_data))::int from domain_event_entry")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static double baselineInserts(DataSourceProperties db, int connections, int bytes, Duration duration)
            throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.getUrl());
        config.setUsername(db.getUsername());
        config.setPassword(db.getPassword());
        config.setMaximumPoolSize(connections);
        config.setAutoCommit(true);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            try (Connection c = pool.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("create table if not exists bench_insert (id bigserial primary key, payload bytea not null)");
                s.execute("truncate bench_insert");
            }
            long deadline = System.nanoTime() + duration.toNanos();
            AtomicLong inserted = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                Thread thread = new Thread(() -> {
                    byte[] payload = new byte[bytes];
                    try (Connection c = pool.getConnection();
                            PreparedStatement insert =
                                    c.prepareStatement("insert into bench_insert(payload) values (?)")) {
                        while (System.nanoTime() < deadline) {
                            ThreadLocalRandom.current().nextBytes(payload);
                            insert.setBytes(1, payload);
                            insert.executeUpdate();
                            inserted.incrementAndGet();
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            try (Connection c = pool.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("drop table bench_insert");
            }
            return inserted.get() / (double) duration.toSeconds();
        }
    }

    private static final class Result {
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong other = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        long[] sorted = new long[0];

        void collect(List<long[]> perClient) {
            int total = perClient.stream().mapToInt(l -> (int) l[l.length - 1]).sum();
            sorted = new long[total];
            int at = 0;
            for (long[] l : perClient) {
                int n = (int) l[l.length - 1];
                System.arraycopy(l, 0, sorted, at, n);
                at += n;
            }
            Arrays.sort(sorted);
        }

        double percentile(double p) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
            return sorted[Math.max(0, index)] / 1_000_000.0;
        }
    }
}
