package dev.idp.command.testing;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Azurite blob service for tests, so that the Azure code is tested against the Blob REST API rather than mocks.
 *
 * <p>Finds {@code azurite-blob} on the {@code PATH} or in {@code <project root>/.tools/azurite} (the project root is the
 * nearest directory above the working directory that holds {@code mvnw}); if it is in neither and {@code npm} is
 * there, installs {@code azurite@3} into {@code .tools/azurite} once, under a file lock so that parallel builds do not
 * race. Without Azurite and without npm, {@link #start()} fails: these tests are not skipped silently.
 *
 * <p>Each instance listens on a free port of 127.0.0.1 and keeps its data in its own temporary directory, which
 * survives {@link #stop()} and {@link #restart()} (to test outages) and is deleted by {@link #close()}.
 */
public final class Azurite implements AutoCloseable {

    /** Azurite's well-known development account, public in its documentation; not a secret. */
    public static final String ACCOUNT_NAME = "devstoreaccount1";

    public static final String ACCOUNT_KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static final String AZURITE_PACKAGE = "azurite@3";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);
    private static final Object INSTALL_LOCK = new Object();

    private final Path executable;
    private final Path location;
    private final int port;
    private Process process;

    private Azurite(Path executable, Path location, int port) {
        this.executable = executable;
        this.location = location;
        this.port = port;
    }

    /** Starts a fresh Azurite blob service and waits until it accepts connections. */
    public static Azurite start() {
        Path executable = findOrInstall();
        try {
            Azurite azurite = new Azurite(executable, Files.createTempDirectory("azurite-"), freePort());
            azurite.launch();
            return azurite;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Azurite", e);
        }
    }

    public int port() {
        return port;
    }

    /** The blob endpoint of the development account, e.g. {@code http://127.0.0.1:10000/devstoreaccount1}. */
    public String blobEndpoint() {
        return "http://127.0.0.1:" + port + "/" + ACCOUNT_NAME;
    }

    public StorageSharedKeyCredential credential() {
        return new StorageSharedKeyCredential(ACCOUNT_NAME, ACCOUNT_KEY);
    }

    /**
     * A client of the development account without the SDK's own retries, so that a test sees each failure (and a
     * retrying decorator is the only one retrying). Bearer tokens are refused over plain HTTP, hence the shared key.
     */
    public BlobServiceClient serviceClient() {
        return new BlobServiceClientBuilder()
                .endpoint(blobEndpoint())
                .credential(credential())
                .retryOptions(
                        new RequestRetryOptions(RetryPolicyType.FIXED, 1, Duration.ofSeconds(30), null, null, null))
                .buildClient();
    }

    /** Stops the process, keeping its data, as in an outage. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        destroyTree(process);
        process = null;
        awaitPortClosed();
    }

    /** Starts again on the same port with the same data. */
    public synchronized void restart() {
        stop();
        launch();
    }

    @Override
    public synchronized void close() {
        stop();
        deleteRecursively(location);
    }

    private synchronized void launch() {
        List<String> command = List.of(
                executable.toString(),
                "--blobHost",
                "127.0.0.1",
                "--blobPort",
                Integer.toString(port),
                "--location",
                location.toString(),
                "--silent",
                "--skipApiVersionCheck",
                "--loose");
        Path log = location.resolve("azurite.log");
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + command, e);
        }
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!accepts(port)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Azurite exited with code " + process.exitValue() + ": " + tail(log));
            }
            if (Instant.now().isAfter(deadline)) {
                destroyTree(process);
                process = null;
                throw new IllegalStateException(
                        "Azurite did not listen on port " + port + " within " + START_TIMEOUT + ": " + tail(log));
            }
            pause(Duration.ofMillis(100));
        }
    }

    private void awaitPortClosed() {
        Instant deadline = Instant.now().plusSeconds(10);
        while (accepts(port)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Port " + port + " still answers after Azurite was stopped");
            }
            pause(Duration.ofMillis(50));
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void destroyTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                descendants.forEach(ProcessHandle::destroyForcibly);
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            descendants.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static Path findOrInstall() {
        Optional<Path> onPath = onPath("azurite-blob");
        if (onPath.isPresent()) {
            return onPath.get();
        }
        Path toolDir = projectRoot().resolve(".tools").resolve("azurite");
        Path installed = toolDir.resolve("node_modules").resolve(".bin").resolve(executableName("azurite-blob"));
        if (Files.isExecutable(installed)) {
            return installed;
        }
        Path npm = onPath("npm")
                .orElseThrow(() -> new IllegalStateException("Azurite is needed for the Azure Blob Storage tests but"
                        + " neither azurite-blob nor npm is on the PATH (" + System.getenv("PATH") + ") and "
                        + installed + " does not exist. Install Node.js with npm, or run: npm install --prefix "
                        + toolDir + " " + AZURITE_PACKAGE));
        install(npm, toolDir, installed);
        return installed;
    }

    /** Installs under a file lock (other JVMs) and a monitor (this JVM, where file locks do not exclude threads). */
    private static void install(Path npm, Path toolDir, Path installed) {
        synchronized (INSTALL_LOCK) {
            try {
                Files.createDirectories(toolDir);
                try (FileChannel lockFile = FileChannel.open(
                                toolDir.getParent().resolve("azurite.lock"),
                                StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE);
                        FileLock lock = lockFile.lock()) {
                    if (!Files.isExecutable(installed)) {
                        runNpmInstall(npm, toolDir, installed);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not install Azurite into " + toolDir, e);
            }
        }
    }

    private static void runNpmInstall(Path npm, Path toolDir, Path installed) throws IOException {
        List<String> command = List.of(
                npm.toString(), "install", "--no-audit", "--no-fund", "--prefix", toolDir.toString(), AZURITE_PACKAGE);
        Path log = toolDir.resolve("npm-install.log");
        Process install = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            if (!install.waitFor(INSTALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                destroyTree(install);
                throw new IllegalStateException(
                        command + " did not finish within " + INSTALL_TIMEOUT + ": " + tail(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            destroyTree(install);
            throw new IllegalStateException("Interrupted while running " + command, e);
        }
        if (install.exitValue() != 0 || !Files.isExecutable(installed)) {
            throw new IllegalStateException(command + " failed (exit code " + install.exitValue() + ", " + installed
                    + " " + (Files.isExecutable(installed) ? "present" : "missing") + "): " + tail(log));
        }
    }

    /** The nearest directory at or above the working directory that holds {@code mvnw}. */
    static Path projectRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "No directory with mvnw at or above " + start + "; cannot find the project root");
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir).resolve(executableName(name)))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static String executableName(String name) {
        return System.getProperty("os.name").toLowerCase().startsWith("windows") ? name + ".cmd" : name;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Azurite", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        List<IOException> failures = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    failures.add(e);
                }
            });
        } catch (IOException e) {
            failures.add(e);
        }
        if (!failures.isEmpty()) {
            UncheckedIOException failure = new UncheckedIOException("Could not delete " + dir, failures.get(0));
            failures.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
    }
}
