package io.tidings.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP forwarder on a free loopback port in front of a real server (PostgreSQL, an SMTP peer, a broker), for tests
 * that make that server unreachable and bring it back without touching it: {@link #cut()} closes every forwarded
 * connection and refuses new ones (connection refused, as when the server is down or restarting), and
 * {@link #restore()} accepts connections on the same port again; {@link #retarget} sends new connections to another
 * server (e.g. one SMTP address in front of several scripted peers). Plain blocking sockets, two daemon threads per
 * connection: meant for the handful of connections a service's pool holds.
 */
public final class TcpProxy implements AutoCloseable {
    private volatile InetSocketAddress target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile ServerSocket listener;
    private volatile Thread acceptor;
    private volatile boolean closed;

    private TcpProxy(InetSocketAddress target) {
        this.target = target;
        this.listener = bind(0);
        this.port = listener.getLocalPort();
        acceptOn(listener);
    }

    /** Starts forwarding a free loopback port to {@code host:port}. */
    public static TcpProxy to(String host, int port) {
        return new TcpProxy(new InetSocketAddress(host, port));
    }

    public String host() {
        return "127.0.0.1";
    }

    /** The port clients connect to instead of the server's. */
    public int port() {
        return port;
    }

    /** How many client connections were forwarded so far. */
    public int connectionsAccepted() {
        return accepted.get();
    }

    /** How many client connections are forwarded right now. */
    public int openConnections() {
        return open.size() / 2;
    }

    public boolean isCut() {
        return listener == null;
    }

    /**
     * Forwards new connections to {@code host:port} from now on, and closes the open ones so that no client carries
     * a session (e.g. a mailer's pooled SMTP connection) over from the previous server.
     */
    public synchronized void retarget(String host, int port) {
        target = new InetSocketAddress(host, port);
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    /** Closes every forwarded connection and refuses new ones until {@link #restore()}. */
    public synchronized void cut() {
        ServerSocket current = listener;
        listener = null;
        if (current != null) {
            closeQuietly(current);
            // the port is released only once the thread blocked in accept() has left it
            try {
                acceptor.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    /** Accepts and forwards connections on the same port again. */
    public synchronized void restore() {
        if (closed) {
            throw new IllegalStateException("the proxy is closed");
        }
        if (listener == null) {
            listener = bind(port);
            acceptOn(listener);
        }
    }

    private static ServerSocket bind(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen on loopback port " + port, e);
        }
    }

    private void acceptOn(ServerSocket socket) {
        Thread thread = new Thread(() -> acceptFrom(socket), "tcp-proxy-" + port);
        thread.setDaemon(true);
        acceptor = thread;
        thread.start();
    }

    private void acceptFrom(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException closedListener) {
                return;
            }
            Socket server = new Socket();
            try {
                server.connect(target, 5000);
            } catch (IOException refused) {
                closeQuietly(client);
                closeQuietly(server);
                continue;
            }
            synchronized (this) {
                if (listener != socket) {
                    // cut while this connection was being set up
                    closeQuietly(client);
                    closeQuietly(server);
                    continue;
                }
                open.add(client);
                open.add(server);
            }
            accepted.incrementAndGet();
            pump(client, server);
            pump(server, client);
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ended) {
                // one side closed, or the proxy was cut
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-pump-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable socket) {
        try {
            socket.close();
        } catch (Exception ignored) {
            // already closed
        }
    }

    /** Stops forwarding for good. */
    @Override
    public synchronized void close() {
        closed = true;
        cut();
    }
}
