package io.tidings.contacts.importing.csv;

/**
 * One CSV record: the file line it starts on, its cells, which cells were quoted (to rebuild its raw text), and
 * whether it was longer than {@link #MAX_LENGTH} characters (its cells are then cut short, and it is rejected).
 */
public record CsvLine(long line, String[] cells, boolean[] quoted, boolean oversized) {
    /** The longest record an import accepts, in characters (cells and delimiters). */
    public static final int MAX_LENGTH = 65_536;
    private static final int MAX_RAW = 10_000;

    /** The cell at {@code index}, or null if the record is shorter. */
    public String cell(int index) {
        return index >= 0 && index < cells.length ? cells[index] : null;
    }

    public boolean blank() {
        for (String cell : cells) {
            if (!cell.isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** The record as it was written (quoting re-applied where the file quoted), cut at 10,000 characters. */
    public String raw(char delimiter) {
        StringBuilder raw = new StringBuilder();
        for (int i = 0; i < cells.length && raw.length() <= MAX_RAW; i++) {
            if (i > 0) {
                raw.append(delimiter);
            }
            if (quoted[i]) {
                raw.append('"').append(cells[i].replace("\"", "\"\"")).append('"');
            } else {
                raw.append(cells[i]);
            }
        }
        return raw.length() > MAX_RAW ? raw.substring(0, MAX_RAW) + "…" : raw.toString();
    }
}
