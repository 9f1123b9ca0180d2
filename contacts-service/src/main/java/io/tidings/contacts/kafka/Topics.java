package io.tidings.contacts.kafka;

/** The Kafka topics contacts-service writes or reads (deploy/contracts/README.md). */
public final class Topics {
    /** Compacted, keyed by {@code projectId:normalizedEmail}; contacts-service is its only writer. */
    public static final String SUPPRESSIONS = "contacts.suppressions";
    /** Read for hard bounces (group {@code contacts-service}); written by delivery-service. */
    public static final String DELIVERY_OUTCOMES = "delivery.outcomes";
    /** Where unreadable delivery outcomes go. */
    public static final String DELIVERY_OUTCOMES_DLQ = "delivery.outcomes.dlq";

    private Topics() {
    }
}
