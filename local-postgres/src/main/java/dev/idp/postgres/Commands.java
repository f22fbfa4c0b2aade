package dev.idp.postgres;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the PostgreSQL command line tools as child processes and collects what they print. */
final class Commands {

    private static final Logger log = LoggerFactory.getLogger(Commands.class);

    private Commands() {}

    /** What a finished command returned and printed (stdout and stderr together). */
    record Result(int exitCode, String output) {
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    /**
     * Runs {@code command} in {@code /} (so that a user switched to with {@code runuser} never meets a working
     * directory it cannot read) and waits for it.
     *
     * <p>The output goes to a temporary file rather than a pipe: {@code pg_ctl start} leaves a server behind, and no
     * descendant holding a pipe open can make this call hang.
     *
     * @throws IllegalStateException if the program cannot be started or does not finish within {@code timeout}
     */
    static Result run(List<String> command, Duration timeout) {
        Path output = null;
        long started = System.nanoTime();
        try {
            output = Files.createTempFile("idp-pgcmd-", ".out");
            Process process = new ProcessBuilder(command)
                    .directory(new File("/"))
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(output.toFile())
                    .start();
            boolean finished;
            try {
                finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
            }
            if (!finished) {
                process.destroyForcibly();
                throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s: "
                        + String.join(" ", command) + "\n" + read(output));
            }
            Result result = new Result(process.exitValue(), read(output));
            log.debug(
                    "{} exited with {} after {} ms",
                    String.join(" ", command),
                    result.exitCode(),
                    (System.nanoTime() - started) / 1_000_000);
            return result;
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } finally {
            deleteIfExists(output);
        }
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static void deleteIfExists(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + file, e);
        }
    }
}
