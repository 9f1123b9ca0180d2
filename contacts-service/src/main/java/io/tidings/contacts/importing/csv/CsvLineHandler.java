package io.tidings.contacts.importing.csv;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import java.util.ArrayList;
import java.util.List;

/**
 * FastCSV callback that keeps, for each record, its starting line number and whether each cell was quoted. A
 * record longer than {@link CsvLine#MAX_LENGTH} characters is kept cut short and marked oversized.
 */
final class CsvLineHandler extends AbstractBaseCsvCallbackHandler<CsvLine> {
    private final List<String> cells = new ArrayList<>();
    private final List<Boolean> quoted = new ArrayList<>();
    private long length;

    @Override
    protected void handleBegin(long startingLineNumber) {
        cells.clear();
        quoted.clear();
        length = 0;
    }

    @Override
    protected void handleField(int index, char[] buf, int offset, int length, boolean wasQuoted) {
        long room = Math.max(0, CsvLine.MAX_LENGTH - this.length);
        cells.add(new String(buf, offset, (int) Math.min(length, room)));
        quoted.add(wasQuoted);
        this.length += length + 1;
    }

    @Override
    protected CsvLine buildRecord() {
        boolean[] flags = new boolean[quoted.size()];
        for (int i = 0; i < flags.length; i++) {
            flags[i] = quoted.get(i);
        }
        return new CsvLine(getStartingLineNumber(), cells.toArray(String[]::new), flags, length - 1 > CsvLine.MAX_LENGTH);
    }
}
