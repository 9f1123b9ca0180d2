package io.tidings.campaigns.stall;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.tidings.campaigns.status.CampaignAnnouncer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Marks STALLED the SENDING campaigns where recipients wait and none finished for {@code tidings.stall.after},
 * with the reason when one is known: no delivery-service consumer, the SMTP server throttling the sender, or the
 * SMTP server deferring; a STALLED campaign's reason follows what is known at each check. The next recipient that
 * finishes makes the campaign SENDING again (see the outcomes).
 * Metrics: gauge {@code tidings_campaigns_stalled} (alert when above 0) and counter {@code tidings_campaign_stalls_total}.
 */
@ApplicationScoped
public class StallWatch {
    private static final Logger LOG = Logger.getLogger(StallWatch.class);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final StallRepository stalls;
    private final DeliveryConsumers consumers;
    private final CampaignAnnouncer announcer;
    private final Duration after;
    private final AtomicLong stalled = new AtomicLong();
    private final Counter detected;

    public StallWatch(StallRepository stalls, DeliveryConsumers consumers, CampaignAnnouncer announcer,
            MeterRegistry metrics, @ConfigProperty(name = "tidings.stall.after") Duration after) {
        this.stalls = stalls;
        this.consumers = consumers;
        this.announcer = announcer;
        this.after = after;
        Gauge.builder("tidings.campaigns.stalled", stalled, AtomicLong::get)
                .description("campaigns now STALLED: sending, recipients waiting, none finished for a while")
                .register(metrics);
        this.detected = Counter.builder("tidings.campaign.stalls")
                .description("times a sending campaign was found stalled").register(metrics);
    }

    /** Runs on a worker thread: it waits for the database and asks Kafka's Admin API. */
    @Scheduled(every = "${tidings.stall.check-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void check() {
        List<StallRepository.Candidate> candidates = stalls.candidates(after).await().atMost(WAIT);
        if (!candidates.isEmpty()) {
            int members = consumers.members();
            for (StallRepository.Candidate candidate : candidates) {
                String reason = reason(candidate, members);
                if (stalls.markStalled(candidate.id(), reason, after).await().atMost(WAIT)) {
                    detected.increment();
                    LOG.warnf("campaign %s stalled: %s", candidate.id(), reason);
                }
            }
            announcer.announceSoon();
        }
        stalled.set(stalls.stalledCount().await().atMost(WAIT));
    }

    private String reason(StallRepository.Candidate candidate, int members) {
        if (members == 0) {
            return "no delivery-service consumer is running (consumer group " + consumers.group() + " has no members)";
        }
        StallRepository.Deferral deferral = stalls.latestDeferral(candidate.id(), after.multipliedBy(2))
                .await().atMost(WAIT);
        if (deferral != null) {
            String reply = deferral.smtpReply() != null ? deferral.smtpReply() : String.valueOf(deferral.smtpCode());
            boolean throttled = Integer.valueOf(421).equals(deferral.smtpCode())
                    || (deferral.enhancedCode() != null && deferral.enhancedCode().startsWith("4.7"));
            return throttled ? "the SMTP server is throttling the sender: " + reply
                    : "the SMTP server is deferring sends: " + reply;
        }
        return "no recipient finished for " + after.toSeconds() + " s while " + candidate.waiting() + " wait";
    }
}
