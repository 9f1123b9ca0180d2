package io.tidings.gateway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tidings.testing.FreePorts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Stands in for another team's service in the gateway's tests: a real HTTP server on a free port that reads every
 * request body as it streams in (counting bytes, hashing), records the request, and answers 200 JSON unless a
 * test installed an answer for that path.
 */
public final class StandInService implements AutoCloseable {
    /** A test's own answer for one path; the request body has been read already. */
    public interface Answer {
        void write(HttpExchange exchange) throws Exception;
    }

    private static final int KEPT_BODY_BYTES = 64 * 1024;

    private final String name;
    private final int port;
    private final List<RecordedRequest> recorded = new CopyOnWriteArrayList<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> bytesSeen = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private volatile HttpServer server;

    private StandInService(String name, int port) {
        this.name = name;
        this.port = port;
    }

    public static StandInService start(String name) {
        StandInService service = new StandInService(name, FreePorts.next());
        service.listen();
        return service;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public void answerAt(String path, Answer answer) {
        answers.put(path, answer);
    }

    public List<RecordedRequest> requestsTo(String path) {
        return recorded.stream().filter(r -> r.path().equals(path)).collect(Collectors.toList());
    }

    public List<RecordedRequest> requestsUnder(String pathPrefix) {
        return recorded.stream().filter(r -> r.path().startsWith(pathPrefix)).collect(Collectors.toList());
    }

    /** Body bytes read so far from requests to this path, while they are still arriving. */
    public long bodyBytesSeen(String path) {
        AtomicLong seen = bytesSeen.get(path);
        return seen == null ? 0 : seen.get();
    }

    /** Stops listening (connections are refused) until {@link #comeBack()}. */
    public synchronized void goDown() {
        server.stop(0);
    }

    public synchronized void comeBack() {
        listen();
    }

    private synchronized void listen() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            http.setExecutor(workers);
            http.createContext("/", this::handle);
            http.start();
            server = http;
        } catch (IOException e) {
            throw new IllegalStateException(name + " stand-in cannot listen on " + port, e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getRawPath();
            recorded.add(read(exchange, path));
            Answer answer = answers.get(path);
            if (answer != null) {
                answer.write(exchange);
            } else {
                byte[] body = ("{\"service\":\"" + name + "\",\"path\":\"" + path + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (Exception e) {
            exchange.sendResponseHeaders(599, -1);
        } finally {
            exchange.close();
        }
    }

    private RecordedRequest read(HttpExchange exchange, String path) throws IOException {
        AtomicLong seen = bytesSeen.computeIfAbsent(path, p -> new AtomicLong());
        MessageDigest sha256 = sha256();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        long length = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = exchange.getRequestBody()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha256.update(buffer, 0, n);
                if (head.size() < KEPT_BODY_BYTES) {
                    head.write(buffer, 0, Math.min(n, KEPT_BODY_BYTES - head.size()));
                }
                length += n;
                seen.addAndGet(n);
            }
        }
        Map<String, List<String>> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((key, values) -> headers.computeIfAbsent(key.toLowerCase(Locale.ROOT),
                k -> new ArrayList<>()).addAll(values));
        return new RecordedRequest(name, exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                headers, length, HexFormat.of().formatHex(sha256.digest()), head.toByteArray());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
        workers.shutdownNow();
    }
}
