package dev.idp.postgres;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** A throwaway {@code postgres:15} container started with Testcontainers. */
final class ContainerPostgresServer extends AbstractPostgresServer {

    private static final Logger log = LoggerFactory.getLogger(ContainerPostgresServer.class);

    static final String IMAGE = "postgres:15";

    /** How long asking whether a Docker engine answers may take before it counts as "no". */
    static final Duration DOCKER_CHECK_TIMEOUT = Duration.ofSeconds(10);

    /** Why Docker cannot be used, or "" when it can; asked once per JVM. */
    private static volatile String dockerUnavailableReason;

    private final PostgreSQLContainer<?> container;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;

    private ContainerPostgresServer(PostgreSQLContainer<?> container) {
        this.container = container;
        this.shutdownHook = new Thread(this::stopFromShutdownHook, "idp-postgres-container-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a container; same settings as a local cluster, fsync kept on. */
    static ContainerPostgresServer start() {
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>(DockerImageName.parse(IMAGE))
                .withCommand("postgres", "-c", "fsync=on", "-c", "max_connections=200", "-c", "shared_buffers=256MB");
        try {
            container.start();
        } catch (RuntimeException e) {
            try {
                container.stop();
            } catch (RuntimeException stopFailure) {
                e.addSuppressed(stopFailure);
            }
            throw e;
        }
        return new ContainerPostgresServer(container);
    }

    /**
     * Asks Testcontainers whether a Docker engine answers, on a daemon thread bounded by {@link
     * #DOCKER_CHECK_TIMEOUT}, so a missing or hanging engine never throws and never takes long.
     *
     * @return why Docker cannot be used, or {@code null} if it can
     */
    static String dockerUnavailableReason() {
        String cached = dockerUnavailableReason;
        if (cached == null) {
            cached = askDocker();
            dockerUnavailableReason = cached;
        }
        return cached.isEmpty() ? null : cached;
    }

    private static String askDocker() {
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "idp-postgres-docker-check");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<Boolean> available =
                    executor.submit(() -> DockerClientFactory.instance().isDockerAvailable());
            return available.get(DOCKER_CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    ? ""
                    : "no Docker engine answered";
        } catch (TimeoutException e) {
            return "no answer from Docker within " + DOCKER_CHECK_TIMEOUT.toSeconds() + " s";
        } catch (ExecutionException e) {
            log.debug("Asking Testcontainers for Docker failed", e.getCause());
            return "asking for Docker failed: " + e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while asking for Docker";
        } finally {
            executor.shutdownNow();
        }
    }

    @Override
    String maintenanceJdbcUrl() {
        return jdbcUrl("postgres");
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + container.getHost() + ":"
                + container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT) + "/"
                + validateDatabaseName(database);
    }

    @Override
    public String username() {
        return container.getUsername();
    }

    @Override
    public String password() {
        return container.getPassword();
    }

    @Override
    public String describe() {
        return "Testcontainers " + IMAGE + " on " + container.getHost() + ":"
                + container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT) + " (container "
                + container.getContainerId().substring(0, 12) + ")";
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            container.stop();
            removeShutdownHook(shutdownHook);
        }
    }

    private void stopFromShutdownHook() {
        if (!closed.get()) {
            log.info("JVM exiting: stopping {}", describe());
            close();
        }
    }

    @Override
    public void closeFromOwnersShutdownHook() {
        removeShutdownHook(shutdownHook);
    }
}
