package io.tidings.campaigns.expansion;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tidings.campaigns.campaigns.CampaignRepository;
import io.tidings.campaigns.campaigns.CampaignState;
import io.tidings.campaigns.contacts.MemberPage;
import io.tidings.campaigns.contacts.SegmentMember;
import io.tidings.campaigns.contacts.Segments;
import io.tidings.campaigns.lease.CampaignLease;
import io.tidings.campaigns.publishing.RecipientPublisher;
import io.tidings.campaigns.senders.SenderRepository;
import io.tidings.campaigns.status.CampaignAnnouncer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Expands an EXPANDING campaign's segment into recipients, page by page from its stored cursor, in the
 * background, holding the campaign's lease; the publisher publishes the stored rows meanwhile (once campaign.control
 * announced EXPANDING). After the last page it publishes campaign.control SENDING, awaits the ack, then moves the
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
    private final CampaignLease lease;
    private final int pageSize;
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();

    public Expansion(ExpansionStore store, Segments segments, CampaignRepository campaigns, SenderRepository senders,
            CampaignAnnouncer announcer, RecipientPublisher publisher, CampaignLease lease,
            @ConfigProperty(name = "tidings.expansion.page-size") int pageSize) {
        this.store = store;
        this.segments = segments;
        this.campaigns = campaigns;
        this.senders = senders;
        this.announcer = announcer;
        this.publisher = publisher;
        this.lease = lease;
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

    /** Expands the campaign if it still wants it and this instance gets its lease (another pod may hold it). */
    Uni<Void> expand(UUID campaignId) {
        return store.job(campaignId).chain(job -> job == null || !job.wanted()
                ? Uni.createFrom().voidItem()
                : lease.acquire(campaignId).chain(held -> !held ? Uni.createFrom().voidItem()
                        : storeAllPages(job).chain(stopped -> stopped ? Uni.createFrom().voidItem() : finish(job))
                                .call(() -> lease.release(campaignId))));
    }

    /**
     * Stores page after page, fetching the next page while the current one is stored (two pages in flight) and
     * waking the publisher after each, which publishes the stored rows meanwhile; true when the expansion stopped
     * early (the campaign was cancelled, or another instance took its lease). A loop, not a recursive chain: a
     * chain of chains keeps every page it fetched reachable until the last one is stored.
     */
    private Uni<Boolean> storeAllPages(ExpansionJob job) {
        AtomicReference<String> cursor = new AtomicReference<>(job.cursor());
        AtomicReference<Uni<MemberPage>> fetching = new AtomicReference<>(fetch(job, job.cursor()));
        return Multi.createBy().repeating()
                .uni(() -> fetching.get().chain(page -> storePage(job, page, cursor, fetching)))
                .whilst(step -> step == Step.MORE)
                .collect().last()
                .map(step -> step == Step.STOPPED);
    }

    /** What storing a page left to do. */
    private enum Step { MORE, LAST, STOPPED }

    private Uni<Step> storePage(ExpansionJob job, MemberPage page, AtomicReference<String> cursor,
            AtomicReference<Uni<MemberPage>> fetching) {
        String after = page.next() != null ? page.next() : lastContact(page.members(), cursor.get());
        fetching.set(page.next() == null ? null : prefetch(fetch(job, page.next())));
        return store.storePage(job, usable(job, page.members()), after).map(stored -> {
            if (stored == ExpansionStore.CANCELLED || stored == ExpansionStore.LEASE_LOST) {
                if (stored == ExpansionStore.LEASE_LOST) {
                    LOG.infof("campaign %s: another instance holds its lease; this one stops expanding it",
                            job.campaignId());
                }
                return Step.STOPPED;
            }
            cursor.set(after);
            publisher.publishSoon();
            return fetching.get() == null ? Step.LAST : Step.MORE;
        });
    }

    private Uni<MemberPage> fetch(ExpansionJob job, String after) {
        return segments.members(job.projectId(), job.segmentId(), after, pageSize)
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(5);
    }

    /** Starts the fetch now; its page (or failure) is kept for whoever asks for it later. */
    private static Uni<MemberPage> prefetch(Uni<MemberPage> fetch) {
        Uni<MemberPage> kept = fetch.memoize().indefinitely();
        kept.subscribe().with(page -> { }, failure -> { });
        return kept;
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
