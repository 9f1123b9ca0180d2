package io.tidings.campaigns.kafka;

/** Kafka topic names of ARCHITECTURE.md that this service writes or reads. */
public final class Topics {
    public static final String DELIVERY_REQUESTS = "delivery.requests";
    public static final String DELIVERY_OUTCOMES = "delivery.outcomes";
    public static final String DELIVERY_OUTCOMES_DLQ = "delivery.outcomes.dlq";
    public static final String CAMPAIGN_CONTROL = "campaign.control";
    public static final String CAMPAIGN_STATUS = "campaign.status";

    private Topics() {
    }
}
