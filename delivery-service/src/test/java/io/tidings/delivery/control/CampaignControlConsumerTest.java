package io.tidings.delivery.control;

import static io.tidings.delivery.support.DeliveryTest.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidings.delivery.support.DeliveryServiceTest;
import io.tidings.delivery.support.Events;
import io.tidings.delivery.support.TestKafka;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@DeliveryServiceTest
class CampaignControlConsumerTest {
    @Inject
    CampaignControls controls;

    @Test
    void readsTheFixtureIntoTheCampaignsLatestState() {
        ObjectNode fixture = Events.fixture("campaign.control/v1.json");
        UUID campaign = UUID.fromString(fixture.get("campaignId").asText());
        Events.publishControl(fixture);

        await().atMost(WAIT).until(() -> controls.current(campaign).isPresent());
        CampaignControl control = controls.current(campaign).orElseThrow();
        assertThat(control.problems()).isEmpty();
        assertThat(control.projectId()).isEqualTo(UUID.fromString("6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f"));
        assertThat(control.state()).isEqualTo(CampaignState.SENDING);
        assertThat(control.sender().fromEmail()).isEqualTo("news@tidings.example");
        assertThat(control.sender().fromName()).isEqualTo("Tidings News");
        assertThat(control.sender().replyTo()).isEqualTo("hello@tidings.example");
        assertThat(control.content().subject()).isEqualTo("Hello {contact.firstName}");
        assertThat(control.content().htmlBody()).startsWith("<p>Dear {contact.firstName}");
    }

    @Test
    void laterRecordReplacesTheStateAndTombstoneForgetsTheCampaign() {
        UUID project = UUID.randomUUID();
        UUID campaign = UUID.randomUUID();
        Events.publishControl(Events.control(project, campaign, "SENDING"));
        Events.publishControl(Events.control(project, campaign, "PAUSED"));
        await().atMost(WAIT).until(() -> controls.current(campaign)
                .map(c -> c.state() == CampaignState.PAUSED).orElse(false));

        TestKafka.send("campaign.control", campaign.toString(), null);
        await().atMost(WAIT).until(() -> controls.current(campaign).isEmpty());
    }

    @Test
    void unusableRecordGoesToItsDeadLetterTopic() {
        UUID campaign = UUID.randomUUID();
        ObjectNode control = Events.control(UUID.randomUUID(), campaign, "SENDING");
        control.remove("sender");
        Events.publishControl(control);

        await().atMost(WAIT).until(() -> TestKafka.records("campaign.control.dlq").stream()
                .anyMatch(r -> campaign.toString().equals(r.key())));
        assertThat(controls.current(campaign)).isEmpty();
    }
}
