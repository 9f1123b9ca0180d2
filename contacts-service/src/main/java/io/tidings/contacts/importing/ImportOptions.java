package io.tidings.contacts.importing;

import io.tidings.contacts.contact.Tags;
import io.tidings.contacts.problem.FieldError;
import io.tidings.contacts.problem.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The query parameters of an import: tags added to every row, dry run, and whether to wait for the result. */
public record ImportOptions(List<String> tags, boolean dryRun, boolean waitForResult) {

    public static ImportOptions parse(String tags, String dryRun, String wait) {
        List<FieldError> errors = new ArrayList<>();
        List<String> cleanTags = Tags.clean("tags", Tags.split(tags), errors);
        boolean dry = flag("dryRun", dryRun, errors);
        boolean waiting = flag("wait", wait, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new ImportOptions(cleanTags, dry, waiting);
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
