package io.tidings.gateway.problem;

import java.util.List;

/** An RFC 9457 problem document, the one error shape of every answer the gateway itself gives. */
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ProblemType type, String detail, String instance, List<FieldError> errors) {
        return new Problem(type.uri(), type.title(), type.status(), detail, instance, List.copyOf(errors));
    }

    public static Problem of(ProblemType type, String detail, String instance) {
        return of(type, detail, instance, List.of());
    }
}
