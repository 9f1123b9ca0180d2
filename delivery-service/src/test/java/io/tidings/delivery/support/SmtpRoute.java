package io.tidings.delivery.support;

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

/**
 * A TCP relay in front of the tests' SMTP servers: the application's mailer always connects here, and each test
 * says which real server (GreenMail, or an smtp-sink with scripted replies) takes the connections. Changing the
 * route closes every open connection, so the mailer's pool cannot carry a session over to the next server.
 */
public final class SmtpRoute implements AutoCloseable {
    private final int port;
    private volatile ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile InetSocketAddress target;

    public SmtpRoute(InetSocketAddress target) {
        this.target = target;
        listen(0);
        this.port = listener.getLocalPort();
    }

    public int port() {
        return port;
    }

    /** Closes the listening socket: the mailer's connections are refused, as by a relay that is down. */
    public void refuse() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // already closed
        }
        to(target.getHostString(), target.getPort());
    }

    /** Listens again on the same port after {@link #refuse()}. */
    public void accept() {
        listen(port);
    }

    private void listen(int on) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), on), 256);
            listener = socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(() -> acceptFrom(listener), "smtp-route");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Sends new connections to this server, and closes the open ones. */
    public void to(String host, int port) {
        target = new InetSocketAddress(host, port);
        open.forEach(SmtpRoute::closeQuietly);
        open.clear();
    }

    private void acceptFrom(ServerSocket listener) {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                try {
                    server.connect(target, 2000);
                } catch (IOException refused) {
                    closeQuietly(client);
                    continue;
                }
                open.add(client);
                open.add(server);
                pump(client, server);
                pump(server, client);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ended) {
                // one side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "smtp-route-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // already closed
        }
        to(target.getHostString(), target.getPort());
    }
}
