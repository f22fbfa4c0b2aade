package dev.idp.sandbox;

import dev.idp.emulator.azure.AzureEmulator;
import dev.idp.postgres.PostgresOptions;
import dev.idp.postgres.PostgresProvisioner;
import dev.idp.postgres.PostgresServer;
import dev.idp.sandbox.kubernetes.KubernetesSandbox;
import dev.idp.sandbox.kubernetes.ProviderSimulator;
import dev.idp.support.axon.AxonDefaults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar sandbox/target/idp-sandbox.jar}: the whole platform on one machine with embedded defaults. It
 * provides PostgreSQL (its own cluster under the data directory, unless {@code IDP_DATABASE_URL} names one), keys for
 * its own tokens, and then starts the service with configuration only; the service's code paths are the production
 * ones. Ctrl-C stops the service, then PostgreSQL.
 */
public final class SandboxMain {

    /** The subscription the sandbox's platform observes, per the contract. */
    static final String OBSERVED_SUBSCRIPTION = "00000000-0000-0000-0000-0000000000a1";
    /** The service's own principal at the Azure emulator. */
    static final String SERVICE_PRINCIPAL = "idp-service";

    private SandboxMain() {}

    public static void main(String[] args) {
        SandboxOptions options;
        try {
            options = SandboxOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            start(options, args);
        } catch (RuntimeException e) {
            System.err.println("The sandbox could not start: " + e.getMessage());
            e.printStackTrace(System.err);
            System.exit(1);
        }
    }

