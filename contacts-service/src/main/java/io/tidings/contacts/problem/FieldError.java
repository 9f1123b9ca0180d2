package io.tidings.contacts.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One entry of a problem's {@code errors}: the field (or CSV line) at fault and what is wrong with it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldError(String field, Long line, String message) {

    public static FieldError field(String field, String message) {
        return new FieldError(field, null, message);
    }

    public static FieldError line(long line, String message) {
        return new FieldError(null, line, message);
    }
}
