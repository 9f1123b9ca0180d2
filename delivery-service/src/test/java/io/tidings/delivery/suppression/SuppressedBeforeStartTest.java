package io.tidings.delivery.suppression;

import static io.tidings.delivery.support.PublishedBeforeStartResource.LIFTED;
import static io.tidings.delivery.support.PublishedBeforeStartResource.LIFTED_ADDRESS;
import static io.tidings.delivery.support.PublishedBeforeStartResource.OPEN;
import static io.tidings.delivery.support.PublishedBeforeStartResource.OPEN_ADDRESS;
import static io.tidings.delivery.support.PublishedBeforeStartResource.SUPPRESSED;
import static io.tidings.delivery.support.PublishedBeforeStartResource.SUPPRESSED_ADDRESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.tidings.delivery.support.CurrentBroker;
import io.tidings.delivery.support.DeliveryServiceTest;
import io.tidings.delivery.support.DeliveryTest;
import io.tidings.delivery.support.Mailbox;
import io.tidings.delivery.support.PublishedBeforeStartResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * A pod started into a running system honours every suppression already on {@code contacts.suppressions}, even
 * for the requests waiting for it at start: the requests and 20,000 suppressions were published before the
 * application started, the suppression that matters last in its partition.
 */
@DeliveryServiceTest
@WithTestResource(value = PublishedBeforeStartResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class SuppressedBeforeStartTest {
    @Inject
    Suppressions suppressions;

    @Test
    void requestWaitingAtStartForAnAddressSuppressedBeforeStartIsSuppressedNotMailed() {
        await().atMost(DeliveryTest.WAIT).until(() -> CurrentBroker.statuses(SUPPRESSED).contains("SUPPRESSED"));
        await().atMost(DeliveryTest.WAIT).until(() -> CurrentBroker.statuses(OPEN).contains("SENT"));

        assertThat(CurrentBroker.statuses(SUPPRESSED)).containsOnly("SUPPRESSED");
        assertThat(CurrentBroker.outcomes(SUPPRESSED).get(0).get("attempt").asInt()).isZero();
        assertThat(Mailbox.to(SUPPRESSED_ADDRESS)).isEmpty();
        assertThat(Mailbox.to(OPEN_ADDRESS)).hasSize(1);
        assertThat(suppressions.isReady()).isTrue();
    }

    @Test
    void suppressionLiftedBeforeStartDoesNotHoldTheMail() {
        await().atMost(DeliveryTest.WAIT).until(() -> CurrentBroker.statuses(LIFTED).contains("SENT"));

        assertThat(CurrentBroker.statuses(LIFTED)).doesNotContain("SUPPRESSED");
        assertThat(Mailbox.to(LIFTED_ADDRESS)).hasSize(1);
        assertThat(suppressions.suppressed(PublishedBeforeStartResource.PROJECT, LIFTED_ADDRESS.toLowerCase()))
                .isFalse();
        assertThat(suppressions.suppressed(PublishedBeforeStartResource.PROJECT, SUPPRESSED_ADDRESS.toLowerCase()))
                .isTrue();
    }
}
