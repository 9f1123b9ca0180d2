package io.tidings.delivery.kafka;

import io.smallrye.config.ConfigMapping;

/** Partition counts of the topics this service creates when they are missing ({@code tidings.topics.*}). */
@ConfigMapping(prefix = "tidings.topics")
public interface TopicsConfig {

    Topic deliveryRequests();

    Topic deliveryOutcomes();

    Topic campaignControl();

    Topic contactsSuppressions();

    /** One topic's settings. */
    interface Topic {
        int partitions();
    }
}
