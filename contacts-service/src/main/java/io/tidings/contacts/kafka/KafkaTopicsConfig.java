package io.tidings.contacts.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How the topics of this service are created at start ({@code tidings.kafka.*}). */
@ConfigMapping(prefix = "tidings.kafka")
public interface KafkaTopicsConfig {

    @WithDefault("6")
    int suppressionsPartitions();

    /** Partitions of {@code delivery.outcomes} when this service is the first to need it. */
    @WithDefault("12")
    int outcomesPartitions();

    /** Replication factor of created topics; the broker's default when absent. */
    Optional<Short> replicationFactor();

    /** How long start-up waits for the broker before failing. */
    @WithDefault("30S")
    Duration setupTimeout();
}
