package dev.idp.emulator.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Azure, at the REST level, on one HTTPS port: Resource Manager for storage accounts ({@link ArmApi}), Resource Graph
 * ({@link ResourceGraphApi}), Azure's throttling ({@link Throttling}), and the sandbox's controls under
 * {@code /_emulator/}. In memory; the clients under test see only HTTP.
 */
public final class AzureEmulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AzureEmulator.class);

    static {
        // The JDK server writes headers and body apart; without TCP_NODELAY each answer waits out a delayed ACK (~40
        // ms).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /**
     * @param address bind address
     * @param port 0 picks a free port
     * @param certificateDirectory where the TLS certificate is kept ({@link EmulatorCertificate})
     * @param throttling whether Azure's limits apply (on by default, as in Azure)
     * @param resourceGraphQueriesPerWindow Resource Graph's quota per principal (15 in Azure)
     * @param resourceGraphWindow its window (5 s in Azure)
     */
    public record Options(
            String address,
            int port,
            Path certificateDirectory,
            boolean throttling,
            int resourceGraphQueriesPerWindow,
            Duration resourceGraphWindow,
            Clock clock,
            Path stateFile) {

        public static Options defaults(Path certificateDirectory) {
            return new Options(
                    "127.0.0.1", 0, certificateDirectory, true, 15, Duration.ofSeconds(5), Clock.systemUTC(), null);
        }

        public Options withPort(int newPort) {
            return new Options(
                    address,
                    newPort,
                    certificateDirectory,
                    throttling,
                    resourceGraphQueriesPerWindow,
                    resourceGraphWindow,
                    clock,
                    stateFile);
        }

        public Options withAddress(String newAddress) {
            return new Options(
                    newAddress,
                    port,
                    certificateDirectory,
                    throttling,
                    resourceGraphQueriesPerWindow,
                    resourceGraphWindow,
                    clock,
                    stateFile);
        }

        public Options withThrottling(boolean on) {
            return new Options(
                    address,
                    port,
                    certificateDirectory,
                    on,
                    resourceGraphQueriesPerWindow,
                    resourceGraphWindow,
                    clock,
                    stateFile);
        }

        /** Keep Azure's accounts in this file across restarts: loaded at start, written at close. */
        public Options withStateFile(Path file) {
            return new Options(
                    address,
                    port,
                    certificateDirectory,
                    throttling,
                    resourceGraphQueriesPerWindow,
                    resourceGraphWindow,
                    clock,
                    file);
        }
    }

    private final HttpsServer server;
    private final ExecutorService workers;
    private final EmulatorCertificate certificate;
    private final StorageAccountStore store = new StorageAccountStore();
    private final Throttling throttling;
    private final ArmApi arm;
    private final ResourceGraphApi resourceGraph;
    private final Clock clock;
    private final AtomicReference<Faults> faults = new AtomicReference<>(Faults.NONE);
    private final List<Operation> operations = new ArrayList<>();
    private final AtomicLong resourceGraphQueries = new AtomicLong();
    private final AtomicLong armReads = new AtomicLong();
    private final AtomicLong armWrites = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final Path stateFile;

    private AzureEmulator(Options options) throws IOException {
        this.clock = options.clock();
        this.stateFile = options.stateFile();
        if (stateFile != null && java.nio.file.Files.exists(stateFile)) {
            for (JsonNode account : Exchange.JSON.readTree(stateFile.toFile())) {
                store.put(account.get("name").asText(), (ObjectNode) account, Instant.EPOCH);
            }
        }
        this.certificate = EmulatorCertificate.loadOrCreate(options.certificateDirectory());
        this.throttling = new Throttling(
                options.throttling(), options.resourceGraphQueriesPerWindow(), options.resourceGraphWindow(), clock);
        this.arm = new ArmApi(store, clock, this::record);
        this.resourceGraph = new ResourceGraphApi(store, clock, faults::get);
        this.server = HttpsServer.create(new InetSocketAddress(options.address(), options.port()), 256);
        this.server.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
        this.workers = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "azure-emulator");
            t.setDaemon(true);
            return t;
        });
        this.server.setExecutor(workers);
        this.server.createContext("/", this::dispatch);
        this.server.start();
    }

    public static AzureEmulator start(Options options) {
        try {
            return new AzureEmulator(options);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "The Azure emulator cannot listen on " + options.address() + ":" + options.port() + ": "
                            + e.getMessage(),
                    e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code https://127.0.0.1:8181}: what a client sets as ARM's and Resource Graph's endpoint. */
    public String baseUrl() {
        return "https://" + server.getAddress().getHostString() + ":" + port();
    }

    /** The PEM certificate to trust. */
    public Path certificate() {
        return certificate.certificate();
    }

    public synchronized List<Operation> operations() {
        return List.copyOf(operations);
    }

    public Stats stats() {
        return new Stats(resourceGraphQueries.get(), armReads.get(), armWrites.get(), throttled.get());
    }

    public Faults faults() {
        return faults.get();
    }

    public void setFaults(Faults next) {
        faults.set(next);
    }

    /**
     * Creates {@code count} accounts at once, as if made outside the platform: names {@code namePrefix} plus a
     * zero-padded index, StorageV2 Standard_LRS in westeurope, with the given tags.
     */
    public int seed(
            String subscriptionId, String resourceGroup, int count, String namePrefix, Map<String, String> tags) {
        if (count < 0 || count > 100_000) {
            throw new IllegalArgumentException("count must be between 0 and 100000");
        }
        int width = Math.max(1, String.valueOf(Math.max(count - 1, 0)).length());
        if (namePrefix.length() + width > 24 || namePrefix.length() + width < 3) {
            throw new IllegalArgumentException("namePrefix plus the index must make a 3 to 24 character name");
        }
        ObjectNode body = Exchange.JSON.createObjectNode();
        body.put("location", "westeurope");
        body.put("kind", "StorageV2");
        body.putObject("sku").put("name", "Standard_LRS");
        ObjectNode tagNode = body.putObject("tags");
        tags.forEach(tagNode::put);
        ObjectNode properties = body.putObject("properties");
        properties.put("minimumTlsVersion", "TLS1_2");
        properties.put("allowBlobPublicAccess", false);
        for (int i = 0; i < count; i++) {
            String name = namePrefix + String.format("%0" + width + "d", i);
            arm.put(body, subscriptionId, resourceGroup, name, "seed");
        }
        armWrites.addAndGet(count);
        return count;
    }

    /** Forgets every account, operation, count, fault and quota. */
    public synchronized void reset() {
        store.clear();
        operations.clear();
        throttling.reset();
        faults.set(Faults.NONE);
        resourceGraphQueries.set(0);
        armReads.set(0);
        armWrites.set(0);
        throttled.set(0);
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        if (stateFile != null) {
            saveState();
        }
    }

    /** Writes every account to the state file, atomically (a temporary file renamed over it). */
    private void saveState() {
        try {
            ArrayNode accounts = Exchange.JSON.createArrayNode();
            store.live().forEach(accounts::add);
            Path temp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
            java.nio.file.Files.createDirectories(stateFile.toAbsolutePath().getParent());
            Exchange.JSON.writeValue(temp.toFile(), accounts);
            java.nio.file.Files.move(
                    temp,
                    stateFile,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            log.error("Could not keep the Azure emulator's accounts in {}", stateFile, e);
        }
    }

    private synchronized void record(Operation operation) {
        operations.add(operation);
    }

    private void dispatch(HttpExchange http) {
        Exchange exchange = new Exchange(http);
        try {
            String path = exchange.path();
            if (path.startsWith("/_emulator/")) {
                control(exchange);
                return;
            }
            String principal = exchange.principal();
            Faults now = faults.get();
            if (now.latencyMillis() > 0) {
                Thread.sleep(now.latencyMillis());
            }
            if (path.equalsIgnoreCase(ResourceGraphApi.PATH)
                    && exchange.method().equals("POST")) {
                resourceGraphQuery(exchange, principal, now);
            } else if (ArmApi.handles(path)) {
                armRequest(exchange, principal, now);
            } else {
                throw new AzureError(404, "InvalidResourceType", "The emulator does not serve " + path);
            }
        } catch (AzureError e) {
            e.headers.forEach(exchange::header);
            sendQuietly(exchange, e.status, e.body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sendQuietly(exchange, 503, new AzureError(503, "ServiceUnavailable", "shutting down").body);
        } catch (RuntimeException | IOException e) {
            log.warn("The Azure emulator failed on {} {}", exchange.method(), exchange.path(), e);
            sendQuietly(exchange, 500, new AzureError(500, "InternalServerError", String.valueOf(e.getMessage())).body);
        } finally {
            http.close();
        }
    }

    private void resourceGraphQuery(Exchange exchange, String principal, Faults now) throws IOException {
        Throttling.Decision decision = throttling.resourceGraph(principal);
        exchange.header("x-ms-user-quota-remaining", Long.toString(decision.remaining()));
        exchange.header("x-ms-user-quota-resets-after", Throttling.hms(decision.retryAfter()));
        if (!decision.allowed()) {
            throttled.incrementAndGet();
            throw new AzureError(
                    429,
                    "RateLimiting",
                    "Please provide below info when asking for support: timestamp = " + Instant.now()
                            + ". Details: Client application has been throttled and should not attempt to repeat the"
                            + " request until an amount of time has elapsed.",
                    Map.of(
                            "Retry-After",
                            Long.toString(Math.max(1, (decision.retryAfter().toMillis() + 999) / 1000))),
                    null);
        }
        resourceGraphQueries.incrementAndGet();
        if (fails(now.resourceGraphFailureRate())) {
            throw new AzureError(
                    503,
                    "ServiceUnavailable",
                    "The service is temporarily unavailable (emulated fault).",
                    Map.of("Retry-After", "1"),
                    null);
        }
        exchange.send(200, resourceGraph.query(exchange.body()));
    }

    private void armRequest(Exchange exchange, String principal, Faults now) throws IOException {
        boolean read = exchange.method().equals("GET") || exchange.method().equals("HEAD");
        String subscription = ArmApi.subscription(exchange.path());
        Throttling.Decision decision =
                read ? throttling.armRead(subscription, principal) : throttling.armWrite(subscription, principal);
        exchange.header(
                read ? "x-ms-ratelimit-remaining-subscription-reads" : "x-ms-ratelimit-remaining-subscription-writes",
                Long.toString(decision.remaining()));
        if (!decision.allowed()) {
            throttled.incrementAndGet();
            throw new AzureError(
                    429,
                    "SubscriptionRequestsThrottled",
                    "Number of " + (read ? "read" : "write") + " requests for subscription '" + subscription
                            + "' exceeded the limit. Please try again after "
                            + Math.max(1, decision.retryAfter().toSeconds()) + " seconds.",
                    Map.of(
                            "Retry-After",
                            Long.toString(Math.max(1, (decision.retryAfter().toMillis() + 999) / 1000))),
                    null);
        }
        (read ? armReads : armWrites).incrementAndGet();
        if (fails(now.armFailureRate())) {
            throw new AzureError(500, "InternalServerError", "Encountered internal server error (emulated fault).");
        }
        arm.handle(exchange, principal);
    }

    private void control(Exchange exchange) throws IOException {
        String path = exchange.path();
        switch (exchange.method() + " " + path) {
            case "GET /_emulator/operations" -> {
                ArrayNode list = Exchange.JSON.createArrayNode();
                for (Operation op : operations()) {
                    list.addObject()
                            .put("method", op.method())
                            .put("armId", op.armId())
                            .put("at", op.at().toString())
                            .put("principal", op.principal());
                }
                exchange.send(200, list);
            }
            case "GET /_emulator/stats" -> exchange.send(200, Exchange.JSON.valueToTree(stats()));
            case "GET /_emulator/faults" -> exchange.send(200, Exchange.JSON.valueToTree(faults()));
            case "POST /_emulator/faults" -> {
                JsonNode body = exchange.body();
                Faults current = faults();
                try {
                    setFaults(new Faults(
                            body.path("resourceGraphLagMillis").asLong(current.resourceGraphLagMillis()),
                            body.path("latencyMillis").asLong(current.latencyMillis()),
                            body.path("armFailureRate").asDouble(current.armFailureRate()),
                            body.path("resourceGraphFailureRate").asDouble(current.resourceGraphFailureRate())));
                } catch (IllegalArgumentException e) {
                    throw new AzureError(400, "InvalidFaults", e.getMessage());
                }
                exchange.send(200, Exchange.JSON.valueToTree(faults()));
            }
            case "POST /_emulator/seed" -> {
                JsonNode body = exchange.body();
                Map<String, String> tags = new java.util.LinkedHashMap<>();
                body.path("tags")
                        .fields()
                        .forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
                try {
                    int created = seed(
                            required(body, "subscriptionId"),
                            required(body, "resourceGroup"),
                            body.path("count").asInt(1),
                            body.path("namePrefix").asText("stseed"),
                            tags);
                    exchange.send(201, Exchange.JSON.createObjectNode().put("created", created));
                } catch (IllegalArgumentException e) {
                    throw new AzureError(400, "InvalidSeed", e.getMessage());
                }
            }
            case "POST /_emulator/reset" -> {
                reset();
                exchange.send(204, null);
            }
            default ->
                throw new AzureError(404, "NotFound", "No emulator control at " + exchange.method() + " " + path);
        }
    }

    private static String required(JsonNode body, String field) {
        if (!body.hasNonNull(field) || body.get(field).asText().isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return body.get(field).asText();
    }

    private static boolean fails(double rate) {
        return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
    }

    private static void sendQuietly(Exchange exchange, int status, JsonNode body) {
        try {
            exchange.send(status, body);
        } catch (IOException | RuntimeException e) {
            log.debug("Could not answer {} {}", exchange.method(), exchange.path(), e);
        }
    }
}
