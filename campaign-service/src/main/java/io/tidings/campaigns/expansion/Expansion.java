package io.tidings.campaigns.expansion;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tidings.campaigns.campaigns.CampaignRepository;
import io.tidings.campaigns.campaigns.CampaignState;
import io.tidings.campaigns.contacts.MemberPage;
import io.tidings.campaigns.contacts.SegmentMember;
import io.tidings.campaigns.contacts.Segments;
import io.tidings.campaigns.publishing.RecipientPublisher;
import io.tidings.campaigns.senders.SenderRepository;
import io.tidings.campaigns.status.CampaignAnnouncer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Expands an EXPANDING campaign's segment into recipients, page by page from its stored cursor, in the
 * background; after the last page it publishes campaign.control SENDING, awaits the ack, then moves the
 * campaign to SENDING and wakes the publisher.
 */
@ApplicationScoped
public class Expansion {
    private static final Logger LOG = Logger.getLogger(Expansion.class);

    private final ExpansionStore store;
    private final Segments segments;
    private final CampaignRepository campaigns;
    private final SenderRepository senders;
    private final CampaignAnnouncer announcer;
    private final RecipientPublisher publisher;
    private final int pageSize;
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();

    public Expansion(ExpansionStore store, Segments segments, CampaignRepository campaigns, SenderRepository senders,
            CampaignAnnouncer announcer, RecipientPublisher publisher,
            @ConfigProperty(name = "tidings.expansion.page-size") int pageSize) {
        this.store = store;
        this.segments = segments;
        this.campaigns = campaigns;
        this.senders = senders;
        this.announcer = announcer;
        this.publisher = publisher;
        this.pageSize = pageSize;
    }

    /** Expands (or continues expanding) the campaign in the background, unless this service already does. */
    public void continueInBackground(UUID campaignId) {
        if (!running.add(campaignId)) {
            return;
        }
        expand(campaignId)
                .eventually(() -> running.remove(campaignId))
                .subscribe().with(done -> { }, failure -> LOG.warnf(failure,
                        "expanding campaign %s stopped; it continues from its cursor at the next resume", campaignId));
    }

    Uni<Void> expand(UUID campaignId) {
        return store.job(campaignId).chain(job -> job == null || !job.wanted()
                ? Uni.createFrom().voidItem()
                : storeAllPages(job).chain(cancelled -> cancelled ? Uni.createFrom().voidItem() : finish(job)));
    }

    /** Stores page after page; true when the campaign was cancelled meanwhile (the expansion then just stops). */
    private Uni<Boolean> storeAllPages(ExpansionJob job) {
        AtomicReference<String> cursor = new AtomicReference<>(job.cursor());
        AtomicBoolean cancelled = new AtomicBoolean();
        return Multi.createBy().repeating()
                .uni(() -> nextPage(job, cursor, cancelled))
                .whilst(page -> page.next() != null && !cancelled.get())
                .collect().last().map(last -> cancelled.get());
    }

    private Uni<MemberPage> nextPage(ExpansionJob job, AtomicReference<String> cursor, AtomicBoolean cancelled) {
        return segments.members(job.projectId(), job.segmentId(), cursor.get(), pageSize)
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(5)
                .call(page -> {
                    String after = page.next() != null ? page.next() : lastContact(page.members(), cursor.get());
                    return store.storePage(job, usable(job, page.members()), after).invoke(stored -> {
                        cancelled.set(stored == ExpansionStore.CANCELLED);
                        cursor.set(after);
                    });
                });
    }

    /** Publishes the control record delivery needs before any request (SENDING, or the state a pause set). */
    private Uni<Void> finish(ExpansionJob job) {
        return campaigns.findForWork(job.campaignId())
                .chain(campaign -> senders.find(campaign.projectId(), campaign.senderId())
                        .chain(sender -> announcer.publishControl(campaign, sender,
                                campaign.state() == CampaignState.EXPANDING ? CampaignState.SENDING : campaign.state())))
                .chain(() -> campaigns.finishExpansion(job.campaignId()))
                .invoke(() -> {
                    LOG.infof("campaign %s expanded; sending", job.campaignId());
                    announcer.announceSoon();
                    publisher.publishSoon();
                })
                .replaceWithVoid();
    }

    private static String lastContact(List<SegmentMember> members, String fallback) {
        return members.isEmpty() ? fallback : String.valueOf(members.get(members.size() - 1).contactId());
    }

    /** Members without the fields a recipient needs would fail the whole page forever: they are logged and left out. */
    private static List<SegmentMember> usable(ExpansionJob job, List<SegmentMember> members) {
        List<SegmentMember> usable = members.stream()
                .filter(m -> m.contactId() != null && m.email() != null && m.normalizedEmail() != null).toList();
        if (usable.size() < members.size()) {
            LOG.warnf("campaign %s: %d segment members without contact id or address were left out",
                    job.campaignId(), members.size() - usable.size());
        }
        return usable;
    }
}
