package io.tidings.contacts.kafka;

/** The messaging channels of contacts-service (configured under {@code mp.messaging.*} in application.properties). */
public final class Channels {
    /** Out: {@code contacts.suppressions}, fed by the outbox relay. */
    public static final String SUPPRESSIONS = "contacts-suppressions";
    /** In: {@code delivery.outcomes}, for hard bounces. */
    public static final String DELIVERY_OUTCOMES = "delivery-outcomes";
    /** Out: {@code delivery.outcomes.dlq}, the outcomes no retry can make readable. */
    public static final String DELIVERY_OUTCOMES_DLQ = "delivery-outcomes-dlq";

    private Channels() {
    }
}
