package io.tidings.contacts.importing.upload;

import io.tidings.contacts.importing.ImportConfig;
import io.tidings.contacts.problem.FieldError;
import io.tidings.contacts.problem.ProblemException;
import io.tidings.contacts.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Streams an upload to a temporary file in fixed-size chunks, so a file of any size never sits in memory, and
 * refuses it (413) once it passes the configured maximum. Blocking: call it on a worker thread.
 */
@ApplicationScoped
public class UploadSpool {
    private static final int CHUNK = 64 * 1024;
    private static final int HEAD = 4;

    private final ImportConfig config;

    public UploadSpool(ImportConfig config) {
        this.config = config;
    }

    public SpooledUpload receive(InputStream body, Long declaredLength) {
        long max = config.maxSize().asLongValue();
        if (declaredLength != null && declaredLength > max) {
            throw tooLarge(max);
        }
        Path file = createFile();
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] chunk = new byte[CHUNK];
            byte[] head = new byte[HEAD];
            Utf8Validation utf8 = new Utf8Validation();
            long size = 0;
            for (int n = body.read(chunk); n >= 0; n = body.read(chunk)) {
                if (size < HEAD) {
                    System.arraycopy(chunk, 0, head, (int) size, (int) Math.min(n, HEAD - size));
                }
                size += n;
                if (size > max) {
                    throw tooLarge(max);
                }
                out.write(chunk, 0, n);
                utf8.feed(chunk, n);
            }
            if (size == 0) {
                throw ProblemException.invalid("body", "the CSV file is empty");
            }
            return new SpooledUpload(file, size, Arrays.copyOf(head, (int) Math.min(size, HEAD)), utf8.finish());
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("the upload could not be received", io);
            }
            throw (RuntimeException) e;
        }
    }

    private Path createFile() {
        try {
            return config.spoolDirectory().isPresent()
                    ? Files.createTempFile(Files.createDirectories(Path.of(config.spoolDirectory().get())), "import-", ".csv")
                    : Files.createTempFile("import-", ".csv");
        } catch (IOException e) {
            throw new UncheckedIOException("no room to spool the upload", e);
        }
    }

    private static ProblemException tooLarge(long max) {
        String detail = "the CSV file is larger than the maximum of " + max + " bytes";
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, detail, List.of(FieldError.field("body", detail)));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the temp directory is cleaned by the platform; nothing else to do
        }
    }
}
