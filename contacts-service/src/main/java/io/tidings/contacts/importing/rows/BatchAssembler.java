package io.tidings.contacts.importing.rows;

import de.siegmar.fastcsv.reader.CsvParseException;
import io.tidings.contacts.importing.csv.CsvLine;
import io.tidings.contacts.importing.csv.CsvSource;
import io.tidings.contacts.importing.csv.ImportFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads a file's data lines and hands them out in batches of at most {@code batchSize} lines, each row
 * interpreted, repaired or rejected, and de-duplicated by normalised address against every earlier row of the
 * file. Pulling a batch does blocking file I/O: pull on a worker thread.
 */
public final class BatchAssembler implements Iterator<ImportBatch>, AutoCloseable {
    private final CsvSource source;
    private final RowInterpreter interpreter;
    private final SeenAddresses seen = new SeenAddresses();
    private final ImportTally tally;
    private final int batchSize;
    private long lastLine = 1;

    private BatchAssembler(CsvSource source, RowInterpreter interpreter, ImportTally tally, int batchSize) {
        this.source = source;
        this.interpreter = interpreter;
        this.tally = tally;
        this.batchSize = batchSize;
    }

    public static BatchAssembler open(ImportFile file, List<String> jobTags, ImportTally tally, int batchSize,
            boolean keepRaw) {
        RowInterpreter interpreter = new RowInterpreter(file.columns(), jobTags, file.delimiter(), keepRaw);
        return new BatchAssembler(file.openData(), interpreter, tally, batchSize);
    }

    @Override
    public boolean hasNext() {
        try {
            return source.hasNext();
        } catch (CsvParseException e) {
            throw unreadable(e);
        }
    }

    @Override
    public ImportBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        List<ImportRow> rows = new ArrayList<>();
        List<RejectedRow> rejects = new ArrayList<>();
        List<ImportRow> repaired = new ArrayList<>();
        long read = 0;
        long duplicates = 0;
        for (int lines = 0; lines < batchSize && hasNext(); lines++) {
            CsvLine line = nextLine();
            lastLine = line.line();
            RowOutcome outcome = interpreter.interpret(line);
            if (outcome instanceof RowOutcome.Blank) {
                tally.blankLine();
                continue;
            }
            read++;
            if (outcome instanceof RowOutcome.Rejected rejected) {
                rejects.add(rejected.row());
                continue;
            }
            ImportRow row = ((RowOutcome.Accepted) outcome).row();
            if (row.repaired()) {
                repaired.add(row);
                tally.repaired(row.repairs());
            }
            if (seen.add(row.address().normalized())) {
                rows.add(row);
            } else {
                duplicates++;
            }
        }
        // one lock order for every writer, so concurrent imports into one project cannot deadlock
        rows.sort(Comparator.comparing(row -> row.address().normalized()));
        return new ImportBatch(rows, rejects, repaired, read, duplicates, source.bytesRead());
    }

    private CsvLine nextLine() {
        try {
            return source.next();
        } catch (CsvParseException e) {
            throw unreadable(e);
        }
    }

    private ImportFailure unreadable(CsvParseException e) {
        return new ImportFailure("the file is not readable as CSV after line " + lastLine
                + " (an unclosed quote or an oversized field?); the rows before it were imported", e);
    }

    @Override
    public void close() {
        source.close();
    }
}
