package io.tidings.campaigns.problems;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Answers every failure, ours or the framework's, as RFC 9457 problem+json, never with a stack trace. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final ObjectMapper json;

    public ProblemMappers(ObjectMapper json) {
        this.json = json;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(Problem.of(e.type(), e.getMessage(), path(uri), e.errors()));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        Problem problem = Problem.of(ProblemType.UNAUTHORIZED, "a valid service token is required", path(uri), List.of());
        return Response.fromResponse(respond(problem)).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(ProblemType.FORBIDDEN, "this token may not call this endpoint", path(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return respond(badJson(e, path(uri)));
    }

    /** Named explicitly: Quarkus brings its own mapper for these, which would answer plain JSON. */
    @ServerExceptionMapper({MismatchedInputException.class, InvalidFormatException.class})
    public Response mistypedJson(JsonMappingException e, UriInfo uri) {
        return respond(badJson(e, path(uri)));
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException cause) {
            return respond(badJson(cause, path(uri)));
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        ProblemType type = ProblemType.forStatus(status);
        String detail = status >= 500 ? "the service failed; the error is logged" : type.title();
        return respond(new Problem(type.uri(), type.title(), status, detail, path(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.error("request failed", e);
        return respond(Problem.of(ProblemType.INTERNAL, "the service failed; the error is logged", path(uri), List.of()));
    }

    private static Problem badJson(JsonProcessingException e, String instance) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String message = "is malformed or of the wrong type";
            return Problem.of(ProblemType.VALIDATION, field + " " + message, instance,
                    List.of(new FieldError(field, message)));
        }
        String where = e instanceof JsonParseException parse && parse.getLocation() != null
                ? " at line " + parse.getLocation().getLineNr() + ", column " + parse.getLocation().getColumnNr()
                : "";
        String message = "is not valid JSON" + where;
        return Problem.of(ProblemType.VALIDATION, "body " + message, instance, List.of(new FieldError("body", message)));
    }

    private Response respond(Problem problem) {
        try {
            return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(json.writeValueAsString(problem))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem could not be written", e);
        }
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }
}
