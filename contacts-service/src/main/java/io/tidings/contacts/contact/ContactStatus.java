package io.tidings.contacts.contact;

import io.tidings.contacts.problem.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Whether a contact may be mailed: only SUBSCRIBED ones are, by default, members of a segment. */
public enum ContactStatus {
    SUBSCRIBED, UNSUBSCRIBED, BOUNCED, COMPLAINED;

    /** Parses a comma-separated list of statuses from a query parameter or filter, naming the field if invalid. */
    public static List<ContactStatus> parseList(String field, List<String> values) {
        List<ContactStatus> statuses = new ArrayList<>();
        for (String value : values) {
            try {
                ContactStatus status = valueOf(value.trim().toUpperCase(Locale.ROOT));
                if (!statuses.contains(status)) {
                    statuses.add(status);
                }
            } catch (IllegalArgumentException | NullPointerException e) {
                throw ProblemException.invalid(field, "unknown status '" + value + "'; use one of " + List.of(values()));
            }
        }
        return statuses;
    }
}
