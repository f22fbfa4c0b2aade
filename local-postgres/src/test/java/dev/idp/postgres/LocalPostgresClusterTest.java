package dev.idp.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class LocalPostgresClusterTest {

    private static PostgresBinaries binaries;

    @TempDir
    Path temp;

    @BeforeAll
    static void findBinaries() {
        binaries = Sql.localBinaries();
    }

    @Test
    void throwawayClusterAnswersAndLeavesNothingBehind() throws Exception {
        LocalPostgresCluster cluster = LocalPostgresCluster.start(binaries, null, 0);
        long pid;
        Path directory = cluster.directory();
        try {
            assertThat(Sql.queryOne(cluster, "postgres", "select version()"))
                    .startsWith("PostgreSQL " + binaries.version());
            assertThat(Sql.queryOne(cluster, "postgres", "show fsync")).isEqualTo("on");
            assertThat(Sql.queryOne(cluster, "postgres", "show max_connections"))
                    .isEqualTo("200");
            assertThat(Sql.queryOne(cluster, "postgres", "show shared_buffers")).isEqualTo("256MB");
            assertThat(Sql.queryOne(cluster, "postgres", "show listen_addresses"))
                    .isEqualTo("127.0.0.1");
            assertThat(cluster.describe())
                    .startsWith("PostgreSQL " + binaries.version() + " from " + binaries.directory() + " on 127.0.0.1:"
                            + cluster.port() + ", data in " + cluster.dataDirectory());
            assertThat(directory.getFileName().toString()).startsWith(LocalPostgresCluster.THROWAWAY_PREFIX);
            pid = cluster.postmasterPid().orElseThrow();
            assertThat(LocalPostgresCluster.isRunning(pid)).isTrue();
        } finally {
            cluster.close();
        }
        assertThat(LocalPostgresCluster.isRunning(pid)).isFalse();
        assertThat(directory).doesNotExist();
        cluster.close(); // a second close does nothing
    }

    @Test
    void persistentClusterKeepsItsDataAcrossRestarts() throws Exception {
        Path data = Sql.traversable(temp).resolve("pgdata");
        try (LocalPostgresCluster first = LocalPostgresCluster.start(binaries, data, 0)) {
            Sql.execute(first, "postgres", "create table kept(id int primary key)", "insert into kept values (42)");
        }
        assertThat(data.resolve("PG_VERSION")).exists();
        assertThat(data.resolve("postmaster.pid")).doesNotExist();
        try (LocalPostgresCluster second = LocalPostgresCluster.start(binaries, data, 0)) {
            assertThat(Sql.queryOne(second, "postgres", "select id from kept")).isEqualTo("42");
        }
        assertThat(data.resolve("server.log")).isNotEmptyFile();
    }

    @Test
    void restartsAfterTheServerWasKilled() throws Exception {
        Path data = Sql.traversable(temp).resolve("pgdata");
        LocalPostgresCluster killed = LocalPostgresCluster.start(binaries, data, 0);
        Sql.execute(killed, "postgres", "create table survivor(id int)", "insert into survivor values (7)");
        ProcessHandle postmaster =
                ProcessHandle.of(killed.postmasterPid().orElseThrow()).orElseThrow();
        postmaster.destroyForcibly(); // SIGKILL: no shutdown, postmaster.pid stays
        awaitGone(postmaster); // a zombie until init reaps it, which PostgreSQL takes for a live postmaster
        assertThat(data.resolve("postmaster.pid")).exists();
        killed.close(); // finds the server gone and leaves the stale file to PostgreSQL

        try (LocalPostgresCluster restarted = LocalPostgresCluster.start(binaries, data, 0)) {
            assertThat(Sql.queryOne(restarted, "postgres", "select id from survivor"))
                    .isEqualTo("7");
            assertThat(restarted.postmasterPid()).isPresent().hasValueSatisfying(pid -> assertThat(pid)
                    .isNotEqualTo(postmaster.pid()));
        }
    }

    @Test
    void clustersLeftByAKilledJvmAreStoppedAndRemoved() throws Exception {
        Path data = Sql.traversable(temp).resolve("pgdata");
        Process jvm = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        OrphanMaker.class.getName(),
                        data.toString())
                .redirectErrorStream(true)
                .start();
        Map<String, String> reported = new HashMap<>();
        try {
            BufferedReader output =
                    new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
            for (String line; (line = output.readLine()) != null && !line.equals(OrphanMaker.READY); ) {
                if (line.startsWith(OrphanMaker.REPORT)) {
                    String[] keyAndValue =
                            line.substring(OrphanMaker.REPORT.length()).split("=", 2);
                    reported.put(keyAndValue[0], keyAndValue[1]);
                }
            }
        } finally {
            jvm.destroyForcibly(); // SIGKILL: the JVM's shutdown hooks do not run
            jvm.waitFor();
        }
        assertThat(reported).containsKeys("persistentPid", "throwawayPid", "throwawayDirectory");
        ProcessHandle persistentOrphan =
                ProcessHandle.of(Long.parseLong(reported.get("persistentPid"))).orElseThrow();
        ProcessHandle throwawayOrphan =
                ProcessHandle.of(Long.parseLong(reported.get("throwawayPid"))).orElseThrow();
        Path throwawayDirectory = Path.of(reported.get("throwawayDirectory"));
        assertThat(LocalPostgresCluster.isRunning(persistentOrphan)).isTrue();
        assertThat(LocalPostgresCluster.isRunning(throwawayOrphan)).isTrue();

        // Directories younger than 10 s are spared (their JVM may be about to lock them); age this one.
        Files.setLastModifiedTime(
                throwawayDirectory.resolve(LocalPostgresCluster.LOCK_FILE),
                FileTime.from(Instant.now().minus(Duration.ofMinutes(1))));
        LocalPostgresCluster.reapOrphanedThrowawayClusters();
        assertThat(LocalPostgresCluster.isRunning(throwawayOrphan)).isFalse();
        assertThat(throwawayDirectory).doesNotExist();

        try (LocalPostgresCluster successor = LocalPostgresCluster.start(binaries, data, 0)) {
            assertThat(LocalPostgresCluster.isRunning(persistentOrphan)).isFalse();
            assertThat(Sql.queryOne(successor, "postgres", "select note from orphan"))
                    .isEqualTo("kept");
        }
    }

    @Test
    void aDataDirectoryInUseIsRefused() throws Exception {
        Path data = Sql.traversable(temp).resolve("pgdata");
        try (LocalPostgresCluster owner = LocalPostgresCluster.start(binaries, data, 0)) {
            assertThatThrownBy(() -> LocalPostgresCluster.start(binaries, data, 0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is in use");
            assertThat(Sql.queryOne(owner, "postgres", "select 1")).isEqualTo("1");
        }
    }

    @Test
    void aPortTakenMeanwhileIsRetriedWithAnother() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            AtomicInteger calls = new AtomicInteger();
            try (LocalPostgresCluster cluster = LocalPostgresCluster.start(
                    binaries,
                    null,
                    0,
                    () -> calls.getAndIncrement() == 0 ? squatter.getLocalPort() : LocalPostgresCluster.freePort())) {
                assertThat(calls).hasValue(2);
                assertThat(cluster.port()).isNotEqualTo(squatter.getLocalPort());
                assertThat(Sql.queryOne(cluster, "postgres", "select 1")).isEqualTo("1");
            }
        }
    }

    private static void awaitGone(ProcessHandle process) throws InterruptedException {
        while (LocalPostgresCluster.isRunning(process)) {
            Thread.sleep(10);
        }
    }

    @Test
    void aFailedStartReportsTheServerLogAndCleansUp() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Throwable failure =
                    catchThrowable(() -> LocalPostgresCluster.start(binaries, null, squatter.getLocalPort()));
            assertThat(failure)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("did not start on 127.0.0.1:" + squatter.getLocalPort())
                    .hasMessageContaining("server.log")
                    .hasMessageContaining("Address already in use");
            Matcher dataDirectory = Pattern.compile("with data in (\\S+)").matcher(failure.getMessage());
            assertThat(dataDirectory.find()).isTrue();
            Path root = Path.of(dataDirectory.group(1)).getParent();
            assertThat(root.getFileName().toString()).startsWith(LocalPostgresCluster.THROWAWAY_PREFIX);
            assertThat(root).doesNotExist();
        }
    }
}
