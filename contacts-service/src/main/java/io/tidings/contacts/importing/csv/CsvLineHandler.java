package io.tidings.contacts.importing.csv;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import java.util.ArrayList;
import java.util.List;

/** FastCSV callback that keeps, for each record, its starting line number and whether each cell was quoted. */
final class CsvLineHandler extends AbstractBaseCsvCallbackHandler<CsvLine> {
    private final List<String> cells = new ArrayList<>();
    private final List<Boolean> quoted = new ArrayList<>();

    @Override
    protected void handleBegin(long startingLineNumber) {
        cells.clear();
        quoted.clear();
    }

    @Override
    protected void handleField(int index, char[] buf, int offset, int length, boolean wasQuoted) {
        cells.add(new String(buf, offset, length));
        quoted.add(wasQuoted);
    }

    @Override
    protected CsvLine buildRecord() {
        boolean[] flags = new boolean[quoted.size()];
        for (int i = 0; i < flags.length; i++) {
            flags[i] = quoted.get(i);
        }
        return new CsvLine(getStartingLineNumber(), cells.toArray(String[]::new), flags);
    }
}
