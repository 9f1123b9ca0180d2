package io.tidings.contacts.importing.rows;

/** A data row refused by an import: its line, its raw text, a reason code and a message for people. */
public record RejectedRow(long line, String raw, String reason, String message) {
}
