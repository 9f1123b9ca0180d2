package io.tidings.contacts.importing.csv;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * The records of a spooled CSV file, read lazily with FastCSV (one buffer, never the whole file): skips the
 * byte-order mark, decodes with the detected charset, handles CRLF and quoted fields, and counts bytes read.
 * Blocking I/O: use it on a worker thread.
 */
public final class CsvSource implements Iterator<CsvLine>, AutoCloseable {
    private final CountingStream bytes;
    private final CsvReader<CsvLine> reader;
    private final CloseableIterator<CsvLine> records;

    private CsvSource(CountingStream bytes, CsvReader<CsvLine> reader) {
        this.bytes = bytes;
        this.reader = reader;
        this.records = reader.iterator();
    }

    public static CsvSource open(Path file, TextEncoding encoding, char delimiter) {
        try {
            InputStream in = Files.newInputStream(file);
            in.skipNBytes(encoding.bomLength());
            CountingStream counting = new CountingStream(in, encoding.bomLength());
            CsvReader<CsvLine> reader = CsvReader.builder()
                    .fieldSeparator(delimiter)
                    .quoteCharacter('"')
                    .skipEmptyLines(true)
                    .allowExtraFields(true)
                    .allowMissingFields(true)
                    .allowExtraCharsAfterClosingQuote(true)
                    .build(new CsvLineHandler(), new InputStreamReader(counting, encoding.charset()));
            return new CsvSource(counting, reader);
        } catch (IOException e) {
            throw new UncheckedIOException("the spooled file could not be opened", e);
        }
    }

    @Override
    public boolean hasNext() {
        return records.hasNext();
    }

    @Override
    public CsvLine next() {
        return records.next();
    }

    /** Bytes of the file consumed so far (the reader reads ahead by at most one buffer). */
    public long bytesRead() {
        return bytes.count;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class CountingStream extends FilterInputStream {
        private long count;

        CountingStream(InputStream in, long alreadyRead) {
            super(in);
            this.count = alreadyRead;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
