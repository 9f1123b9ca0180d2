package io.tidings.gateway.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;

/**
 * Answers a problem+json from a Vert.x route (the proxy side, where no JAX-RS mapper runs). A request body the
 * gateway did not read is not drained: the connection is closed after the answer instead.
 */
@ApplicationScoped
public class ProblemReplies {
    private final ObjectMapper json;

    public ProblemReplies(ObjectMapper json) {
        this.json = json;
    }

    public void send(RoutingContext ctx, ProblemType type, String detail) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        if (response.closed()) {
            return;
        }
        if (response.headWritten()) {
            // the upstream's answer has begun: the client must see a broken stream, not a truncated success
            response.reset();
            return;
        }
        response.setStatusCode(type.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (type == ProblemType.UNAUTHORIZED) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        boolean unreadBody = !request.isEnded() && declaresBody(request);
        if (unreadBody) {
            response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        } else {
            request.resume();
        }
        response.end(body(Problem.of(type, detail, request.path()))).onComplete(done -> {
            if (unreadBody) {
                request.connection().close();
            }
        });
    }

    private static boolean declaresBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return request.headers().contains(HttpHeaders.TRANSFER_ENCODING) || (length != null && !"0".equals(length));
    }

    private String body(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
