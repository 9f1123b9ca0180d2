package io.tidings.contacts.importing.rows;

import io.tidings.contacts.address.AddressCheck;
import io.tidings.contacts.address.AddressVerdict;
import io.tidings.contacts.contact.Tags;
import io.tidings.contacts.importing.csv.ColumnMap;
import io.tidings.contacts.importing.csv.CsvLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns one CSV record into a contact to import (repaired where it can be) or a rejection with a reason. */
final class RowInterpreter {
    static final int MAX_NAME = 256;
    static final int MAX_FIELD_VALUE = 2000;

    private final ColumnMap columns;
    private final List<String> jobTags;
    private final char delimiter;
    private final boolean keepRaw;

    /** {@code keepRaw}: keep every accepted row's raw text, not only repaired ones' (it may still be rejected). */
    RowInterpreter(ColumnMap columns, List<String> jobTags, char delimiter, boolean keepRaw) {
        this.columns = columns;
        this.jobTags = jobTags;
        this.delimiter = delimiter;
        this.keepRaw = keepRaw;
    }

    RowOutcome interpret(CsvLine line) {
        if (line.oversized()) {
            return reject(line, "LINE_TOO_LONG", "the line is longer than " + CsvLine.MAX_LENGTH + " characters");
        }
        if (line.blank()) {
            return new RowOutcome.Blank();
        }
        for (int i = columns.width(); i < line.cells().length; i++) {
            if (!line.cells()[i].isBlank()) {
                return reject(line, "TOO_MANY_COLUMNS", "the line has " + line.cells().length
                        + " values but the header has " + columns.width() + " columns");
            }
        }
        AddressRepair.Result repair = AddressRepair.repair(line.cell(columns.email()));
        if (repair.severalAddresses()) {
            return reject(line, "SEVERAL_ADDRESSES", "the email cell holds more than one address");
        }
        AddressVerdict verdict = AddressCheck.check(repair.address());
        if (verdict instanceof AddressVerdict.Invalid invalid) {
            return reject(line, invalid.fault().name(), invalid.message());
        }
        String firstName = text(line.cell(columns.firstName()));
        String lastName = text(line.cell(columns.lastName()));
        if (firstName == null && lastName == null) {
            String[] names = namesBeside(repair);
            firstName = names[0];
            lastName = names[1];
        }
        if (tooLong(firstName, MAX_NAME) || tooLong(lastName, MAX_NAME)) {
            return reject(line, "VALUE_TOO_LONG", "a name is longer than " + MAX_NAME + " characters");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (ColumnMap.FieldColumn column : columns.fields()) {
            String value = text(line.cell(column.index()));
            if (tooLong(value, MAX_FIELD_VALUE)) {
                return reject(line, "VALUE_TOO_LONG", "'" + column.name() + "' is longer than " + MAX_FIELD_VALUE + " characters");
            }
            if (value != null) {
                fields.put(column.name(), value);
            }
        }
        Set<String> tags = new LinkedHashSet<>(jobTags);
        tags.addAll(Tags.split(line.cell(columns.tags())));
        if (tags.size() > Tags.MAX_COUNT || tags.stream().anyMatch(t -> t.length() > Tags.MAX_LENGTH)) {
            return reject(line, "INVALID_TAG", "at most " + Tags.MAX_COUNT + " tags of at most " + Tags.MAX_LENGTH + " characters");
        }
        var address = ((AddressVerdict.Valid) verdict).address();
        String raw = repair.repairs().isEmpty() && !keepRaw ? null : line.raw(delimiter);
        return new RowOutcome.Accepted(new ImportRow(line.line(), address, firstName, lastName, fields,
                new ArrayList<>(tags), raw, repair.repairs()));
    }

    /** Names found in the email cell: the squeezed record's other parts, or the display name of Name &lt;addr&gt;. */
    private static String[] namesBeside(AddressRepair.Result repair) {
        if (!repair.names().isEmpty()) {
            List<String> names = repair.names();
            String last = names.size() > 1 ? String.join(" ", names.subList(1, names.size())) : null;
            return new String[] {names.get(0), last};
        }
        String display = text(repair.displayName());
        if (display == null) {
            return new String[] {null, null};
        }
        int comma = display.indexOf(',');
        if (comma >= 0) {
            return new String[] {text(display.substring(comma + 1)), text(display.substring(0, comma))};
        }
        int space = display.lastIndexOf(' ');
        return space < 0 ? new String[] {display, null}
                : new String[] {text(display.substring(0, space)), text(display.substring(space + 1))};
    }

    private RowOutcome reject(CsvLine line, String reason, String message) {
        return new RowOutcome.Rejected(new RejectedRow(line.line(), line.raw(delimiter), reason, message));
    }

    private static String text(String cell) {
        if (cell == null) {
            return null;
        }
        String value = cell.strip();
        return value.isEmpty() ? null : value;
    }

    private static boolean tooLong(String value, int max) {
        return value != null && value.length() > max;
    }
}
