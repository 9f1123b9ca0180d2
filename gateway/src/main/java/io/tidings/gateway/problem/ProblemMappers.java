package io.tidings.gateway.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure of the gateway's own REST endpoints into problem+json; never a stack trace or class name. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public RestResponse<Problem> problem(ProblemException e, HttpServerRequest request) {
        return answer(Problem.of(e.type(), e.getMessage(), request.path(), e.errors()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> violations(ConstraintViolationException e, HttpServerRequest request) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(leaf(v), v.getMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .collect(Collectors.toList());
        return answer(Problem.of(ProblemType.VALIDATION, "The request has invalid fields", request.path(), errors));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> mismatchedJson(MismatchedInputException e, HttpServerRequest request) {
        return answer(Problem.of(ProblemType.VALIDATION, "The body does not have the expected shape", request.path(),
                List.of(new FieldError(jsonPath(e), "has the wrong type"))));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> web(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        ProblemType type = ProblemType.forStatus(status);
        if (e.getCause() instanceof JsonProcessingException) {
            return answer(Problem.of(ProblemType.VALIDATION, "The body is not valid JSON", request.path(),
                    List.of(new FieldError("body", "is not valid JSON"))));
        }
        RestResponse.ResponseBuilder<Problem> answer = builder(Problem.of(type, detailFor(type), request.path()));
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        if (allow != null) {
            answer.header(HttpHeaders.ALLOW, allow);
        }
        return answer.build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unexpected(Throwable e, HttpServerRequest request) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure of %s %s (reference %s)", request.method(), request.path(), reference);
        return answer(Problem.of(ProblemType.INTERNAL, "An unexpected error occurred; reference " + reference,
                request.path()));
    }

    private static RestResponse<Problem> answer(Problem problem) {
        return builder(problem).build();
    }

    private static RestResponse.ResponseBuilder<Problem> builder(Problem problem) {
        RestResponse.ResponseBuilder<Problem> builder = RestResponse.ResponseBuilder.<Problem>create(problem.status())
                .entity(problem)
                .type(Problem.MEDIA_TYPE);
        if (problem.status() == 401) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return builder;
    }

    private static String detailFor(ProblemType type) {
        return switch (type) {
            case NOT_FOUND -> "No such resource";
            case METHOD_NOT_ALLOWED -> "This resource does not support the method";
            case UNSUPPORTED_MEDIA_TYPE -> "This resource does not accept the content type";
            case NOT_ACCEPTABLE -> "This resource cannot answer in the accepted media types";
            default -> type.title();
        };
    }

    private static String leaf(ConstraintViolation<?> violation) {
        String name = "body";
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getName() != null) {
                name = node.getName();
            }
        }
        return name;
    }

    private static String jsonPath(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
                .collect(Collectors.joining("."));
        return path.isEmpty() ? "body" : path;
    }
}
