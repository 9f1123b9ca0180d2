package io.tidings.contacts.importing.rows;

import java.util.List;

/**
 * The outcome of up to one batch of data lines: contacts to upsert (distinct addresses, first occurrence in the
 * file), rejected rows, repaired rows (duplicates included), and the counts of data rows read and duplicates;
 * {@code bytesRead} is the file position reached.
 */
public record ImportBatch(List<ImportRow> rows, List<RejectedRow> rejects, List<ImportRow> repaired, long read,
        long duplicates, long bytesRead) {
}
