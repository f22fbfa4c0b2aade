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
        this.port = port;
        this.backendPort = backendPort;
        open();
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
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port), 128);
            port = socket.getLocalPort();
            listener = socket;
            Thread acceptor = new Thread(() -> accept(socket), "kubernetes-gate-" + port);
            acceptor.setDaemon(true);
            acceptor.start();
        } catch (IOException e) {
            throw new IllegalStateException("The Kubernetes API cannot listen on " + address + ":" + port, e);
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
                Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort);
                client.setTcpNoDelay(true);
                backend.setTcpNoDelay(true);
                live.add(client);
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
