package io.tidings.delivery.support;

/**
 * The topics the test broker holds before the application starts. {@code delivery.outcomes} and
 * {@code campaign.control.dlq} are left out on purpose: the application creates them at startup.
 */
public final class TestTopics {
    public static final String PRECREATED = "delivery.requests:12,campaign.control:3:compact,delivery.requests.dlq:1";

    private TestTopics() {
    }
}
