package dev.idp.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How the sandbox runs: where its data lives, whether to wipe it first, and where each part listens. Each option is a
 * command-line flag with an environment variable behind it; the flag wins.
 *
 * @param dataDirectory PostgreSQL's cluster, the desired-state archive, the token keys, the emulator's certificate and
 *     Azure's state ({@code --data-dir}, {@code IDP_SANDBOX_DATA_DIR}, default {@code ./.sandbox})
 * @param fresh wipe the data directory before starting ({@code --fresh})
 * @param apiAddress the bind address of every port ({@code --api-address}, {@code IDP_HTTP_ADDRESS}, default
 *     127.0.0.1)
 * @param apiPort the API's port ({@code --api-port}, {@code IDP_HTTP_PORT}, default 8080; 0 picks a free one)
 * @param azurePort the ARM and Resource Graph emulator's HTTPS port ({@code --azure-port},
 *     {@code IDP_SANDBOX_AZURE_PORT}, default 8181)
 * @param kubernetesPort the Kubernetes API's port ({@code --kubernetes-port}, {@code IDP_SANDBOX_KUBERNETES_PORT},
 *     default 8282)
 * @param providerPollInterval how often the provider simulator re-observes every account ({@code --provider-poll},
 *     {@code IDP_SANDBOX_PROVIDER_POLL}, default 10m like the real provider; ISO-8601 or 30s, 10m, 1h)
 */
record SandboxOptions(
        Path dataDirectory,
        boolean fresh,
        String apiAddress,
        int apiPort,
        int azurePort,
        int kubernetesPort,
        Duration providerPollInterval) {

    static final Duration REAL_PROVIDER_POLL = Duration.ofMinutes(10);

    /** Every port picked free: for tests that start several sandboxes. */
    SandboxOptions(Path dataDirectory, boolean fresh, String apiAddress, int apiPort) {
        this(dataDirectory, fresh, apiAddress, apiPort, 0, 0, REAL_PROVIDER_POLL);
    }

    static final String USAGE = """
            Usage: java -jar sandbox/target/idp-sandbox.jar [--fresh] [--data-dir=DIR] [--api-address=ADDR]
                   [--api-port=PORT] [--azure-port=PORT] [--kubernetes-port=PORT] [--provider-poll=DURATION]
              --fresh              wipe the sandbox's data (PostgreSQL, archive, keys, Azure's state) before starting
              --data-dir=DIR       where the sandbox keeps its data (default ./.sandbox, or IDP_SANDBOX_DATA_DIR)
              --api-address=A      the bind address of every port (default 127.0.0.1, or IDP_HTTP_ADDRESS)
              --api-port=PORT      the API (default 8080, or IDP_HTTP_PORT; 0 picks a free port)
              --azure-port=PORT    the ARM and Resource Graph emulator, HTTPS (default 8181, or IDP_SANDBOX_AZURE_PORT)
              --kubernetes-port=P  the Kubernetes API (default 8282, or IDP_SANDBOX_KUBERNETES_PORT)
              --provider-poll=D    the provider simulator's re-observation interval (default 10m, or
                                   IDP_SANDBOX_PROVIDER_POLL; e.g. 30s, 2m, PT1H)
            Other settings (IDP_DATABASE_URL to use your own PostgreSQL, ...) are in the README.""";

    static SandboxOptions parse(String[] args, Map<String, String> env) {
        Path data = Path.of(env.getOrDefault("IDP_SANDBOX_DATA_DIR", ".sandbox"));
        boolean fresh = false;
        String address = env.getOrDefault("IDP_HTTP_ADDRESS", "127.0.0.1");
        int port = parsePort(env.getOrDefault("IDP_HTTP_PORT", "8080"), "IDP_HTTP_PORT");
        int azurePort = parsePort(env.getOrDefault("IDP_SANDBOX_AZURE_PORT", "8181"), "IDP_SANDBOX_AZURE_PORT");
        int kubernetesPort =
                parsePort(env.getOrDefault("IDP_SANDBOX_KUBERNETES_PORT", "8282"), "IDP_SANDBOX_KUBERNETES_PORT");
        Duration poll =
                parseDuration(env.getOrDefault("IDP_SANDBOX_PROVIDER_POLL", "10m"), "IDP_SANDBOX_PROVIDER_POLL");
        for (String arg : args) {
            if (arg.equals("--fresh")) {
                fresh = true;
            } else if (arg.startsWith("--data-dir=")) {
                data = Path.of(value(arg));
            } else if (arg.startsWith("--api-address=")) {
                address = value(arg);
            } else if (arg.startsWith("--api-port=")) {
                port = parsePort(value(arg), "--api-port");
            } else if (arg.startsWith("--azure-port=")) {
                azurePort = parsePort(value(arg), "--azure-port");
            } else if (arg.startsWith("--kubernetes-port=")) {
                kubernetesPort = parsePort(value(arg), "--kubernetes-port");
            } else if (arg.startsWith("--provider-poll=")) {
                poll = parseDuration(value(arg), "--provider-poll");
            } else if (arg.equals("--help") || arg.equals("-h")) {
                throw new IllegalArgumentException(USAGE);
            } else if (!arg.startsWith("--spring.") && !arg.startsWith("--server.") && !arg.startsWith("--idp.")) {
                throw new IllegalArgumentException("Unknown option " + arg + "\n" + USAGE);
            }
        }
        return new SandboxOptions(
                data.toAbsolutePath().normalize(), fresh, address, port, azurePort, kubernetesPort, poll);
    }

    /** {@code 30s}, {@code 10m}, {@code 1h}, {@code 500ms} or ISO-8601 ({@code PT10M}); at least 100 ms. */
    static Duration parseDuration(String text, String source) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        Duration duration;
        try {
            if (t.startsWith("pt")) {
                duration = Duration.parse(t.toUpperCase(java.util.Locale.ROOT));
            } else if (t.endsWith("ms")) {
                duration = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            } else if (t.endsWith("s")) {
                duration = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            } else if (t.endsWith("m")) {
                duration = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            } else if (t.endsWith("h")) {
                duration = Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
            } else {
                throw new NumberFormatException();
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    source + " must be a duration such as 30s, 10m, 1h or PT10M, not '" + text + "'");
        }
        if (duration.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException(source + " must be at least 100ms, not '" + text + "'");
        }
        return duration;
    }

    private static String value(String arg) {
        return arg.substring(arg.indexOf('=') + 1);
    }

    private static int parsePort(String text, String source) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + " must be a port number (0-65535), not '" + text + "'");
        }
    }
}
