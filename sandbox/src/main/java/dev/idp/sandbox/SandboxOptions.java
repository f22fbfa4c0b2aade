package dev.idp.sandbox;

import java.nio.file.Path;
import java.util.Map;

/**
 * How the sandbox runs: where its data lives, whether to wipe it first, and the API's address. Each option is a
 * command-line flag with an environment variable behind it; the flag wins.
 *
 * @param dataDirectory PostgreSQL's cluster, the desired-state archive and the token keys ({@code --data-dir},
 *     {@code IDP_SANDBOX_DATA_DIR}, default {@code ./.sandbox})
 * @param fresh wipe the data directory before starting ({@code --fresh})
 * @param apiAddress the API's bind address ({@code --api-address}, {@code IDP_HTTP_ADDRESS}, default 127.0.0.1)
 * @param apiPort the API's port ({@code --api-port}, {@code IDP_HTTP_PORT}, default 8080; 0 picks a free one)
 */
record SandboxOptions(Path dataDirectory, boolean fresh, String apiAddress, int apiPort) {

    static final String USAGE = """
            Usage: java -jar sandbox/target/idp-sandbox.jar [--fresh] [--data-dir=DIR] [--api-address=ADDR] [--api-port=PORT]
              --fresh          wipe the sandbox's data (PostgreSQL, archive, keys) before starting
              --data-dir=DIR   where the sandbox keeps its data (default ./.sandbox, or IDP_SANDBOX_DATA_DIR)
              --api-address=A  the API's bind address (default 127.0.0.1, or IDP_HTTP_ADDRESS)
              --api-port=PORT  the API's port (default 8080, or IDP_HTTP_PORT; 0 picks a free port)
            Other settings (IDP_DATABASE_URL to use your own PostgreSQL, ...) are in the README.""";

    static SandboxOptions parse(String[] args, Map<String, String> env) {
        Path data = Path.of(env.getOrDefault("IDP_SANDBOX_DATA_DIR", ".sandbox"));
        boolean fresh = false;
        String address = env.getOrDefault("IDP_HTTP_ADDRESS", "127.0.0.1");
        int port = parsePort(env.getOrDefault("IDP_HTTP_PORT", "8080"), "IDP_HTTP_PORT");
        for (String arg : args) {
            if (arg.equals("--fresh")) {
                fresh = true;
            } else if (arg.startsWith("--data-dir=")) {
                data = Path.of(value(arg));
            } else if (arg.startsWith("--api-address=")) {
                address = value(arg);
            } else if (arg.startsWith("--api-port=")) {
                port = parsePort(value(arg), "--api-port");
            } else if (arg.equals("--help") || arg.equals("-h")) {
                throw new IllegalArgumentException(USAGE);
            } else if (!arg.startsWith("--spring.") && !arg.startsWith("--server.") && !arg.startsWith("--idp.")) {
                throw new IllegalArgumentException("Unknown option " + arg + "\n" + USAGE);
            }
        }
        return new SandboxOptions(data.toAbsolutePath().normalize(), fresh, address, port);
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
