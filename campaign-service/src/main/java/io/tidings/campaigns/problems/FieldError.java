package io.tidings.campaigns.problems;

/** What is wrong with one field of a request (its JSON path, or a query parameter's name). */
public record FieldError(String field, String message) {
}
