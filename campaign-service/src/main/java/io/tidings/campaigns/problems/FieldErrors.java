package io.tidings.campaigns.problems;

import java.util.ArrayList;
import java.util.List;

/** Collects what is wrong with a request, then fails with 400 (invalid fields) or 422 (unacceptable ones). */
public final class FieldErrors {
    private final List<FieldError> invalid = new ArrayList<>();
    private final List<FieldError> unacceptable = new ArrayList<>();

    /** A missing or malformed field: 400. */
    public FieldErrors invalid(String field, String message) {
        invalid.add(new FieldError(field, message));
        return this;
    }

    /** A well-formed field the service cannot accept: 422. */
    public FieldErrors unacceptable(String field, String message) {
        unacceptable.add(new FieldError(field, message));
        return this;
    }

    /** Throws a 400 naming every invalid field, else a 422 naming every unacceptable one, else returns. */
    public void throwIfAny() {
        if (!invalid.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, summary(invalid), invalid);
        }
        if (!unacceptable.isEmpty()) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, summary(unacceptable), unacceptable);
        }
    }

    private static String summary(List<FieldError> errors) {
        FieldError first = errors.get(0);
        String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "";
        return first.field() + " " + first.message() + more;
    }
}
