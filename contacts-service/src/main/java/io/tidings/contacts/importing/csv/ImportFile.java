package io.tidings.contacts.importing.csv;

import de.siegmar.fastcsv.reader.CsvParseException;
import io.tidings.contacts.importing.upload.SpooledUpload;
import io.tidings.contacts.problem.FieldError;
import io.tidings.contacts.problem.ProblemException;
import io.tidings.contacts.problem.ProblemType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A spooled upload understood well enough to import: its encoding, its delimiter (sniffed from a 64 KiB sample)
 * and the meaning of its columns. Inspecting refuses, before any job exists, a file without a header or
 * without an email column. Blocking I/O: use it on a worker thread.
 */
public record ImportFile(SpooledUpload upload, TextEncoding encoding, char delimiter, ColumnMap columns,
        List<String> warnings) {
    static final int SAMPLE_BYTES = 64 * 1024;

    public static ImportFile inspect(SpooledUpload upload, Charset declared, Map<String, String> mapping) {
        TextEncoding encoding = TextEncoding.detect(upload.head(), upload.validUtf8(), declared);
        boolean complete = upload.size() - encoding.bomLength() <= SAMPLE_BYTES;
        char delimiter = DelimiterSniffer.detect(sample(upload, encoding), complete);
        ColumnMap columns;
        try (CsvSource source = CsvSource.open(upload.path(), encoding, delimiter)) {
            CsvLine header = source.hasNext() ? source.next() : null;
            if (header == null || header.blank()) {
                throw ProblemException.invalid("body", "the CSV file has no header row");
            }
            columns = ColumnMap.of(header.cells(), mapping);
        } catch (CsvParseException e) {
            throw unprocessable("body", "the file is not readable as CSV");
        }
        if (!columns.hasEmail()) {
            throw unprocessable("email", "the header has no email column (accepted names: email, e-mail, "
                    + "Email Address, mail); found: " + String.join(", ", columns.headers()));
        }
        List<String> warnings = new ArrayList<>();
        if (encoding.warning() != null) {
            warnings.add(encoding.warning());
        }
        warnings.addAll(columns.warnings());
        return new ImportFile(upload, encoding, delimiter, columns, List.copyOf(warnings));
    }

    /** Opens the file positioned after its header row. */
    public CsvSource openData() {
        CsvSource source = CsvSource.open(upload.path(), encoding, delimiter);
        if (source.hasNext()) {
            source.next();
        }
        return source;
    }

    private static String sample(SpooledUpload upload, TextEncoding encoding) {
        try (InputStream in = Files.newInputStream(upload.path())) {
            in.skipNBytes(encoding.bomLength());
            return new String(in.readNBytes(SAMPLE_BYTES), encoding.charset());
        } catch (IOException e) {
            throw new UncheckedIOException("the spooled file could not be read", e);
        }
    }

    private static ProblemException unprocessable(String field, String message) {
        return new ProblemException(ProblemType.UNPROCESSABLE, message, List.of(FieldError.field(field, message)));
    }
}
