package io.tidings.gateway.problem;

/** One entry of a problem's {@code errors}: the request field at fault and what is wrong with it. */
public record FieldError(String field, String message) {
}
