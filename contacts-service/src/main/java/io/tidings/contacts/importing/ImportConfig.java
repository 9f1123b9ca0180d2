package io.tidings.contacts.importing;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the CSV import ({@code tidings.import.*}). */
@ConfigMapping(prefix = "tidings.import")
public interface ImportConfig {

    /** The largest CSV body accepted; larger ones are answered 413. */
    @WithDefault("512M")
    MemorySize maxSize();

    /** Data lines per database round trip (one multi-row upsert, one transaction). */
    @WithDefault("5000")
    int batchSize();

    /**
     * Batches written at the same time, each in its own transaction: the next batch is parsed and validated while
     * earlier ones are written, and the database works on two at once.
     */
    @WithDefault("2")
    int writers();

    /** Where uploads are spooled while they are imported; the JVM's temp directory by default. */
    Optional<String> spoolDirectory();

    /** A queued or running job that has made no progress for this long is reported FAILED (its pod stopped). */
    @WithDefault("5M")
    Duration stallTimeout();
}
