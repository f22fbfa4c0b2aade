package dev.idp.sandbox.kubernetes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP relay on the public port in front of the API server, with a switch: closed, it stops listening and drops every
 * live connection, so clients meet "connection refused" as when a cluster's API server is gone, and watches break;
 * opened again, it listens on the same port. The API server behind it keeps its objects meanwhile.
 */
final class ConnectionGate implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConnectionGate.class);

    private final InetAddress address;
    private final int backendPort;
    private final Set<Socket> live = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;
    private volatile int port;

    ConnectionGate(InetAddress address, int port, int backendPort) {
        this.address = address;
        this.port = port == 0 ? freePortOutsideTheEphemeralRange(address) : port;
        this.backendPort = backendPort;
        open();
    }

    /**
     * Port 0 asks for a free port, but not one the OS hands out for outgoing connections (32768 and up on Linux): the
     * gate closes its port during an outage and must get the same one back, which an outgoing connection could have
     * taken meanwhile.
     */
    static int freePortOutsideTheEphemeralRange(InetAddress address) {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = random.nextInt(20_000, 32_000);
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new InetSocketAddress(address, candidate), 1);
                return candidate;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port between 20000 and 32000 on " + address);
    }

    int port() {
        return port;
    }

    synchronized boolean isOpen() {
        return listener != null;
    }

    synchronized void open() {
        if (listener != null) {
            return;
        }
        try {
            ServerSocket socket = bindRetrying();
            port = socket.getLocalPort();
            listener = socket;
            Thread acceptor = new Thread(() -> accept(socket), "kubernetes-gate-" + port);
            acceptor.setDaemon(true);
            acceptor.start();
        } catch (IOException e) {
            throw new IllegalStateException("The Kubernetes API cannot listen on " + address + ":" + port, e);
        }
    }

    /** Binds the port, waiting up to 5 s for connections the last outage cut to let go of it. */
    private ServerSocket bindRetrying() throws IOException {
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (true) {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            try {
                socket.bind(new InetSocketAddress(address, port), 128);
                return socket;
            } catch (java.net.BindException e) {
                socket.close();
                if (System.nanoTime() > until) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Refuses new connections and cuts the live ones. */
    synchronized void shut() {
        ServerSocket socket = listener;
        listener = null;
        if (socket != null) {
            closeQuietly(socket);
        }
        live.forEach(ConnectionGate::closeQuietly);
        live.clear();
    }

    @Override
    public void close() {
        shut();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                synchronized (this) {
                    if (listener != socket) { // shut while this connection was being accepted
                        closeQuietly(client);
                        continue;
                    }
                    live.add(client);
                }
                Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort);
                client.setTcpNoDelay(true);
                backend.setTcpNoDelay(true);
                live.add(backend);
                pump(client, backend);
                pump(backend, client);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    log.warn("The Kubernetes API gate could not relay a connection", e);
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[16 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    } catch (IOException ignored) {
                        // the other side went away, or the gate was shut: both ends close below
                    } finally {
                        live.remove(from);
                        live.remove(to);
                        closeQuietly(from);
                        closeQuietly(to);
                    }
                },
                "kubernetes-gate-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing is best effort
        }
    }
}
