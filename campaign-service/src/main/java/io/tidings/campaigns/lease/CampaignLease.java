package io.tidings.campaigns.lease;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The lease on a campaign's background work, so two campaign-service pods never expand or publish the same
 * campaign at once: columns {@code worker} (the holder's instance id) and {@code worker_until} of the campaign row.
 * A pod takes the lease when it is free, its own, or expired, and renews it with every page or batch it stores;
 * the expansion's page transaction checks it under the campaign row lock, so a pod that lost it stores nothing
 * more (fencing). When a pod dies, another takes the campaign over once the lease expires
 * ({@code tidings.lease.duration}); a restarted pod with the same instance id (by default the host name, which a
 * Kubernetes pod keeps across container restarts) takes its campaigns back at once.
 */
@ApplicationScoped
public class CampaignLease {
    private final Pool db;
    private final String owner;
    private final Duration duration;

    public CampaignLease(Pool db, @ConfigProperty(name = "tidings.instance-id") Optional<String> instanceId,
            @ConfigProperty(name = "tidings.lease.duration") Duration duration) {
        this.db = db;
        this.owner = instanceId.filter(id -> !id.isBlank()).orElseGet(CampaignLease::hostName);
        this.duration = duration;
    }

    /** This instance's id, as written into {@code worker}. */
    public String owner() {
        return owner;
    }

    /** Takes or renews the lease; true when this instance holds it now. */
    public Uni<Boolean> acquire(UUID campaignId) {
        return acquire(db, campaignId);
    }

    /** Takes or renews the lease with the given client (inside a transaction, say); true when held now. */
    public Uni<Boolean> acquire(SqlClient client, UUID campaignId) {
        return client.preparedQuery("UPDATE campaigns.campaign SET worker = $2, "
                        + "worker_until = now() + make_interval(secs => $3) "
                        + "WHERE id = $1 AND (worker IS NULL OR worker = $2 OR worker_until < now())")
                .execute(Tuple.of(campaignId, owner, duration.toMillis() / 1000.0))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Gives the lease up (when the work is done), so another instance need not wait for it to expire. */
    public Uni<Void> release(UUID campaignId) {
        return db.preparedQuery("UPDATE campaigns.campaign SET worker = NULL, worker_until = NULL "
                        + "WHERE id = $1 AND worker = $2")
                .execute(Tuple.of(campaignId, owner))
                .replaceWithVoid();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "campaign-service-" + UUID.randomUUID();
        }
    }
}