    /** Starts everything; the returned handle stops it again (tests use it, {@link #main} leaves it to Ctrl-C). */
    static Running start(SandboxOptions options, String[] args) {
        long started = System.nanoTime();
        AxonDefaults.disableUpdateChecker();
        if (options.fresh()) {
            deleteRecursively(options.dataDirectory());
        }
        createDirectories(options.dataDirectory());
        PostgresServer postgres = PostgresProvisioner.provision(PostgresOptions.fromEnvironment(
                "IDP_DATABASE", options.dataDirectory().resolve("postgres")));
        ConfigurableApplicationContext context;
        java.util.function.Supplier<ConfigurableApplicationContext> service;
        AzureEmulator azure = null;
        KubernetesSandbox kubernetes = null;
        ProviderSimulator provider = null;
        try {
            azure = AzureEmulator.start(AzureEmulator.Options.defaults(
                            options.dataDirectory().resolve("azure"))
                    .withAddress(options.apiAddress())
                    .withPort(options.azurePort())
                    .withStateFile(options.dataDirectory().resolve("azure").resolve("accounts.json")));
            String jdbcUrl = System.getenv("IDP_DATABASE_URL") != null
                    ? System.getenv("IDP_DATABASE_URL")
                    : postgres.createDatabase("idp");
            SandboxKeys keys = SandboxKeys.loadOrCreate(options.dataDirectory().resolve("keys"));
            SandboxTokens tokens = new SandboxTokens(keys);
            kubernetes = KubernetesSandbox.start(options.apiAddress(), options.kubernetesPort());
            provider = new ProviderSimulator(
                            kubernetes.newClient(),
                            azure.baseUrl(),
                            azure.certificate(),
                            tokens.azurePrincipal(KubernetesSandbox.PROVIDER_NAME),
                            options.providerPollInterval())
                    .start();
            Map<String, Object> properties = new LinkedHashMap<>();
            putUnlessInEnvironment(
                    properties, "IDP_KUBERNETES_MASTER_URL", "idp.kubernetes.master-url", kubernetes.url());
            properties.put(
                    "idp.sandbox.provider-poll", options.providerPollInterval().toString());
            putUnlessInEnvironment(
                    properties, "IDP_CONTROL_PLANE_PROBE_INTERVAL", "idp.control-plane.probe-interval", "2s");
            putUnlessInEnvironment(properties, "IDP_OBSERVATION_INTERVAL", "idp.observation.interval", "30s");
            properties.put("spring.datasource.url", jdbcUrl);
            properties.put("spring.datasource.username", postgres.username());
            properties.put("spring.datasource.password", postgres.password() == null ? "" : postgres.password());
            properties.put(
                    "idp.sandbox.keys-directory",
                    options.dataDirectory().resolve("keys").toString());
            properties.put("server.address", options.apiAddress());
            properties.put("server.port", options.apiPort());
            putUnlessInEnvironment(
                    properties,
                    "IDP_JWT_PUBLIC_KEY_LOCATION",
                    "idp.security.jwt.public-key-location",
                    keys.publicKeyFile().toUri().toString());
            putUnlessInEnvironment(properties, "IDP_JWT_ISSUER", "idp.security.jwt.issuer", SandboxTokens.ISSUER);
            putUnlessInEnvironment(properties, "IDP_JWT_AUDIENCE", "idp.security.jwt.audience", SandboxTokens.AUDIENCE);
            putUnlessInEnvironment(
                    properties,
                    "IDP_DESIRED_STATE_FILESYSTEM_PATH",
                    "idp.desired-state.filesystem-path",
                    options.dataDirectory().resolve("desired-state").toString());

            // The service reaches the emulator through its real Azure clients: only endpoint, trust and token differ.
            putUnlessInEnvironment(
                    properties,
                    "IDP_AZURE_RESOURCE_MANAGER_ENDPOINT",
                    "idp.azure.resource-manager-endpoint",
                    azure.baseUrl());
            putUnlessInEnvironment(
                    properties,
                    "IDP_AZURE_TRUST_CERTIFICATE",
                    "idp.azure.trust-certificate",
                    azure.certificate().toString());
            putUnlessInEnvironment(
                    properties,
                    "IDP_AZURE_STATIC_TOKEN",
                    "idp.azure.static-token",
                    tokens.azurePrincipal(SERVICE_PRINCIPAL));
            putUnlessInEnvironment(
                    properties, "IDP_AZURE_SUBSCRIPTIONS", "idp.azure.subscriptions", OBSERVED_SUBSCRIPTION);
            properties.put("idp.sandbox.azure-port", azure.port());
            properties.put("idp.sandbox.azure-certificate", azure.certificate().toString());

            KubernetesSandbox cluster = kubernetes;
            AzureEmulator emulator = azure;
            service = () -> {
                SpringApplication application = new SpringApplication(SandboxApplication.class);
                // before the logging system starts: the mock API server logs one line per request otherwise
                application.setDefaultProperties(Map.of("logging.level.io.fabric8.mockwebserver", "WARN"));
                application.addInitializers(ctx -> {
                    ctx.getBeanFactory().registerSingleton("kubernetesSandbox", cluster);
                    ctx.getBeanFactory().registerSingleton("azureEmulator", emulator);
                });
                application.setRegisterShutdownHook(false);
                // As system-level properties they outrank application.yml's defaults, as the environment does.
                application.addInitializers(ctx -> ctx.getEnvironment()
                        .getPropertySources()
                        .addFirst(new org.springframework.core.env.MapPropertySource("sandbox", properties)));
                application.addListeners(event -> {
                    if (event instanceof ApplicationReadyEvent ready) {
                        printReady(options, postgres, ready.getApplicationContext(), started);
                    }
                });
                return application.run(args);
            };
            context = service.get();
        } catch (RuntimeException e) {
            closeAll(provider, kubernetes, azure, postgres);
            throw e;
        }
        Running running = new Running(context, service, postgres, azure, kubernetes, provider);
        Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "sandbox-shutdown"));
        postgres.closeFromOwnersShutdownHook(); // stopped last, by running.stop, after the service let go of it
        return running;
    }

    /** The started sandbox. Stopping closes the service first (its pool, its processors), then PostgreSQL. */
    static final class Running {
        private ConfigurableApplicationContext context;
        private final java.util.function.Supplier<ConfigurableApplicationContext> service;
        private final PostgresServer postgres;
        private final AzureEmulator azure;
        private final KubernetesSandbox kubernetes;
        private final ProviderSimulator provider;
        private boolean stopped;

        Running(
                ConfigurableApplicationContext context,
                java.util.function.Supplier<ConfigurableApplicationContext> service,
                PostgresServer postgres,
                AzureEmulator azure,
                KubernetesSandbox kubernetes,
                ProviderSimulator provider) {
            this.context = context;
            this.service = service;
            this.postgres = postgres;
            this.azure = azure;
            this.kubernetes = kubernetes;
            this.provider = provider;
        }

        KubernetesSandbox kubernetes() {
            return kubernetes;
        }

        AzureEmulator azure() {
            return azure;
        }

        synchronized int apiPort() {
            return ((WebServerApplicationContext) context).getWebServer().getPort();
        }

        synchronized ConfigurableApplicationContext context() {
            return context;
        }

        /**
         * Stops the service (its Spring context: processors, sagas in memory, connections) and starts it again against
         * the same database, cluster and emulator: what a restart of the service's JVM leaves behind.
         */
        synchronized void restartService() {
            context.close();
            context = service.get();
        }

        synchronized void stop() {
            if (stopped) {
                return;
            }
            stopped = true;
            try {
                context.close();
            } finally {
                closeAll(provider, kubernetes, azure, postgres);
            }
        }
    }

    /** Closes what was started, last first; every one is tried even when an earlier one fails. */
    private static void closeAll(AutoCloseable... parts) {
        RuntimeException first = null;
        for (AutoCloseable part : parts) {
            if (part == null) {
                continue;
            }
            try {
                part.close();
            } catch (Exception e) {
                if (first == null) {
                    first = new IllegalStateException(
                            "Could not stop " + part.getClass().getSimpleName(), e);
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static void putUnlessInEnvironment(
            Map<String, Object> properties, String variable, String property, Object value) {
        String fromEnvironment = System.getenv(variable);
        properties.put(property, fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : value);
    }

    private static void printReady(
            SandboxOptions options, PostgresServer postgres, ConfigurableApplicationContext context, long started) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        String api = "http://" + options.apiAddress() + ":" + port;
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.println();
        System.out.println("  IDP sandbox");
        System.out.println("    API            " + api + "   (health: " + api + "/actuator/health)");
        System.out.println("    token          curl -s '" + api + "/sandbox/token?roles=portal,viewer'");
        String azure = "https://" + options.apiAddress() + ":"
                + context.getEnvironment().getProperty("idp.sandbox.azure-port");
        System.out.println(
                "    Azure          " + azure + "   (ARM and Resource Graph; controls: " + azure + "/_emulator/stats)");
        System.out.println("    certificate    " + context.getEnvironment().getProperty("idp.sandbox.azure-certificate")
                + "   (curl --cacert ...)");
        System.out.println("    subscription   " + context.getEnvironment().getProperty("idp.azure.subscriptions")
                + "   (the observed scope)");
        System.out.println("    Kubernetes     " + context.getEnvironment().getProperty("idp.kubernetes.master-url")
                + "   (Crossplane CRDs; provider simulator polls every "
                + context.getEnvironment().getProperty("idp.sandbox.provider-poll") + ")");
        System.out.println("    PostgreSQL     " + postgres.describe());
        System.out.println("    data           " + options.dataDirectory() + "   (--fresh wipes it)");
        System.out.println(
                "    archive        " + context.getEnvironment().getProperty("idp.desired-state.filesystem-path"));
        System.out.printf("  IDP sandbox ready in %.1f s. Ctrl-C stops it.%n%n", took.toMillis() / 1000.0);
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the sandbox's data directory " + directory, e);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot wipe the sandbox's data directory " + directory, e);
        }
    }
}
