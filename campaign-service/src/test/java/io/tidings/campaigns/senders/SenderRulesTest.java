package io.tidings.campaigns.senders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SenderRulesTest {

    @Test
    void oneSecondOfTokensRoundsUpAndIsAtLeastOne() {
        assertThat(SenderRules.oneSecondOfTokens(35, Duration.ofHours(1))).isEqualTo(1);
        assertThat(SenderRules.oneSecondOfTokens(3600, Duration.ofHours(1))).isEqualTo(1);
        assertThat(SenderRules.oneSecondOfTokens(3601, Duration.ofHours(1))).isEqualTo(2);
        assertThat(SenderRules.oneSecondOfTokens(100, Duration.ofMillis(500))).isEqualTo(200);
    }

    @Test
    void keepsAnExplicitBurst() {
        Sender sender = SenderRules.newSender(new SenderRequest("News", "news@tidings.example", null, null,
                new Rate(35, "PT1H", 5)));
        assertThat(sender.rate().burst()).isEqualTo(5);
        assertThat(sender.replyTo()).isNull();
    }
}
