package io.tidings.campaigns.kafka;

/** Reactive messaging channel names; their topics are configured in application.properties. */
public final class Channels {
    public static final String DELIVERY_REQUESTS = "delivery-requests";
    public static final String DELIVERY_OUTCOMES = "delivery-outcomes";
    /** Unreadable outcomes, as they came (the consumer reads in batches, so it sends them itself). */
    public static final String DELIVERY_OUTCOMES_DLQ = "delivery-outcomes-dlq";
    public static final String CAMPAIGN_CONTROL = "campaign-control";
    public static final String CAMPAIGN_STATUS = "campaign-status";

    private Channels() {
    }
}
