package io.tidings.campaigns.status;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.tidings.campaigns.campaigns.Campaign;
import io.tidings.campaigns.campaigns.CampaignRepository;
import io.tidings.campaigns.campaigns.CampaignState;
import io.tidings.campaigns.kafka.Channels;
import io.tidings.campaigns.kafka.EventWriter;
import io.tidings.campaigns.recipients.RecipientCounts;
import io.tidings.campaigns.senders.Sender;
import io.tidings.campaigns.senders.SenderRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/**
 * Announces campaigns on Kafka by row state, so no state change is lost to a crash: the current state, when
 * not yet announced, on campaign.control (states delivery acts on), and every state change a database trigger
 * recorded, in order, on campaign.status; then they are marked announced; active campaigns also get a progress snapshot on campaign.status when their counts moved.
 */
@ApplicationScoped
public class CampaignAnnouncer {
    private static final Logger LOG = Logger.getLogger(CampaignAnnouncer.class);
    // EXPANDING too: delivery sends the requests the publisher writes while the expansion goes on
    private static final Set<CampaignState> CONTROLLED = EnumSet.of(CampaignState.EXPANDING, CampaignState.SENDING,
            CampaignState.PAUSED,
            CampaignState.STALLED, CampaignState.COMPLETED, CampaignState.CANCELLED);

    private final AnnouncementRepository announcements;
    private final CampaignRepository campaigns;
    private final SenderRepository senders;
    private final EventWriter writer;
    private final MutinyEmitter<String> control;
    private final MutinyEmitter<String> status;
    private final Map<UUID, RecipientCounts> lastSnapshot = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();

    public CampaignAnnouncer(AnnouncementRepository announcements, CampaignRepository campaigns,
            SenderRepository senders, EventWriter writer,
            @Channel(Channels.CAMPAIGN_CONTROL) MutinyEmitter<String> control,
            @Channel(Channels.CAMPAIGN_STATUS) MutinyEmitter<String> status) {
        this.announcements = announcements;
        this.campaigns = campaigns;
        this.senders = senders;
        this.writer = writer;
        this.control = control;
        this.status = status;
    }

    /** Publishes the campaign's control record in the given state and completes once Kafka has it. */
    public Uni<Void> publishControl(Campaign campaign, Sender sender, CampaignState state) {
        return writer.send(control, campaign.id().toString(), CampaignControl.of(campaign, sender, state));
    }

    /** Announces state changes now rather than at the next tick. */
    public void announceSoon() {
        run(this::announceStateChanges).subscribe().with(done -> { }, f -> LOG.warn("announcing failed", f));
    }

    @Scheduled(every = "${tidings.status.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> tick() {
        return run(() -> announceStateChanges().chain(this::publishSnapshots));
    }

    private Uni<Void> run(Supplier<Uni<? extends Void>> work) {
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().<Void>deferred(work).eventually(() -> running.set(false));
    }

    private Uni<Void> announceStateChanges() {
        return announcements.unannounced().chain(ids -> each(ids, this::announceState));
    }

    private Uni<Void> announceState(UUID campaignId) {
        return campaigns.findForWork(campaignId)
                .chain(campaign -> senders.find(campaign.projectId(), campaign.senderId())
                        .chain(sender -> CONTROLLED.contains(campaign.state())
                                ? publishControl(campaign, sender, campaign.state())
                                : Uni.createFrom().voidItem())
                        .chain(() -> announceChanges(campaign))
                        .chain(() -> announcements.markAnnounced(campaign.id(), campaign.state()))
                        .invoke(() -> lastSnapshot.put(campaign.id(), campaign.counts())));
    }

    /** Every recorded state change in order, with the current counts; the current state when none is recorded. */
    private Uni<Void> announceChanges(Campaign campaign) {
        String key = campaign.id().toString();
        return announcements.changes(campaign.id()).chain(changes -> {
            if (changes.isEmpty()) {
                return writer.send(status, key, CampaignStatus.of(campaign));
            }
            return Multi.createFrom().iterable(changes)
                    .onItem().transformToUniAndConcatenate(change -> writer.send(status, key,
                            CampaignStatus.of(campaign, change.state(), change.reason())))
                    .collect().last()
                    .chain(() -> announcements.forget(campaign.id(), changes.get(changes.size() - 1).id()));
        });
    }

    private Uni<Void> publishSnapshots() {
        return announcements.active().chain(ids -> {
            lastSnapshot.keySet().retainAll(Set.copyOf(ids));
            return each(ids, id -> campaigns.findForWork(id).chain(campaign -> {
                if (campaign.counts().equals(lastSnapshot.get(id))) {
                    return Uni.createFrom().voidItem();
                }
                return writer.send(status, id.toString(), CampaignStatus.of(campaign))
                        .invoke(() -> lastSnapshot.put(id, campaign.counts()));
            }));
        });
    }

    /** Runs the work for each id in turn; one campaign's failure is logged and retried at the next tick. */
    private static Uni<Void> each(List<UUID> ids, Function<UUID, Uni<Void>> work) {
        return Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(id -> work.apply(id).onFailure().recoverWithUni(failure -> {
                    LOG.warnf(failure, "announcing campaign %s failed; retried at the next tick", id);
                    return Uni.createFrom().voidItem();
                }))
                .collect().last().replaceWithVoid();
    }
}
