package io.tidings.gateway.proxy;

import io.tidings.gateway.problem.ProblemReplies;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Forwards one call to its upstream and streams the answer back. Both bodies are piped with back-pressure, never
 * buffered whole; a body that breaks off midway is reset on the other side, never ended as if it were complete.
 */
@ApplicationScoped
public class ReverseProxy {
    private static final Logger LOG = Logger.getLogger(ReverseProxy.class);

    private final HttpClient client;
    private final ProxyConfig config;
    private final ProblemReplies problems;

    public ReverseProxy(Vertx vertx, ProxyConfig config, ProblemReplies problems) {
        this.config = config;
        this.problems = problems;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setConnectTimeout((int) config.connectTimeout().toMillis())
                        .setKeepAlive(true)
                        .setTryUseCompression(false)
                        .setDecompressionSupported(false),
                new PoolOptions().setHttp1MaxSize(config.maxConnections()));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** Forwards the (paused) request of {@code ctx}; a null {@code serviceToken} forwards no credentials. */
    public void forward(RoutingContext ctx, Upstream upstream, String serviceToken) {
        HttpServerRequest request = ctx.request();
        String requestId = ForwardedHeaders.requestId(request);
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setHost(upstream.host())
                .setPort(upstream.port())
                .setSsl(upstream.ssl())
                .setURI(upstream.target(ctx.normalizedPath(), request.query()))
                .setHeaders(ForwardedHeaders.toUpstream(request, requestId, serviceToken));
        client.request(options).onComplete(connected -> {
            if (connected.succeeded()) {
                exchange(ctx, upstream, requestId, connected.result());
            } else {
                fail(ctx, upstream, connected.cause());
            }
        });
    }

    private void exchange(RoutingContext ctx, Upstream upstream, String requestId, HttpClientRequest upstreamRequest) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        if (response.closed()) {
            upstreamRequest.reset(); // the client left while we waited for a connection
            return;
        }
        if (isChunked(request)) {
            upstreamRequest.setChunked(true);
        }
        response.closeHandler(closed -> upstreamRequest.reset());
        upstreamRequest.response().onComplete(answered -> {
            if (answered.succeeded()) {
                relay(ctx, requestId, upstreamRequest, answered.result());
            } else {
                fail(ctx, upstream, answered.cause());
            }
        });
        if (request.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
            response.writeContinue();
        }
        request.pipe().endOnFailure(false).to(upstreamRequest).onComplete(sent -> {
            if (sent.succeeded()) {
                upstreamRequest.idleTimeout(config.upstreamTimeout().toMillis());
            } else {
                upstreamRequest.reset(0, sent.cause());
            }
        });
    }

    private void relay(RoutingContext ctx, String requestId, HttpClientRequest upstreamRequest,
            HttpClientResponse answer) {
        HttpServerResponse response = ctx.response();
        if (response.closed()) {
            upstreamRequest.reset();
            return;
        }
        response.setStatusCode(answer.statusCode());
        if (answer.statusMessage() != null) {
            response.setStatusMessage(answer.statusMessage());
        }
        ForwardedHeaders.copyBack(answer.headers(), response.headers());
        if (!response.headers().contains(ForwardedHeaders.REQUEST_ID)) {
            response.putHeader(ForwardedHeaders.REQUEST_ID, requestId);
        }
        if (!response.headers().contains(HttpHeaders.CONTENT_LENGTH)
                && mayHaveBody(ctx.request().method(), answer.statusCode())) {
            response.setChunked(true);
        }
        answer.pipe().endOnFailure(false).to(response).onFailure(broken -> {
            LOG.debugf("answer of %s %s broke off: %s", ctx.request().method(), ctx.request().path(), broken);
            upstreamRequest.reset();
            response.reset();
        });
    }

    private void fail(RoutingContext ctx, Upstream upstream, Throwable cause) {
        if (ctx.response().closed()) {
            return; // the client went away first; nobody is left to tell
        }
        UpstreamFailure failure = UpstreamFailure.of(upstream, cause, config.upstreamTimeout());
        LOG.warnf("%s %s: %s (%s)", ctx.request().method(), ctx.request().path(), failure.detail(), cause.toString());
        problems.send(ctx, failure.type(), failure.detail());
    }

    private static boolean isChunked(HttpServerRequest request) {
        return request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    }

    private static boolean mayHaveBody(HttpMethod method, int status) {
        return method != HttpMethod.HEAD && status >= 200 && status != 204 && status != 304;
    }
}
