package io.tidings.contacts.importing.rows;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Repairs an email cell before it is validated: surrounding whitespace, invisible characters and quotes,
 * {@code Name <addr>}, a whole record squeezed into the cell ({@code anna@example.com;Anna;Schmidt}, also with
 * {@code , | TAB}), a {@code mailto:} prefix, a trailing dot after the domain and an upper-case domain. Each
 * change is noted.
 */
final class AddressRepair {
    private static final Pattern NAME_ADDRESS = Pattern.compile("^(.*?)<([^<>]+)>$");
    private static final Pattern SQUEEZE = Pattern.compile("[;,|\t]");
    private static final Pattern INVISIBLE = Pattern.compile("[\\uFEFF\\u200B-\\u200D\\u2060]");

    /** The repaired cell: the address candidate, names found beside it, and the notes. */
    record Result(String address, List<String> names, String displayName, List<Repair> repairs, boolean severalAddresses) {
    }

    private AddressRepair() {
    }

    static Result repair(String cell) {
        List<Repair> repairs = new ArrayList<>();
        String original = cell == null ? "" : cell;
        String s = INVISIBLE.matcher(original).replaceAll("").replace('\u00A0', ' ').strip();
        if (!s.equals(original) && !s.isEmpty()) {
            repairs.add(Repair.of(RepairKind.TRIMMED));
        }
        String unquoted = unquote(s);
        if (!unquoted.equals(s)) {
            repairs.add(Repair.of(RepairKind.UNQUOTED));
            s = unquoted;
        }
        String displayName = null;
        List<String> names = List.of();
        boolean several = false;
        Matcher nameAddress = NAME_ADDRESS.matcher(s);
        if (nameAddress.matches()) {
            displayName = unquote(nameAddress.group(1).strip());
            s = nameAddress.group(2).strip();
            repairs.add(Repair.of(RepairKind.NAME_ADDRESS, "'" + unquoted + "'"));
        } else if (SQUEEZE.matcher(s).find()) {
            List<String> parts = new ArrayList<>();
            List<String> addresses = new ArrayList<>();
            for (String part : SQUEEZE.split(s)) {
                String value = unquote(part.strip());
                if (value.indexOf('@') >= 0) {
                    addresses.add(value);
                } else if (!value.isEmpty()) {
                    parts.add(value);
                }
            }
            if (addresses.size() == 1) {
                repairs.add(Repair.of(RepairKind.SQUEEZED_RECORD, "'" + s + "'"));
                s = addresses.get(0);
                names = List.copyOf(parts);
            } else if (addresses.size() > 1) {
                several = true;
            }
        }
        if (s.regionMatches(true, 0, "mailto:", 0, 7)) {
            s = s.substring(7).strip();
            int query = s.indexOf('?');
            s = query >= 0 ? s.substring(0, query) : s;
            repairs.add(Repair.of(RepairKind.MAILTO));
        }
        if (s.indexOf('@') >= 0 && s.endsWith(".")) {
            while (s.endsWith(".")) {
                s = s.substring(0, s.length() - 1);
            }
            repairs.add(Repair.of(RepairKind.TRAILING_DOT));
        }
        int at = s.indexOf('@');
        if (at >= 0 && at == s.lastIndexOf('@')) {
            String domain = s.substring(at + 1);
            String lower = domain.toLowerCase(Locale.ROOT);
            if (!lower.equals(domain)) {
                s = s.substring(0, at + 1) + lower;
                repairs.add(Repair.of(RepairKind.DOMAIN_CASE, "'" + domain + "'"));
            }
        }
        return new Result(s, names, displayName, List.copyOf(repairs), several);
    }

    private static String unquote(String value) {
        String s = value;
        while (s.length() >= 2 && isQuotePair(s.charAt(0), s.charAt(s.length() - 1))) {
            s = s.substring(1, s.length() - 1).strip();
        }
        return s;
    }

    private static boolean isQuotePair(char open, char close) {
        return open == '"' && close == '"' || open == '\'' && close == '\''
                || open == '“' && close == '”' || open == '‘' && close == '’'
                || open == '«' && close == '»' || open == '„' && close == '“';
    }
}
