package io.tidings.contacts.suppression;

/**
 * The SQL that records a suppression change in {@code contacts.suppression_outbox}, meant to run in the same
 * statement or transaction as the status change it announces: the relay publishes it later, so a change is
 * announced if and only if it was committed.
 */
public final class SuppressionOutbox {
    /**
     * A CTE member, {@code announced}, that announces the status of every row of {@code source} whose status
     * changed: {@code source} must have the columns {@code project_id, normalized_email, id, status} and
     * {@code previous_status}.
     */
    public static String announceChanges(String source) {
        return "announced AS (INSERT INTO contacts.suppression_outbox"
                + " (event_id, project_id, normalized_email, contact_id, suppressed, reason)"
                + " SELECT gen_random_uuid(), s.project_id, s.normalized_email, s.id, s.status <> 'SUBSCRIBED',"
                + " CASE WHEN s.status = 'SUBSCRIBED' THEN NULL ELSE s.status END"
                + " FROM " + source + " s WHERE s.status IS DISTINCT FROM s.previous_status)";
    }

    /** A CTE member, {@code announced}, that writes a tombstone for every erased row of {@code source}. */
    public static String announceErasures(String source) {
        return "announced AS (INSERT INTO contacts.suppression_outbox"
                + " (event_id, project_id, normalized_email, contact_id, suppressed, reason)"
                + " SELECT gen_random_uuid(), s.project_id, s.normalized_email, s.id, NULL, NULL FROM " + source + " s)";
    }

    private SuppressionOutbox() {
    }
}
