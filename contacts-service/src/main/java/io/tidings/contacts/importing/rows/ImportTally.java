package io.tidings.contacts.importing.rows;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What an import noticed beyond the row counts, summed up as the job's warnings when it ends. */
public final class ImportTally {
    private final Map<RepairKind, Long> repairs = new EnumMap<>(RepairKind.class);
    private long blankLines;

    synchronized void repaired(List<Repair> changes) {
        changes.forEach(change -> repairs.merge(change.code(), 1L, Long::sum));
    }

    synchronized void blankLine() {
        blankLines++;
    }

    public synchronized List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        repairs.forEach((kind, count) -> warnings.add(count + (count == 1 ? " row: " : " rows: ") + kind.summary()
                + " (" + kind.name() + ")."));
        if (blankLines > 0) {
            warnings.add(blankLines + (blankLines == 1 ? " line" : " lines") + " with only empty cells "
                    + (blankLines == 1 ? "was" : "were") + " skipped.");
        }
        return warnings;
    }
}
