package dev.idp.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL cluster run from the server binaries on this machine with {@code initdb} and {@code pg_ctl}, listening
 * on 127.0.0.1 only, with trust authentication for user {@code postgres}.
 *
 * <p>Throwaway clusters live in {@code java.io.tmpdir/idp-postgres-*} and are deleted on close; persistent ones keep
 * their data directory. Either way {@link #close()} stops the server, and a shutdown hook calls it when the JVM exits
 * normally or on Ctrl-C. A lock file ({@value #LOCK_FILE}) held for the cluster's lifetime tells a later JVM whether a
 * server it finds running was left behind by a JVM that is gone (killed with SIGKILL): such servers are stopped, and
 * such throwaway directories are deleted, when the next cluster starts.
 *
 * <p>initdb and the server refuse to run as root, so as root they run as user {@code postgres} (or {@code nobody})
 * through {@code runuser}, and the directories they write are handed to that user.
 */
final class LocalPostgresCluster extends AbstractPostgresServer {

    private static final Logger log = LoggerFactory.getLogger(LocalPostgresCluster.class);

    static final String SUPERUSER = "postgres";
    static final String HOST = "127.0.0.1";
    static final String THROWAWAY_PREFIX = "idp-postgres-";
    static final String LOCK_FILE = "idp-owner.lock";
    static final String SERVER_LOG = "server.log";

    /** Server settings for a dev box. fsync stays on: durability matters in this project. */
    static final List<String> SERVER_SETTINGS = List.of(
            "listen_addresses=" + HOST,
            "unix_socket_directories=''", // pg_ctl hands -o to /bin/sh, which turns '' into an empty value
            "max_connections=200",
            "shared_buffers=256MB",
            "fsync=on");

    private static final int START_ATTEMPTS = 10;
    private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(2);
    private static final int PG_CTL_WAIT_SECONDS = 60;
    private static final Duration PG_CTL_TIMEOUT = Duration.ofSeconds(PG_CTL_WAIT_SECONDS + 30);
    private static final Duration LEFTOVER_RETRY_DELAY = Duration.ofSeconds(1);
    private static final Duration ORPHAN_MIN_AGE = Duration.ofSeconds(10);
    private static final long SERVER_LOG_ROTATE_BYTES = 10L * 1024 * 1024;
    private static final int LOG_TAIL_CHARS = 4000;

    /** The lock files of this JVM's clusters (real paths). */
    private static final Set<Path> LOCKS_HELD = ConcurrentHashMap.newKeySet();

    private static volatile Boolean runningAsRoot;

    private final PostgresBinaries binaries;
    private final Path throwawayRoot; // null for a persistent cluster
    private final Path dataDirectory;
    private final String runAsUser; // null: as this process's own user
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();
    private FileChannel lockChannel;
    private FileLock lock;
    private Path lockKey;
    private volatile int port;

    private LocalPostgresCluster(PostgresBinaries binaries, Path throwawayRoot, Path dataDirectory, String runAsUser) {
        this.binaries = binaries;
        this.throwawayRoot = throwawayRoot;
        this.dataDirectory = dataDirectory;
        this.runAsUser = runAsUser;
        this.shutdownHook = new Thread(this::closeFromShutdownHook, "idp-postgres-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a cluster: a throwaway one when {@code dataDirectoryOrNull} is null, else a persistent one in that
     * directory (initialised if it has no {@code PG_VERSION}).
     *
     * @param port the port to listen on, or 0 for a free one (then a port taken in the meantime is retried)
     * @throws IllegalStateException if initdb or the server fails; the message holds their output and the tail of
     *     {@code server.log}
     */
    static LocalPostgresCluster start(PostgresBinaries binaries, Path dataDirectoryOrNull, int port) {
        return start(binaries, dataDirectoryOrNull, port, LocalPostgresCluster::freePort);
    }

    /** As {@link #start(PostgresBinaries, Path, int)}, taking free ports from {@code freePorts} (for tests). */
    static LocalPostgresCluster start(
            PostgresBinaries binaries, Path dataDirectoryOrNull, int port, IntSupplier freePorts) {
        LocalPostgresCluster cluster = dataDirectoryOrNull == null
                ? createThrowaway(binaries)
                : createPersistent(binaries, dataDirectoryOrNull);
        try {
            cluster.open(port, freePorts);
            return cluster;
        } catch (RuntimeException e) {
            try {
                cluster.close();
            } catch (RuntimeException cleanupFailure) {
                e.addSuppressed(cleanupFailure);
            }
            throw e;
        }
    }

    private static LocalPostgresCluster createThrowaway(PostgresBinaries binaries) {
        reapOrphanedThrowawayClusters();
        String runAs = isRoot() ? unprivilegedUser() : null;
        try {
            Path root = Files.createTempDirectory(THROWAWAY_PREFIX);
            return new LocalPostgresCluster(binaries, root, root.resolve("data"), runAs);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary directory for PostgreSQL", e);
        }
    }

    private static LocalPostgresCluster createPersistent(PostgresBinaries binaries, Path dataDirectory) {
        Path data = dataDirectory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the PostgreSQL data directory " + data, e);
        }
        return new LocalPostgresCluster(binaries, null, data, runAsUserFor(data));
    }

    private void open(int fixedPort, IntSupplier freePorts) {
        if (throwawayRoot != null) {
            lock(throwawayRoot.resolve(LOCK_FILE));
            handTo(throwawayRoot);
            checkAccess(throwawayRoot);
            initdb(true);
        } else {
            handTo(dataDirectory);
            checkAccess(dataDirectory);
            if (Files.exists(dataDirectory.resolve("PG_VERSION"))) {
                checkVersion();
            } else {
                initdb(false);
            }
            lock(dataDirectory.resolve(LOCK_FILE));
            handleExistingPidFile();
        }
        rotateServerLog();
        startServer(fixedPort, freePorts);
    }

    @Override
    String maintenanceJdbcUrl() {
        return jdbcUrl("postgres");
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + validateDatabaseName(database);
    }

    @Override
    public String username() {
        return SUPERUSER;
    }

    /** Any password works: the cluster trusts connections from 127.0.0.1. */
    @Override
    public String password() {
        return SUPERUSER;
    }

    @Override
    public String describe() {
        return "PostgreSQL " + binaries.version() + " from " + binaries.directory() + " on " + HOST + ":" + port
                + ", data in " + dataDirectory + (throwawayRoot != null ? " (throwaway)" : "")
                + (runAsUser != null ? ", run as user " + runAsUser : "");
    }

    int port() {
        return port;
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    /** The root of a throwaway cluster (deleted on close), or the data directory of a persistent one. */
    Path directory() {
        return throwawayRoot != null ? throwawayRoot : dataDirectory;
    }

    /** The pid of the running postmaster, from {@code postmaster.pid}. */
    Optional<Long> postmasterPid() {
        return readPidFile(dataDirectory).map(PidFile::pid);
    }

    /** Stops the server ({@code pg_ctl stop -m fast}) and deletes a throwaway cluster's directory. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        RuntimeException failure = null;
        if (lock != null) {
            try {
                stopServer(dataDirectory, runAsUser, "fast", binaries);
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        try {
            releaseLock();
            if (throwawayRoot != null) {
                deleteRecursively(throwawayRoot);
            }
        } catch (IOException | RuntimeException e) {
            IllegalStateException cleanup =
                    new IllegalStateException("Could not clean up after PostgreSQL in " + directory(), e);
            if (failure == null) {
                failure = cleanup;
            } else {
                failure.addSuppressed(cleanup);
            }
        }
        removeShutdownHook(shutdownHook);
        if (failure != null) {
            throw failure;
        }
        if (port != 0) {
            log.info(
                    "Stopped PostgreSQL on {}:{}{}",
                    HOST,
                    port,
                    throwawayRoot != null ? " and deleted " + throwawayRoot : "");
        }
    }

    private void closeFromShutdownHook() {
        if (!closed.get()) {
            log.info("JVM exiting: stopping {}", describe());
            close();
        }
    }

    // ---------------------------------------------------------------------------------------------- initdb and start

    private void initdb(boolean throwaway) {
        List<String> command = new ArrayList<>(List.of(
                binaries.initdb().toString(),
                "-D",
                dataDirectory.toString(),
                "-U",
                SUPERUSER,
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C"));
        if (throwaway) {
            command.add("--no-sync"); // the files are deleted on close; the server itself keeps fsync on
        }
        log.info("Initialising a PostgreSQL {} cluster in {}", binaries.version(), dataDirectory);
        Commands.Result result = Commands.run(asUser(runAsUser, command), INITDB_TIMEOUT);
        if (!result.succeeded()) {
            throw new IllegalStateException("initdb failed with exit code " + result.exitCode() + " for "
                    + dataDirectory + ":\n" + result.output().strip());
        }
    }

    private void checkVersion() {
        String dataVersion;
        try {
            dataVersion = Files.readString(dataDirectory.resolve("PG_VERSION")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + dataDirectory.resolve("PG_VERSION"), e);
        }
        if (!"unknown".equals(binaries.version()) && !binaries.matchesMajorVersion(dataVersion)) {
            throw new IllegalStateException("The data directory " + dataDirectory + " belongs to PostgreSQL "
                    + dataVersion + " but the server binaries found are version " + binaries.version() + " in "
                    + binaries.directory() + ": install PostgreSQL " + dataVersion
                    + ", upgrade the directory with pg_upgrade, or use another data directory");
        }
    }

    private void startServer(int fixedPort, IntSupplier freePorts) {
        Path serverLog = dataDirectory.resolve(SERVER_LOG);
        for (int attempt = 1; ; attempt++) {
            int candidate = fixedPort != 0 ? fixedPort : freePorts.getAsInt();
            long logOffset = sizeOf(serverLog);
            Commands.Result result = Commands.run(
                    asUser(
                            runAsUser,
                            List.of(
                                    binaries.pgCtl().toString(),
                                    "start",
                                    "-w",
                                    "-t",
                                    Integer.toString(PG_CTL_WAIT_SECONDS),
                                    "-D",
                                    dataDirectory.toString(),
                                    "-l",
                                    serverLog.toString(),
                                    "-o",
                                    serverOptions(candidate))),
                    PG_CTL_TIMEOUT);
            if (result.succeeded()) {
                port = candidate;
                log.info("Started {}", describe());
                return;
            }
            String logTail = tail(serverLog, logOffset);
            boolean portTaken = logTail.contains("Address already in use");
            boolean leftovers = logTail.contains("pre-existing shared memory block")
                    || (logTail.contains("lock file \"postmaster.pid\" already exists")
                            && readPidFile(dataDirectory)
                                    .map(pidFile -> !isRunning(pidFile.pid()))
                                    .orElse(true));
            if (attempt < START_ATTEMPTS && ((portTaken && fixedPort == 0) || leftovers)) {
                if (portTaken) {
                    log.warn("Port {} was taken before PostgreSQL could bind it; trying another", candidate);
                } else {
                    log.warn("A killed PostgreSQL server on {} has not quite gone yet; retrying", dataDirectory);
                    sleep(LEFTOVER_RETRY_DELAY);
                }
                continue;
            }
            throw new IllegalStateException("PostgreSQL " + binaries.version() + " from " + binaries.directory()
                    + " did not start on " + HOST + ":" + candidate + " with data in " + dataDirectory
                    + " (attempt " + attempt + "): pg_ctl exited with " + result.exitCode() + ":\n"
                    + result.output().strip() + "\n--- end of " + serverLog + " ---\n" + logTail);
        }
    }

    private static String serverOptions(int port) {
        StringBuilder options = new StringBuilder("-p ").append(port);
        SERVER_SETTINGS.forEach(setting -> options.append(" -c ").append(setting));
        return options.toString();
    }

    private void rotateServerLog() {
        Path serverLog = dataDirectory.resolve(SERVER_LOG);
        if (sizeOf(serverLog) > SERVER_LOG_ROTATE_BYTES) {
            try {
                Files.move(serverLog, dataDirectory.resolve(SERVER_LOG + ".1"), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not rotate " + serverLog, e);
            }
        }
    }

    /**
     * Stops the server running on {@code data}, if any, and waits until its postmaster has exited. A
     * {@code postmaster.pid} whose process is gone, or is no postmaster on {@code data}, is left alone: pg_ctl would
     * signal whatever process has that pid now.
     */
    private static void stopServer(Path data, String runAs, String mode, PostgresBinaries binaries) {
        Optional<PidFile> pidFile = readPidFile(data);
        if (pidFile.isEmpty()) {
            return;
        }
        long pid = pidFile.get().pid();
        Optional<ProcessHandle> postmaster = ProcessHandle.of(pid).filter(LocalPostgresCluster::isRunning);
        if (postmaster.isEmpty()) {
            log.info("PostgreSQL (pid {}) on {} is not running any more", pid, data);
            return;
        }
        if (!runsOn(postmaster.get(), data)) {
            log.warn("{} names process {}, which is not a PostgreSQL server on it; leaving it alone", data, pid);
            return;
        }
        Commands.Result first = pgCtlStop(data, runAs, mode, binaries);
        if (first.succeeded()) {
            awaitExit(pid);
            return;
        }
        if (!isRunning(pid)) {
            log.info(
                    "PostgreSQL (pid {}) on {} stopped by itself: {}",
                    pid,
                    data,
                    first.output().strip());
            return;
        }
        log.warn(
                "pg_ctl stop -m {} failed for {}; stopping it immediately: {}",
                mode,
                data,
                first.output().strip());
        Commands.Result immediate = pgCtlStop(data, runAs, "immediate", binaries);
        if (immediate.succeeded()) {
            awaitExit(pid);
            return;
        }
        postmaster.get().destroyForcibly();
        throw new IllegalStateException("Could not stop PostgreSQL (pid " + pid + ") on " + data
                + " with pg_ctl, sent it SIGKILL instead:\n" + first.output().strip() + "\n"
                + immediate.output().strip());
    }

    private static Commands.Result pgCtlStop(Path data, String runAs, String mode, PostgresBinaries binaries) {
        return Commands.run(
                asUser(
                        runAs,
                        List.of(
                                binaries.pgCtl().toString(),
                                "stop",
                                "-D",
                                data.toString(),
                                "-m",
                                mode,
                                "-w",
                                "-t",
                                Integer.toString(PG_CTL_WAIT_SECONDS))),
                PG_CTL_TIMEOUT);
    }

    // ------------------------------------------------------------------------------- servers left by killed JVMs

    /**
     * Deals with a {@code postmaster.pid} found in a persistent data directory this JVM has just locked. If its
     * process is gone, PostgreSQL recovers by itself (and its own interlock waits for leftover backends). If the
     * process is a postmaster on this directory, the JVM that started it is gone (it no longer holds the lock), so it
     * is stopped. If the pid now belongs to another program and no process uses the old shared memory, the stale
     * file is removed (PostgreSQL would take that program for a live postmaster).
     */
    private void handleExistingPidFile() {
        Optional<PidFile> pidFile = readPidFile(dataDirectory);
        if (pidFile.isEmpty()) {
            return;
        }
        long pid = pidFile.get().pid();
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(LocalPostgresCluster::isRunning);
        if (process.isEmpty()) {
            log.info(
                    "{} names process {}, which is gone (killed?); PostgreSQL will recover from the crash",
                    dataDirectory.resolve("postmaster.pid"),
                    pid);
        } else if (runsOn(process.get(), dataDirectory)) {
            log.warn(
                    "PostgreSQL (pid {}) is still running on {} but the JVM that started it is gone; stopping it",
                    pid,
                    dataDirectory);
            stopServer(dataDirectory, runAsUser, "fast", binaries);
        } else if (!pidFile.get().sharedMemoryInUse()) {
            log.warn(
                    "{} names process {}, which is now another program; removing the stale file",
                    dataDirectory.resolve("postmaster.pid"),
                    pid);
            try {
                Files.delete(dataDirectory.resolve("postmaster.pid"));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not remove a stale postmaster.pid in " + dataDirectory, e);
            }
        }
    }

    /**
     * Stops the servers and deletes the directories of throwaway clusters whose JVM is gone (it no longer holds their
     * lock file). Directories younger than {@link #ORPHAN_MIN_AGE} are left alone: their JVM may not have locked them
     * yet.
     */
    static void reapOrphanedThrowawayClusters() {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        try (DirectoryStream<Path> roots = Files.newDirectoryStream(temp, THROWAWAY_PREFIX + "*")) {
            for (Path root : roots) {
                if (Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                    reapIfOrphaned(root);
                }
            }
        } catch (IOException e) {
            log.warn("Could not look for PostgreSQL clusters left behind in {}", temp, e);
        }
    }

    private static void reapIfOrphaned(Path root) {
        Path lockFile = root.resolve(LOCK_FILE);
        try {
            if (!Files.isRegularFile(lockFile)
                    || LOCKS_HELD.contains(lockKey(lockFile))
                    || Files.getLastModifiedTime(lockFile)
                            .toInstant()
                            .isAfter(Instant.now().minus(ORPHAN_MIN_AGE))) {
                return;
            }
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                    FileLock orphanLock = channel.tryLock()) {
                if (orphanLock == null) {
                    return; // its JVM is alive
                }
                Path data = root.resolve("data");
                log.warn("Removing throwaway PostgreSQL cluster {} left behind by a JVM that is gone", root);
                Optional<PidFile> pidFile = readPidFile(data);
                if (pidFile.isPresent()) {
                    Optional<ProcessHandle> process =
                            ProcessHandle.of(pidFile.get().pid()).filter(LocalPostgresCluster::isRunning);
                    if (process.isPresent() && runsOn(process.get(), data)) {
                        stopServer(data, runAsUserFor(data), "immediate", locateBinariesOf(process.get()));
                    }
                }
                deleteRecursively(root);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Could not remove the PostgreSQL cluster {} left behind by a JVM that is gone", root, e);
        }
    }

    /** The pg_ctl next to the postgres executable of a running server. */
    private static PostgresBinaries locateBinariesOf(ProcessHandle postmaster) {
        Path postgres = Path.of(postmaster
                .info()
                .command()
                .orElseThrow(() -> new IllegalStateException("Cannot tell the executable of process " + postmaster)));
        Path bin = postgres.getParent();
        return new PostgresBinaries(bin.resolve("initdb"), bin.resolve("pg_ctl"), "unknown");
    }

    /** Whether {@code process} is a postmaster started with {@code -D data}. */
    static boolean runsOn(ProcessHandle process, Path data) {
        String[] arguments = process.info().arguments().orElse(new String[0]);
        for (int i = 0; i + 1 < arguments.length; i++) {
            if ("-D".equals(arguments[i]) && samePath(Path.of(arguments[i + 1]), data)) {
                return true;
            }
        }
        return false;
    }

    private static boolean samePath(Path a, Path b) {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return a.toRealPath().equals(b.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * What {@code postmaster.pid} says: line 1 the pid, line 7 the System V shared memory key and id.
     *
     * @param shmId the shared memory id, or -1 if unknown
     */
    record PidFile(long pid, long shmId) {

        /**
         * Whether any process still has the server's System V shared memory attached (per {@code
         * /proc/sysvipc/shm}); {@code true} when that cannot be told, which keeps the file.
         */
        boolean sharedMemoryInUse() {
            Path table = Path.of("/proc/sysvipc/shm");
            if (shmId < 0 || !Files.isReadable(table)) {
                return true;
            }
            try (Stream<String> lines = Files.lines(table)) {
                return lines.skip(1)
                        .map(line -> line.trim().split("\\s+"))
                        .filter(columns -> columns.length > 6 && columns[1].equals(Long.toString(shmId)))
                        .anyMatch(columns -> !columns[6].equals("0"));
            } catch (IOException | UncheckedIOException e) {
                log.warn("Could not read {}", table, e);
                return true;
            }
        }
    }

    static Optional<PidFile> readPidFile(Path data) {
        Path file = data.resolve("postmaster.pid");
        List<String> lines;
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            if (!Files.exists(file)) {
                return Optional.empty(); // removed while reading: the server stopped
            }
            throw new UncheckedIOException("Could not read " + file, e);
        }
        if (lines.isEmpty() || !lines.get(0).strip().matches("\\d+")) {
            return Optional.empty();
        }
        long shmId = -1;
        if (lines.size() > 6) {
            String[] keyAndId = lines.get(6).trim().split("\\s+");
            if (keyAndId.length == 2 && keyAndId[1].matches("\\d+")) {
                shmId = Long.parseLong(keyAndId[1]);
            }
        }
        return Optional.of(new PidFile(Long.parseLong(lines.get(0).strip()), shmId));
    }

    // ------------------------------------------------------------------------------------------ users and locking

    /**
     * Locks {@code lockFile} for this cluster's lifetime. Lock files this JVM holds are also kept in {@link
     * #LOCKS_HELD} and never opened a second time: closing any channel to a locked file releases the JVM's lock on it.
     */
    private void lock(Path lockFile) {
        Path key = lockKey(lockFile);
        if (!LOCKS_HELD.add(key)) {
            throw new IllegalStateException(
                    "The PostgreSQL data directory " + dataDirectory + " is in use by another cluster in this JVM");
        }
        try {
            lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock acquired = lockChannel.tryLock();
            if (acquired == null) {
                throw new IllegalStateException("The PostgreSQL data directory " + dataDirectory
                        + " is in use by another process (it holds " + lockFile + ")");
            }
            lock = acquired;
            lockKey = key;
            lockChannel.truncate(0);
            lockChannel.write(
                    ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not lock " + lockFile, e);
        } finally {
            if (lock == null) {
                LOCKS_HELD.remove(key);
                if (lockChannel != null) {
                    closeQuietlyAfterFailure(lockChannel);
                    lockChannel = null;
                }
            }
        }
    }

    private static Path lockKey(Path lockFile) {
        try {
            return lockFile.getParent().toRealPath().resolve(lockFile.getFileName());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not resolve " + lockFile.getParent(), e);
        }
    }

    private static void closeQuietlyAfterFailure(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            log.warn("Could not close {}", channel, e);
        }
    }

    private void releaseLock() throws IOException {
        if (lockChannel != null) {
            try {
                lockChannel.close(); // releases the lock
            } finally {
                LOCKS_HELD.remove(lockKey);
                lockChannel = null;
                lock = null;
            }
        }
    }

    /** When running as root, gives {@code directory} to the user the server runs as. */
    private void handTo(Path directory) {
        if (runAsUser == null) {
            return;
        }
        try {
            if (!Files.getOwner(directory).getName().equals(runAsUser)) {
                Files.setOwner(
                        directory,
                        FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(runAsUser));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not give " + directory + " to user " + runAsUser, e);
        }
    }

    /** Fails clearly if the user the server runs as cannot use {@code directory} (e.g. a parent is private). */
    private void checkAccess(Path directory) {
        if (runAsUser == null) {
            return;
        }
        String path = directory.toString();
        Commands.Result result = Commands.run(
                asUser(runAsUser, List.of("test", "-r", path, "-a", "-w", path, "-a", "-x", path)),
                Duration.ofSeconds(30));
        if (!result.succeeded()) {
            throw new IllegalStateException("PostgreSQL refuses to run as root, so it runs as user " + runAsUser
                    + " here, but that user cannot use " + directory
                    + ": make every parent directory searchable by it (chmod o+x) or choose a directory elsewhere"
                    + (result.output().isBlank() ? "" : ":\n" + result.output().strip()));
        }
    }

    private static List<String> asUser(String user, List<String> command) {
        if (user == null) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", user, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** The user to run as for {@code data}: its owner if that is not root, else {@link #unprivilegedUser()}. */
    private static String runAsUserFor(Path data) {
        if (!isRoot()) {
            return null;
        }
        try {
            String owner = Files.getOwner(data).getName();
            return owner.equals("root") ? unprivilegedUser() : owner;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the owner of " + data, e);
        }
    }

    /** {@code postgres} if that user exists, else {@code nobody}. */
    static String unprivilegedUser() {
        for (String candidate : List.of("postgres", "nobody")) {
            try {
                FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(candidate);
                return candidate;
            } catch (UserPrincipalNotFoundException e) {
                log.debug("No user {}", candidate);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not look up user " + candidate, e);
            }
        }
        throw new IllegalStateException(
                "Running as root, PostgreSQL needs an unprivileged user to run as, but neither postgres nor nobody"
                        + " exists: create one (useradd --system postgres)");
    }

    /** Whether this process runs with uid 0 ({@code id -u}). */
    static boolean isRoot() {
        Boolean root = runningAsRoot;
        if (root == null) {
            Commands.Result result = Commands.run(List.of("id", "-u"), Duration.ofSeconds(10));
            if (!result.succeeded()) {
                throw new IllegalStateException(
                        "'id -u' failed: " + result.output().strip());
            }
            root = result.output().strip().equals("0");
            runningAsRoot = root;
        }
        return root;
    }

    // ------------------------------------------------------------------------------------------------ small helpers

    /** A port on 127.0.0.1 that was free a moment ago. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port on " + HOST, e);
        }
    }

    /** Whether process {@code pid} exists and has not exited (a zombie waiting to be reaped has exited). */
    static boolean isRunning(long pid) {
        return ProcessHandle.of(pid).map(LocalPostgresCluster::isRunning).orElse(false);
    }

    /**
     * Whether {@code process} has not exited. {@link ProcessHandle#isAlive()} counts zombies as alive, and a
     * postmaster whose parent (pg_ctl) has exited stays a zombie until init gets round to reaping it.
     */
    static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        try {
            String text = Files.readString(stat, StandardCharsets.ISO_8859_1);
            int endOfName = text.lastIndexOf(')');
            return endOfName < 0 || endOfName + 2 >= text.length() || text.charAt(endOfName + 2) != 'Z';
        } catch (IOException e) {
            return process.isAlive(); // no /proc (not Linux), or the process has just gone
        }
    }

    private static void awaitExit(long pid) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (isRunning(pid)) {
            if (System.nanoTime() > deadline) {
                log.warn("PostgreSQL (pid {}) has not exited 10 s after pg_ctl stop returned", pid);
                return;
            }
            sleep(Duration.ofMillis(20));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the size of " + file, e);
        }
    }

    /** The end of what {@code file} gained after {@code offset}: at most {@value #LOG_TAIL_CHARS} characters. */
    static String tail(Path file, long offset) {
        if (!Files.exists(file)) {
            return "(" + file + " does not exist)";
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long start = Math.max(Math.min(offset, size), size - LOG_TAIL_CHARS);
            ByteBuffer buffer = ByteBuffer.allocate((int) (size - start));
            channel.read(buffer, start);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            return text.isBlank() ? "(nothing new in " + file + ")" : text.strip();
        } catch (IOException e) {
            return "(could not read " + file + ": " + e + ")";
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Override
    public void closeFromOwnersShutdownHook() {
        removeShutdownHook(shutdownHook);
    }
}
