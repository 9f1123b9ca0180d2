package io.tidings.contacts.importing.csv;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * How a file's bytes become text: a byte-order mark wins; then UTF-8 if the whole file is well-formed UTF-8
 * (text in a legacy charset almost never is, while clients often declare a charset by default); then the
 * charset the client declared; else Windows-1252, what old Windows tools write as "Latin-1".
 */
public record TextEncoding(Charset charset, int bomLength, String warning) {
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    public static TextEncoding detect(byte[] head, boolean validUtf8, Charset declared) {
        if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
            return new TextEncoding(StandardCharsets.UTF_8, 3, null);
        }
        if (startsWith(head, 0xFF, 0xFE)) {
            return new TextEncoding(StandardCharsets.UTF_16LE, 2, null);
        }
        if (startsWith(head, 0xFE, 0xFF)) {
            return new TextEncoding(StandardCharsets.UTF_16BE, 2, null);
        }
        if (validUtf8) {
            return new TextEncoding(StandardCharsets.UTF_8, 0, null);
        }
        if (declared != null && !declared.equals(StandardCharsets.UTF_8)) {
            return new TextEncoding(declared, 0, null);
        }
        return new TextEncoding(WINDOWS_1252, 0,
                "The file is not valid UTF-8; it was read as Windows-1252 (Latin-1). Check accented names.");
    }

    private static boolean startsWith(byte[] head, int... bom) {
        if (head.length < bom.length) {
            return false;
        }
        for (int i = 0; i < bom.length; i++) {
            if ((head[i] & 0xFF) != bom[i]) {
                return false;
            }
        }
        return true;
    }
}
