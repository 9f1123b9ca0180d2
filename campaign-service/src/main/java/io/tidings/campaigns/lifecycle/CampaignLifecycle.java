package io.tidings.campaigns.lifecycle;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tidings.campaigns.campaigns.Campaign;
import io.tidings.campaigns.campaigns.CampaignRepository;
import io.tidings.campaigns.campaigns.CampaignState;
import io.tidings.campaigns.expansion.Expansion;
import io.tidings.campaigns.problems.ProblemException;
import io.tidings.campaigns.publishing.RecipientPublisher;
import io.tidings.campaigns.recipients.RecipientStatus;
import io.tidings.campaigns.status.CampaignAnnouncer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Pause, resume, cancel and retry (ARCHITECTURE.md): each locks the campaign row, changes its state and its
 * recipients with their counters in one transaction, and is idempotent. The new state is then announced on
 * campaign.control by row state, so delivery pods honour it within a second, and the publisher is woken.
 *
 * <p>Generations: a recipient gets a new generation only when its current one cannot be sent again at
 * delivery-service, whose ledger holds one row per recipient and generation: on retry (a FAILED or UNKNOWN row is
 * final) and, at resume, after SENDER_BLOCKED. A recipient returned to PENDING by a pause or a PAUSED outcome keeps
 * its generation: delivery never tried it, and its old request may still wait in the delivery.requests backlog; one
 * generation means the ledger sends it once whichever copy comes first, where a new one would let both be sent.
 */
@ApplicationScoped
public class CampaignLifecycle {
    static final String PAUSED_ON_REQUEST = "paused on request";
    static final String CANCELLED_ON_REQUEST = "cancelled on request";

    private final Pool db;
    private final LifecycleStore store;
    private final CampaignRepository campaigns;
    private final CampaignAnnouncer announcer;
    private final RecipientPublisher publisher;
    private final Expansion expansion;

    public CampaignLifecycle(Pool db, LifecycleStore store, CampaignRepository campaigns, CampaignAnnouncer announcer,
            RecipientPublisher publisher, Expansion expansion) {
        this.db = db;
        this.store = store;
        this.campaigns = campaigns;
        this.announcer = announcer;
        this.publisher = publisher;
        this.expansion = expansion;
    }

    /** Stops new sends: QUEUED recipients return to PENDING and delivery answers their requests PAUSED. */
    public Uni<Campaign> pause(UUID projectId, UUID id) {
        return change(projectId, id, (tx, lock) -> switch (lock.state()) {
            case PAUSED -> none();
            case EXPANDING, SENDING, STALLED -> store.setState(tx, id, CampaignState.PAUSED, PAUSED_ON_REQUEST)
                    .chain(() -> store.move(tx, id, RecipientStatus.QUEUED, RecipientStatus.PENDING, false))
                    .replaceWithVoid();
            default -> refuse("paused", lock.state());
        });
    }

    /**
     * Sends again: every PENDING recipient is published (QUEUED ones are already on their way, DEFERRED ones keep
     * the backoff delivery-service holds for them). Safe to call any number of times.
     */
    public Uni<Campaign> resume(UUID projectId, UUID id) {
        return change(projectId, id, (tx, lock) -> switch (lock.state()) {
            case PAUSED -> {
                if (lock.senderBlockedReason() != null) {
                    throw ProblemException.conflict("the campaign's sender is blocked (" + lock.senderBlockedReason()
                            + "): unblock the sender first");
                }
                CampaignState next = lock.expansionDone() ? CampaignState.SENDING : CampaignState.EXPANDING;
                yield store.renewSpentGenerations(tx, id)
                        .chain(() -> store.setState(tx, id, next, null))
                        .chain(() -> campaigns.completeIfDone(tx, id)).replaceWithVoid();
            }
            case STALLED -> store.renewSpentGenerations(tx, id)
                    .chain(() -> store.setState(tx, id, CampaignState.SENDING, null)).replaceWithVoid();
            case EXPANDING, SENDING -> store.renewSpentGenerations(tx, id).replaceWithVoid();
            default -> refuse("resumed", lock.state());
        }).invoke(campaign -> {
            if (campaign.state() == CampaignState.EXPANDING) {
                expansion.continueInBackground(id);
            }
        });
    }

    /** Ends the campaign: PENDING recipients are CANCELLED at once, QUEUED ones when delivery reports them. */
    public Uni<Campaign> cancel(UUID projectId, UUID id) {
        return change(projectId, id, (tx, lock) -> switch (lock.state()) {
            case CANCELLED -> none();
            case COMPLETED -> refuse("cancelled", lock.state());
            default -> store.setState(tx, id, CampaignState.CANCELLED, CANCELLED_ON_REQUEST)
                    .chain(() -> store.move(tx, id, RecipientStatus.PENDING, RecipientStatus.CANCELLED, false))
                    .replaceWithVoid();
        });
    }

    /** Re-enqueues the recipients in these (terminal) statuses with a new generation; a completed campaign sends again. */
    public Uni<Campaign> retry(UUID projectId, UUID id, Set<RecipientStatus> statuses) {
        return change(projectId, id, (tx, lock) -> switch (lock.state()) {
            case DRAFT, EXPANDING, CANCELLED -> refuse("retried", lock.state());
            default -> Multi.createFrom().iterable(statuses)
                    .onItem().transformToUniAndConcatenate(status ->
                            store.move(tx, id, status, RecipientStatus.PENDING, true))
                    .collect().with(Collectors.summingLong(Long::longValue))
                    .chain(moved -> moved > 0 && lock.state() == CampaignState.COMPLETED
                            ? store.setState(tx, id, CampaignState.SENDING, null)
                            : none());
        });
    }

    private Uni<Campaign> change(UUID projectId, UUID id, BiFunction<SqlClient, CampaignLock, Uni<Void>> work) {
        return db.withTransaction(tx -> store.lock(tx, projectId, id).chain(lock -> {
                    if (lock == null) {
                        throw ProblemException.notFound("campaign");
                    }
                    return work.apply(tx, lock);
                }))
                // the campaign row is locked first everywhere; a deadlock or serialization failure is only retried
                .onFailure(CampaignLifecycle::retryable).retry().withBackOff(Duration.ofMillis(50)).atMost(3)
                .invoke(() -> {
                    announcer.announceSoon();
                    publisher.publishSoon();
                })
                .chain(() -> campaigns.find(projectId, id));
    }

    private static boolean retryable(Throwable failure) {
        return failure instanceof PgException pg && ("40P01".equals(pg.getSqlState()) || "40001".equals(pg.getSqlState()));
    }

    private static Uni<Void> none() {
        return Uni.createFrom().voidItem();
    }

    private static Uni<Void> refuse(String verb, CampaignState state) {
        return Uni.createFrom().failure(ProblemException.conflict("a " + state + " campaign cannot be " + verb));
    }
}
