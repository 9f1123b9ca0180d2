package io.tidings.delivery.kafka;

/** The Kafka topics delivery-service reads and writes (names from deploy/contracts). */
public final class Topics {
    public static final String DELIVERY_REQUESTS = "delivery.requests";
    public static final String DELIVERY_REQUESTS_DLQ = "delivery.requests.dlq";
    public static final String DELIVERY_OUTCOMES = "delivery.outcomes";
    public static final String CAMPAIGN_CONTROL = "campaign.control";
    public static final String CAMPAIGN_CONTROL_DLQ = "campaign.control.dlq";
    public static final String CONTACTS_SUPPRESSIONS = "contacts.suppressions";
    public static final String CONTACTS_SUPPRESSIONS_DLQ = "contacts.suppressions.dlq";

    private Topics() {
    }
}
