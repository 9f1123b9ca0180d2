package io.tidings.contacts.importing.upload;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A request body written to a temporary file: its size, its first bytes (for a BOM) and whether it is UTF-8. */
public record SpooledUpload(Path path, long size, byte[] head, boolean validUtf8) {

    /** Deletes the file on a worker thread, for callers on an event loop. */
    public Uni<Void> discard() {
        return Uni.createFrom().item(() -> {
            delete();
            return this;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).replaceWithVoid();
    }

    public void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the spooled upload " + path, e);
        }
    }
}
