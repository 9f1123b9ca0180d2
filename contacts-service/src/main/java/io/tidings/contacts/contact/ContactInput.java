package io.tidings.contacts.contact;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidings.contacts.problem.FieldError;
import io.tidings.contacts.problem.ProblemException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Validates what clients send for a contact (names, custom fields, tags, status), naming each bad field. */
final class ContactInput {
    static final int MAX_NAME = 256;
    static final int MAX_FIELDS = 100;
    static final int MAX_FIELD_KEY = 100;
    static final int MAX_FIELD_VALUE = 2000;
    private static final Set<String> PATCHABLE = Set.of("firstName", "lastName", "fields", "tags", "status");

    private ContactInput() {
    }

    static String name(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String name = value.strip();
        if (name.length() > MAX_NAME) {
            errors.add(FieldError.field(field, "at most " + MAX_NAME + " characters"));
        }
        return name;
    }

    /** Custom fields: scalar values only; a null value is kept (it removes the key in a patch). */
    static Map<String, Object> fields(Map<String, Object> values, List<FieldError> errors) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (values == null) {
            return fields;
        }
        if (values.size() > MAX_FIELDS) {
            errors.add(FieldError.field("fields", "at most " + MAX_FIELDS + " fields"));
            return fields;
        }
        values.forEach((key, value) -> {
            String name = "fields." + key;
            if (key.isBlank() || key.length() > MAX_FIELD_KEY) {
                errors.add(FieldError.field(name, "a field name has 1 to " + MAX_FIELD_KEY + " characters"));
            } else if (value != null && !(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                errors.add(FieldError.field(name, "must be a string, number, boolean or null"));
            } else if (value instanceof String text && text.length() > MAX_FIELD_VALUE) {
                errors.add(FieldError.field(name, "at most " + MAX_FIELD_VALUE + " characters"));
            } else {
                fields.put(key, value);
            }
        });
        return fields;
    }

    /** Reads a JSON merge patch; absent members stay as they are. */
    static ContactChanges changes(JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw ProblemException.invalid("body", "must be a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        if (patch.has("email")) {
            errors.add(FieldError.field("email", "cannot be changed; create a contact with the new address"));
        }
        for (Iterator<String> names = patch.fieldNames(); names.hasNext(); ) {
            String member = names.next();
            JsonNode value = patch.get(member);
            if (PATCHABLE.contains(member) && !value.isNull() && !expectedType(member, value)) {
                errors.add(FieldError.field(member, "has the wrong type"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        String firstName = name("firstName", text(patch, "firstName"), errors);
        String lastName = name("lastName", text(patch, "lastName"), errors);
        Map<String, Object> fields = patch.hasNonNull("fields") ? fields(scalars(patch.get("fields"), errors), errors) : null;
        List<String> tags = patch.has("tags") ? Tags.clean("tags", strings(patch.get("tags")), errors) : null;
        ContactStatus status = null;
        if (patch.hasNonNull("status")) {
            status = ContactStatus.parseList("status", List.of(patch.get("status").asText())).get(0);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new ContactChanges(firstName, patch.has("firstName") && firstName == null,
                lastName, patch.has("lastName") && lastName == null, fields, tags, status);
    }

    private static boolean expectedType(String member, JsonNode value) {
        return switch (member) {
            case "fields" -> value.isObject();
            case "tags" -> value.isArray();
            default -> value.isTextual();
        };
    }

    private static String text(JsonNode patch, String member) {
        JsonNode value = patch.get(member);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(node -> values.add(node.isNull() ? null : node.asText()));
        }
        return values;
    }

    private static Map<String, Object> scalars(JsonNode object, List<FieldError> errors) {
        Map<String, Object> values = new LinkedHashMap<>();
        object.fields().forEachRemaining(entry -> {
            JsonNode node = entry.getValue();
            if (node.isNull()) {
                values.put(entry.getKey(), null);
            } else if (node.isTextual()) {
                values.put(entry.getKey(), node.textValue());
            } else if (node.isNumber()) {
                values.put(entry.getKey(), node.numberValue());
            } else if (node.isBoolean()) {
                values.put(entry.getKey(), node.booleanValue());
            } else {
                errors.add(FieldError.field("fields." + entry.getKey(), "must be a string, number, boolean or null"));
            }
        });
        return values;
    }
}
