package io.tidings.contacts.contact;

import io.tidings.contacts.problem.FieldError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The rules for tags, wherever they come from: trimmed, non-blank, at most 100 characters, 100 per contact. */
public final class Tags {
    public static final int MAX_LENGTH = 100;
    public static final int MAX_COUNT = 100;

    private Tags() {
    }

    /** The distinct, trimmed tags of {@code values}; each invalid one adds an error naming {@code field[i]}. */
    public static List<String> clean(String field, List<String> values, List<FieldError> errors) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > MAX_COUNT) {
            errors.add(FieldError.field(field, "at most " + MAX_COUNT + " tags"));
            return List.of();
        }
        Set<String> tags = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String tag = values.get(i) == null ? "" : values.get(i).strip();
            if (tag.isEmpty()) {
                errors.add(FieldError.field(field + "[" + i + "]", "a tag must not be empty"));
            } else if (tag.length() > MAX_LENGTH) {
                errors.add(FieldError.field(field + "[" + i + "]", "a tag has at most " + MAX_LENGTH + " characters"));
            } else {
                tags.add(tag);
            }
        }
        return new ArrayList<>(tags);
    }

    /** Splits a list written in one string ("a,b" or "a;b|c"), dropping blanks. */
    public static List<String> split(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        return Arrays.stream(list.split("[,;|]")).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }
}
