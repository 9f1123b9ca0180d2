package io.tidings.contacts.importing;

/**
 * Writes rejected rows as CSV lines ({@code line,reason,message,raw}) for a spreadsheet: every cell that a
 * spreadsheet would read as a formula (a leading {@code = + - @}, tab or carriage return) is neutralised with a
 * leading apostrophe, and cells are quoted when they hold a comma, a quote or a line break.
 */
final class RejectsCsv {
    static final String HEADER = "line,reason,message,raw\r\n";

    private RejectsCsv() {
    }

    static String line(RowReport.Rejected reject) {
        return reject.line() + "," + cell(reject.reason()) + "," + cell(reject.message()) + "," + cell(reject.raw()) + "\r\n";
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
