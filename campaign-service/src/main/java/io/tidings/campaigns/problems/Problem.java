package io.tidings.campaigns.problems;

import java.util.List;

/** An RFC 9457 problem detail, the one error shape of every response. */
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ProblemType kind, String detail, String instance, List<FieldError> errors) {
        return new Problem(kind.uri(), kind.title(), kind.status(), detail, instance, List.copyOf(errors));
    }
}
