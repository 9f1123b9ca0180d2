package io.tidings.contacts.kafka;

/** The Kafka topics contacts-service writes or reads (deploy/contracts/README.md). */
public final class Topics {
    /** Compacted, keyed by {@code projectId:normalizedEmail}; contacts-service is its only writer. */
    public static final String SUPPRESSIONS = "contacts.suppressions";

    private Topics() {
    }
}
