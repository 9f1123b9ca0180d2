package io.tidings.contacts.importing.csv;

import io.tidings.contacts.problem.FieldError;
import io.tidings.contacts.problem.ProblemException;
import io.tidings.contacts.problem.ProblemType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What each column of a file means, from its header: email, first name, last name and tags by their usual
 * names (case, spaces, dashes and underscores ignored; English and German), every other column a custom field.
 */
public record ColumnMap(int email, int firstName, int lastName, int tags, List<FieldColumn> fields,
        List<String> headers, List<String> warnings) {
    static final int MAX_FIELDS = 100;
    private static final Map<String, Set<String>> SYNONYMS = Map.of(
            "email", Set.of("email", "emailaddress", "mail", "mailaddress", "emailadresse", "emailadr"),
            "firstName", Set.of("firstname", "vorname", "givenname", "first"),
            "lastName", Set.of("lastname", "nachname", "surname", "familyname", "last"),
            "tags", Set.of("tags", "tag"));

    /** A column kept as a custom field under {@code name}. */
    public record FieldColumn(int index, String name) {
    }

    public static ColumnMap of(String[] header) {
        return of(header, Map.of());
    }

    /**
     * Maps a header; {@code mapping} (target to column label, compared like synonyms) takes precedence, and a
     * target it names is not looked for by synonym. A mapped column missing from the header is a 422.
     */
    public static ColumnMap of(String[] header, Map<String, String> mapping) {
        Map<String, Integer> mapped = mapped(header, mapping);
        int email = mapped.getOrDefault("email", -1);
        int firstName = mapped.getOrDefault("firstName", -1);
        int lastName = mapped.getOrDefault("lastName", -1);
        int tags = mapped.getOrDefault("tags", -1);
        List<FieldColumn> fields = new ArrayList<>();
        List<String> headers = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Set<String> fieldNames = new HashSet<>();
        for (int i = 0; i < header.length; i++) {
            String label = label(header[i]);
            headers.add(label);
            String key = key(label);
            if (mapped.containsValue(i)) {
                continue;
            }
            if (email < 0 && !mapping.containsKey("email") && SYNONYMS.get("email").contains(key)) {
                email = i;
            } else if (firstName < 0 && !mapping.containsKey("firstName") && SYNONYMS.get("firstName").contains(key)) {
                firstName = i;
            } else if (lastName < 0 && !mapping.containsKey("lastName") && SYNONYMS.get("lastName").contains(key)) {
                lastName = i;
            } else if (tags < 0 && !mapping.containsKey("tags") && SYNONYMS.get("tags").contains(key)) {
                tags = i;
            } else if (fields.size() < MAX_FIELDS) {
                fields.add(new FieldColumn(i, uniqueName(label.isEmpty() ? "column" + (i + 1) : label, fieldNames)));
            } else {
                warnings.add("Column '" + label + "' was ignored: at most " + MAX_FIELDS + " custom fields are kept.");
            }
        }
        return new ColumnMap(email, firstName, lastName, tags, List.copyOf(fields), List.copyOf(headers),
                List.copyOf(warnings));
    }

    private static Map<String, Integer> mapped(String[] header, Map<String, String> mapping) {
        Map<String, Integer> mapped = new HashMap<>();
        mapping.forEach((target, column) -> {
            for (int i = 0; i < header.length; i++) {
                if (key(label(header[i])).equals(key(label(column))) && !mapped.containsValue(i)) {
                    mapped.put(target, i);
                    return;
                }
            }
            String message = "mapping names the column '" + column + "' for " + target + ", but the header has none";
            throw new ProblemException(ProblemType.UNPROCESSABLE, message, List.of(FieldError.field("mapping", message)));
        });
        return mapped;
    }

    public boolean hasEmail() {
        return email >= 0;
    }

    public int width() {
        return headers.size();
    }

    /** A header as the file wrote it, without a byte-order mark, surrounding whitespace or quotes. */
    static String label(String header) {
        String label = header.replace("\uFEFF", "").strip();
        while (label.length() >= 2 && (label.startsWith("\"") && label.endsWith("\"")
                || label.startsWith("'") && label.endsWith("'"))) {
            label = label.substring(1, label.length() - 1).strip();
        }
        return label;
    }

    static String key(String label) {
        return label.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-.]", "");
    }

    private static String uniqueName(String name, Set<String> taken) {
        String unique = name;
        for (int n = 2; !taken.add(unique); n++) {
            unique = name + "_" + n;
        }
        return unique;
    }
}
