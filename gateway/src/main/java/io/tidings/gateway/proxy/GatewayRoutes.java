package io.tidings.gateway.proxy;

import io.tidings.gateway.keys.ApiCaller;
import io.tidings.gateway.keys.ApiKeyAuthenticator;
import io.tidings.gateway.problem.ProblemReplies;
import io.tidings.gateway.problem.ProblemType;
import io.tidings.gateway.tokens.ServiceTokens;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The public door's routes, ahead of the REST layer: {@code /api/v1/**} (except the admin calls) authenticated by
 * API key and forwarded with a service token; {@code /u/**} forwarded as is; everything nobody serves, a 404 problem.
 */
@ApplicationScoped
public class GatewayRoutes {
    private static final Logger LOG = Logger.getLogger(GatewayRoutes.class);
    /** Before Quarkus REST (order 20500), which serves the admin calls. */
    private static final int PROXY_ORDER = 1000;
    private static final String ADMIN = "/api/v1/admin";
    private static final Set<HttpMethod> FORWARDED_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD,
            HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS);

    private final RouteTable routes;
    private final ApiKeyAuthenticator authenticator;
    private final ServiceTokens tokens;
    private final ReverseProxy proxy;
    private final PayloadLimit payloadLimit;
    private final ProblemReplies problems;

    public GatewayRoutes(RouteTable routes, ApiKeyAuthenticator authenticator, ServiceTokens tokens,
            ReverseProxy proxy, PayloadLimit payloadLimit, ProblemReplies problems) {
        this.routes = routes;
        this.authenticator = authenticator;
        this.tokens = tokens;
        this.proxy = proxy;
        this.payloadLimit = payloadLimit;
        this.problems = problems;
    }

    void init(@Observes Router router) {
        router.route().order(PayloadLimit.ORDER).handler(payloadLimit);
        router.route("/api/v1/*").order(PROXY_ORDER).handler(this::api);
        router.route("/u/*").order(PROXY_ORDER).handler(this::unsubscribePage);
        router.route().order(Integer.MAX_VALUE).handler(ctx -> problems.send(ctx, ProblemType.NOT_FOUND,
                "Nothing is served at " + ctx.request().path()));
    }

    private void api(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (path.equals(ADMIN) || path.startsWith(ADMIN + "/")) {
            ctx.next();
            return;
        }
        if (refusedMethod(ctx)) {
            return;
        }
        ctx.request().pause(); // the body waits, unread, until we know where it goes
        String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        authenticator.authenticate(authorization).subscribe().with(
                caller -> caller.ifPresentOrElse(c -> forward(ctx, path, c), () -> problems.send(ctx,
                        ProblemType.UNAUTHORIZED, authorization == null
                                ? "Send your API key as Authorization: Bearer tk_…"
                                : "The API key is malformed, unknown or revoked")),
                failure -> {
                    LOG.warnf("API key lookup failed: %s", failure.toString());
                    problems.send(ctx, ProblemType.UNAVAILABLE, "API keys cannot be checked right now");
                });
    }

    private void forward(RoutingContext ctx, String path, ApiCaller caller) {
        try {
            routes.forApi(path).ifPresentOrElse(
                    upstream -> proxy.forward(ctx, upstream, tokens.forApiKey(caller)),
                    () -> problems.send(ctx, ProblemType.NOT_FOUND, "There is no API at " + path));
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not forward %s %s", ctx.request().method(), path);
            problems.send(ctx, ProblemType.INTERNAL, "The call could not be forwarded");
        }
    }

    private void unsubscribePage(RoutingContext ctx) {
        if (refusedMethod(ctx)) {
            return;
        }
        ctx.request().pause();
        // contacts-service verifies the signed token in the path itself; no credentials travel with the call
        proxy.forward(ctx, routes.forUnsubscribe(), null);
    }

    private boolean refusedMethod(RoutingContext ctx) {
        if (FORWARDED_METHODS.contains(ctx.request().method())) {
            return false;
        }
        ctx.response().putHeader(HttpHeaders.ALLOW, "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
        problems.send(ctx, ProblemType.METHOD_NOT_ALLOWED, ctx.request().method() + " is not forwarded");
        return true;
    }
}
