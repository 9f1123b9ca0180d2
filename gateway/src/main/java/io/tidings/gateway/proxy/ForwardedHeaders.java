package io.tidings.gateway.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The headers of a forwarded call, both ways: hop-by-hop headers (and any the {@code Connection} header names) stay
 * on their own hop; upstream, the client's {@code Authorization} and {@code Host} are replaced by the service token,
 * the {@code X-Forwarded-*} headers and a request id.
 */
final class ForwardedHeaders {
    static final String REQUEST_ID = "X-Request-Id";
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "te",
            "trailer", "upgrade");
    /** Replaced by the gateway rather than copied ({@code Expect} is answered here, hop by hop). */
    private static final Set<String> REPLACED = Set.of("authorization", "host", "expect", "x-forwarded-for",
            "x-forwarded-proto", "x-forwarded-host", "x-request-id");
    private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private ForwardedHeaders() {
    }

    /** The client's request id if it sent a sane one, else a new one. */
    static String requestId(HttpServerRequest request) {
        String sent = request.getHeader(REQUEST_ID);
        return sent != null && SANE_REQUEST_ID.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
    }

    /** The headers for the upstream request; {@code serviceToken} null forwards no credentials at all. */
    static MultiMap toUpstream(HttpServerRequest request, String requestId, String serviceToken) {
        MultiMap upstream = MultiMap.caseInsensitiveMultiMap();
        Set<String> dropped = hopByHop(request.headers());
        for (Map.Entry<String, String> header : request.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!dropped.contains(name) && !REPLACED.contains(name)) {
                upstream.add(header.getKey(), header.getValue());
            }
        }
        if (serviceToken != null) {
            upstream.set(HttpHeaders.AUTHORIZATION, "Bearer " + serviceToken);
        }
        SocketAddress client = request.remoteAddress();
        String earlier = request.getHeader("X-Forwarded-For");
        if (client != null) {
            upstream.set("X-Forwarded-For", earlier == null ? client.hostAddress() : earlier + ", " + client.hostAddress());
        }
        upstream.set("X-Forwarded-Proto", request.scheme());
        String host = request.getHeader(HttpHeaders.HOST);
        if (host != null) {
            upstream.set("X-Forwarded-Host", host);
        }
        upstream.set(REQUEST_ID, requestId);
        return upstream;
    }

    /** Copies an upstream answer's end-to-end headers onto the client's response. */
    static void copyBack(MultiMap upstream, MultiMap client) {
        Set<String> dropped = hopByHop(upstream);
        for (Map.Entry<String, String> header : upstream) {
            if (!dropped.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                client.add(header.getKey(), header.getValue());
            }
        }
    }

    private static Set<String> hopByHop(MultiMap headers) {
        Set<String> names = new HashSet<>(HOP_BY_HOP);
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith("proxy-")) {
                names.add(name);
            }
        }
        for (String listed : headers.getAll(HttpHeaders.CONNECTION)) {
            for (String token : listed.split(",")) {
                names.add(token.strip().toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }
}
