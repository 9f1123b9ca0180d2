package io.tidings.campaigns.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tidings.testing.TestTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * Stands in for contacts-service's internal segment API on a free loopback port, answering exactly the shapes of
 * fixtures http/segment.v1.json and http/segment-members.v1.json, and checking the service token of every call
 * (signature, issuer, audience, group {@code service}, and that its project owns the segment).
 */
public class FakeContactsService implements QuarkusTestResourceLifecycleManager {
    private static final Map<UUID, FakeSegment> SEGMENTS = new ConcurrentHashMap<>();
    private static final List<MemberCall> MEMBER_CALLS = new CopyOnWriteArrayList<>();
    private static final AtomicInteger REJECTED_TOKENS = new AtomicInteger();
    private HttpServer server;
    private JwtConsumer tokens;

    /** A segment call: which segment, after which contact, how many. */
    public record MemberCall(UUID segmentId, String after, int limit) {
    }

    @Override
    public Map<String, String> start() {
        try {
            tokens = tokenConsumer();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.createContext("/internal/segments/", this::handle);
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("the fake contacts-service did not start", e);
        }
        return Map.of("quarkus.rest-client.contacts.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Registers a segment of the project with these members, served in contact-id order. */
    public static UUID segment(String projectId, List<Member> members) {
        UUID id = UUID.randomUUID();
        List<Member> sorted = new ArrayList<>(members);
        sorted.sort((a, b) -> a.contactId().toString().compareTo(b.contactId().toString()));
        SEGMENTS.put(id, new FakeSegment(projectId, sorted, false));
        return id;
    }

    /** A segment with this many distinct members. */
    public static UUID segment(String projectId, int size) {
        return segment(projectId, Member.distinct(size));
    }

    /** A segment whose every call drops the connection, as if contacts-service were unreachable. */
    public static UUID unreachableSegment(String projectId) {
        UUID id = UUID.randomUUID();
        SEGMENTS.put(id, new FakeSegment(projectId, List.of(), true));
        return id;
    }

    public static List<Member> members(UUID segmentId) {
        return SEGMENTS.get(segmentId).members();
    }

    public static List<MemberCall> memberCalls(UUID segmentId) {
        return MEMBER_CALLS.stream().filter(call -> call.segmentId().equals(segmentId)).toList();
    }

    public static int rejectedTokens() {
        return REJECTED_TOKENS.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().split("/");
            // /internal/segments/{id}[/members]
            UUID segmentId = UUID.fromString(path[3]);
            FakeSegment segment = SEGMENTS.get(segmentId);
            if (segment != null && segment.unreachable()) {
                return; // close without answering
            }
            String project = project(exchange);
            if (project == null) {
                REJECTED_TOKENS.incrementAndGet();
                send(exchange, 401, "{\"type\":\"urn:tidings:problem:unauthorized\",\"status\":401}");
                return;
            }
            if (segment == null || !segment.projectId().equals(project)) {
                send(exchange, 404, "{\"type\":\"urn:tidings:problem:not-found\",\"status\":404}");
                return;
            }
            if (path.length == 4) {
                send(exchange, 200, segmentJson(segmentId, segment));
            } else {
                Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
                int limit = Integer.parseInt(query.getOrDefault("limit", "1000"));
                MEMBER_CALLS.add(new MemberCall(segmentId, query.get("after"), limit));
                send(exchange, 200, page(segment.members(), query.get("after"), limit));
            }
        }
    }

    private String project(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            return null;
        }
        try {
            JwtClaims claims = tokens.processToClaims(header.substring("Bearer ".length()));
            boolean service = claims.getStringListClaimValue("groups").contains("service");
            return service && "campaign-service".equals(claims.getSubject())
                    ? claims.getStringClaimValue("project") : null;
        } catch (Exception e) {
            return null;
        }
    }

    static String segmentJson(UUID id, FakeSegment segment) {
        return "{\"id\":\"" + id + "\",\"name\":\"Newsletter readers\",\"filter\":{\"tagsAll\":[\"newsletter\"],"
                + "\"tagsAny\":[],\"tagsNone\":[],\"status\":[\"SUBSCRIBED\"]},\"memberCount\":"
                + segment.members().size() + ",\"createdAt\":\"2026-11-28T09:00:00Z\"}";
    }

    static String page(List<Member> members, String after, int limit) {
        List<Member> items = members.stream()
                .filter(m -> after == null || m.contactId().toString().compareTo(after) > 0)
                .limit(limit).toList();
        String next = items.size() == limit ? "\"" + items.get(items.size() - 1).contactId() + "\"" : "null";
        StringBuilder json = new StringBuilder("{\"items\":[");
        for (int i = 0; i < items.size(); i++) {
            json.append(i == 0 ? "" : ",").append(items.get(i).json());
        }
        return json.append("],\"next\":").append(next).append('}').toString();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                values.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return values;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static JwtConsumer tokenConsumer() throws Exception {
        try (InputStream in = FakeContactsService.class.getClassLoader().getResourceAsStream(TestTokens.KEY_LOCATION)) {
            JsonWebKeySet keys = new JsonWebKeySet(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return new JwtConsumerBuilder()
                    .setRequireExpirationTime()
                    .setExpectedIssuer(TestTokens.ISSUER)
                    .setExpectedAudience(TestTokens.AUDIENCE)
                    .setVerificationKey(keys.getJsonWebKeys().get(0).getKey())
                    .build();
        }
    }

    record FakeSegment(String projectId, List<Member> members, boolean unreachable) {
    }
}
