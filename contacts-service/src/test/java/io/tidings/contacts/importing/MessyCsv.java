package io.tidings.contacts.importing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * A seeded generator of messy CSV exports that knows what it wrote: random delimiter, header synonyms, quoting,
 * line endings, BOM, UTF-8 or Windows-1252, blank lines, junk bytes, rows to repair, rows to reject, broken rows
 * and duplicates. {@link #expected} holds the counts an import must report.
 */
final class MessyCsv {
    private static final char[] DELIMITERS = {',', ';', '\t', '|'};
    private static final String[] EMAIL = {"email", "E-Mail", "Email Address", "mail"};
    private static final String[] FIRST = {"first_name", "First Name", "Vorname"};
    private static final String[] LAST = {"last_name", "Last Name", "Nachname"};
    private static final String[] NAMES = {"Anna", "Jürgen", "Zoë", "Łukasz", "Renée", "Ole", "Ana María"};
    private static final String[] BROKEN = {"anna.example.com", "anna@b@example.com", "anna@localhost", "anna@example",
            "anna schmidt@example.com", "a@example.com;b@example.com"};

    final byte[] bytes;
    final Map<String, Integer> expected;
    final boolean latin1;
    final String description;

    private MessyCsv(byte[] bytes, Map<String, Integer> expected, boolean latin1, String description) {
        this.bytes = bytes;
        this.expected = expected;
        this.latin1 = latin1;
        this.description = description;
    }

    static MessyCsv generate(long seed) {
        Random random = new Random(new SplittableRandom(seed).nextLong()); // close seeds, unrelated files
        char delimiter = DELIMITERS[random.nextInt(DELIMITERS.length)];
        boolean latin1 = random.nextInt(4) == 0;
        boolean junk = !latin1 && random.nextInt(3) == 0;
        Charset charset = latin1 ? Charset.forName("windows-1252") : StandardCharsets.UTF_8;
        String newline = random.nextBoolean() ? "\r\n" : "\n";
        boolean bom = !latin1 && random.nextBoolean();
        Writer out = new Writer(charset, delimiter, newline, random);
        if (bom) {
            out.raw(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        out.row(pick(random, EMAIL), pick(random, FIRST), pick(random, LAST), "city");

        int rows = 50 + random.nextInt(150);
        int read = 0;
        int created = 0;
        int duplicates = 0;
        int repaired = 0;
        int rejected = 0;
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            int kind = random.nextInt(100);
            String first = pick(random, NAMES);
            String city = random.nextInt(5) == 0 ? "Bad" + delimiter + "Ems" : random.nextInt(8) == 0 ? "Line\nbreak" : "Köln";
            if (kind < 5) {
                out.line(""); // blank: skipped, not a row
                continue;
            }
            read++;
            if (kind < 15) {
                rejected++;
                out.row(pick(random, BROKEN), first, "Broken", city);
            } else if (kind < 20 && junk) {
                rejected++;
                out.junkRow(first);
            } else if (kind < 24) {
                rejected++; // one value too many, not blank: TOO_MANY_COLUMNS
                out.row("extra" + i + "@example.com", first, "Extra", city, "surplus");
            } else if (kind < 32 && !accepted.isEmpty()) {
                duplicates++;
                String earlier = accepted.get(random.nextInt(accepted.size()));
                out.row(random.nextBoolean() ? earlier : earlier.toUpperCase().replace("EXAMPLE.ORG", "example.org"),
                        first, "Again", city);
            } else if (kind < 45) {
                created++;
                repaired++;
                String address = "r" + i + "@example.org";
                accepted.add(address);
                out.row(repair(random, address, first), first, "Repaired", city);
            } else {
                created++;
                String address = "c" + i + "@example.org";
                accepted.add(address);
                out.row(address, first, "Clean", city);
            }
        }
        String description = "seed " + seed + ": delimiter " + (int) delimiter + ", " + charset + (bom ? " BOM" : "")
                + (junk ? " junk" : "") + ", newline " + newline.length();
        return new MessyCsv(out.bytes(), Map.of("read", read, "created", created, "updated", 0, "unchanged", 0,
                "duplicates", duplicates, "repaired", repaired, "rejected", rejected), latin1, description);
    }

    private static String repair(Random random, String address, String name) {
        return switch (random.nextInt(5)) {
            case 0 -> "  " + address + " ";
            case 1 -> name.replace(" ", "") + " Schmidt <" + address + ">";
            case 2 -> "mailto:" + address;
            case 3 -> address + ".";
            default -> address.replace("example.org", "Example.ORG");
        };
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    /** Writes cells, quoting those that need it and, at random, some that do not. */
    private static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final Charset charset;
        private final char delimiter;
        private final String newline;
        private final Random random;

        Writer(Charset charset, char delimiter, String newline, Random random) {
            this.charset = charset;
            this.delimiter = delimiter;
            this.newline = newline;
            this.random = random;
        }

        void row(String... cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) {
                    line.append(delimiter);
                }
                String cell = cells[i];
                boolean needs = cell.indexOf(delimiter) >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0;
                if (needs || random.nextInt(6) == 0) {
                    line.append('"').append(cell.replace("\"", "\"\"")).append('"');
                } else {
                    line.append(cell);
                }
            }
            line(line.toString());
        }

        /** A row whose email cell is bytes that are not text in any encoding the file could have. */
        void junkRow(String name) {
            raw(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0x80, 'x'});
            line(delimiter + name + delimiter + "Junk" + delimiter + "Nowhere");
        }

        void line(String text) {
            raw((text + newline).getBytes(charset));
        }

        void raw(byte[] bytes) {
            out.writeBytes(bytes);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
