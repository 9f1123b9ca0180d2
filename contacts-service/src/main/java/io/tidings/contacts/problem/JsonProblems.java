package io.tidings.contacts.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.List;

/** Describes a JSON body that could not be read, naming the field at fault without leaking Java types. */
final class JsonProblems {
    private JsonProblems() {
    }

    static Problem of(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping ? path(mapping) : null;
        String message;
        if (field == null || field.isEmpty()) {
            field = "body";
            message = "is not well-formed JSON";
        } else if (e instanceof InvalidFormatException invalid) {
            message = "has an invalid value '" + invalid.getValue() + "'";
        } else if (e instanceof MismatchedInputException) {
            message = "has the wrong type";
        } else {
            message = "is invalid";
        }
        ProblemType type = ProblemType.VALIDATION;
        return new Problem(type.uri(), type.title(), type.status(), field + " " + message, null,
                List.of(FieldError.field(field, message)));
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
