package io.tidings.contacts.problem;

import java.util.List;

/** An RFC 9457 problem document, the one error shape of every response (docs/DESIGN.md, "Errors"). */
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }
}
