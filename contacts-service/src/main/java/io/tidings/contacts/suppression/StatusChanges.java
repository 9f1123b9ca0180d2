package io.tidings.contacts.suppression;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Suppresses contacts on a hard bounce or an unsubscribe, each in one statement that also writes the outbox
 * row announcing it; both are idempotent (a contact already in that state is left alone and nothing is announced).
 */
@ApplicationScoped
public class StatusChanges {
    private final Pool pool;
    private final SuppressionRelay relay;

    public StatusChanges(Pool pool, SuppressionRelay relay) {
        this.pool = pool;
        this.relay = relay;
    }

    /**
     * Marks a SUBSCRIBED contact BOUNCED, unless its status changed after the bounce happened (a redelivered
     * outcome must not undo a later resubscription). True when the contact changed.
     */
    public Uni<Boolean> bounce(DeliveryOutcome outcome) {
        OffsetDateTime occurred = outcome.occurredAt() == null ? null : outcome.occurredAt().atOffset(ZoneOffset.UTC);
        return change("UPDATE contacts.contact c SET status = 'BOUNCED', status_changed_at = now(), updated_at = now()"
                        + " WHERE c.project_id = $1 AND (c.id = $2 OR c.normalized_email = $3) AND c.status = 'SUBSCRIBED'"
                        + " AND c.status_changed_at < coalesce($4, now())"
                        + " RETURNING c.id, c.project_id, c.normalized_email, c.status, 'SUBSCRIBED'::text AS previous_status",
                Tuple.of(outcome.projectId(), outcome.contactId(), outcome.normalizedEmail(), occurred));
    }

    /** Marks the contact UNSUBSCRIBED whatever its status was; false when it already was, or does not exist. */
    public Uni<Boolean> unsubscribe(UUID projectId, UUID contactId) {
        return change("UPDATE contacts.contact c SET status = 'UNSUBSCRIBED', status_changed_at = now(), updated_at = now()"
                        + " FROM (SELECT id, status FROM contacts.contact WHERE project_id = $1 AND id = $2 FOR UPDATE) p"
                        + " WHERE c.id = p.id AND p.status <> 'UNSUBSCRIBED'"
                        + " RETURNING c.id, c.project_id, c.normalized_email, c.status, p.status AS previous_status",
                Tuple.of(projectId, contactId));
    }

    private Uni<Boolean> change(String update, Tuple params) {
        return pool.preparedQuery("WITH changed AS (" + update + "), " + SuppressionOutbox.announceChanges("changed")
                        + " SELECT count(*) AS n FROM changed")
                .execute(params)
                .map(rows -> rows.iterator().next().getLong("n") > 0)
                .invoke(changed -> {
                    if (changed) {
                        relay.publishSoon();
                    }
                });
    }
}
