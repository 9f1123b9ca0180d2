package io.tidings.campaigns.recipients;

import java.util.List;

/**
 * Writes recipients as RFC 4180 CSV, formula-safe: a value a spreadsheet would run as a formula (starting with
 * {@code = + - @}, a tab or a carriage return) is prefixed with a single quote.
 */
public final class RecipientCsv {
    public static final String MEDIA_TYPE = "text/csv";
    public static final String HEADER = "email,firstName,lastName,status,generation,attempt,smtpReply,updatedAt\r\n";

    private RecipientCsv() {
    }

    /** The lines of these recipients, each ended by CRLF. */
    public static String lines(List<Recipient> recipients) {
        StringBuilder out = new StringBuilder(recipients.size() * 120);
        for (Recipient r : recipients) {
            out.append(cell(r.email())).append(',').append(cell(r.firstName())).append(',')
                    .append(cell(r.lastName())).append(',').append(r.status()).append(',')
                    .append(r.generation()).append(',').append(r.attempt()).append(',')
                    .append(cell(r.smtpReply())).append(',').append(r.updatedAt()).append("\r\n");
        }
        return out.toString();
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = startsFormula(value) ? "'" + value : value;
        if (safe.indexOf(',') < 0 && safe.indexOf('"') < 0 && safe.indexOf('\n') < 0 && safe.indexOf('\r') < 0) {
            return safe;
        }
        return '"' + safe.replace("\"", "\"\"") + '"';
    }

    private static boolean startsFormula(String value) {
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}
