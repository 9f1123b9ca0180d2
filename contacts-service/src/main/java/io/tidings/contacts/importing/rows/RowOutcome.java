package io.tidings.contacts.importing.rows;

/** What became of one CSV record. */
sealed interface RowOutcome {

    /** A record with only empty cells: not a data row. */
    record Blank() implements RowOutcome {
    }

    record Accepted(ImportRow row) implements RowOutcome {
    }

    record Rejected(RejectedRow row) implements RowOutcome {
    }
}
