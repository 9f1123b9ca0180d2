package io.tidings.contacts.importing;

import io.tidings.contacts.contact.Tags;
import io.tidings.contacts.problem.FieldError;
import io.tidings.contacts.problem.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The query parameters of an import: tags added to every row, dry run, whether to wait for the result, the
 * {@link ImportMode}, and an explicit column mapping ({@code mapping=email:Kontakt,firstName:Rufname}) that overrides the header synonyms.
 */
public record ImportOptions(List<String> tags, boolean dryRun, boolean waitForResult, Map<String, String> mapping,
        ImportMode mode) {
    static final Set<String> MAPPABLE = Set.of("email", "firstName", "lastName", "tags");

    public static ImportOptions parse(String tags, String dryRun, String wait, String mapping, String mode) {
        List<FieldError> errors = new ArrayList<>();
        List<String> cleanTags = Tags.clean("tags", Tags.split(tags), errors);
        boolean dry = flag("dryRun", dryRun, errors);
        boolean waiting = flag("wait", wait, errors);
        Map<String, String> columns = mapping(mapping, errors);
        ImportMode importMode = ImportMode.parse(mode).orElse(null);
        if (importMode == null) {
            errors.add(FieldError.field("mode", "must be upsert, create-only or update-only"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new ImportOptions(cleanTags, dry, waiting, columns, importMode);
    }

    /** {@code target:Header Name} pairs separated by commas; each target once, among {@link #MAPPABLE}. */
    private static Map<String, String> mapping(String value, List<FieldError> errors) {
        Map<String, String> mapping = new LinkedHashMap<>();
        if (value == null || value.isBlank()) {
            return mapping;
        }
        for (String pair : value.split(",")) {
            int colon = pair.indexOf(':');
            String target = colon < 0 ? pair.strip() : pair.substring(0, colon).strip();
            String header = colon < 0 ? "" : pair.substring(colon + 1).strip();
            if (!MAPPABLE.contains(target)) {
                errors.add(FieldError.field("mapping", "'" + target + "' is not a mappable field; use " + MAPPABLE
                        + " as in mapping=email:E-Mail-Adresse,firstName:Rufname"));
            } else if (header.isEmpty()) {
                errors.add(FieldError.field("mapping", "'" + target + "' needs a column name after ':'"));
            } else if (mapping.put(target, header) != null) {
                errors.add(FieldError.field("mapping", "'" + target + "' is mapped twice"));
            }
        }
        return mapping;
    }

    private static boolean flag(String name, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                errors.add(FieldError.field(name, "must be true or false"));
                yield false;
            }
        };
    }
}
