package io.tidings.delivery.suppression;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This pod's set of suppressed addresses ({@code projectId:normalizedEmail}), rebuilt from the compacted
 * {@code contacts.suppressions} topic at every start; deliveries wait until it has caught up with the topic.
 */
@ApplicationScoped
public class Suppressions {
    private final Set<String> suppressed = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();

    public static String key(UUID projectId, String normalizedEmail) {
        return projectId + ":" + normalizedEmail;
    }

    public void apply(SuppressionChanged change) {
        String key = key(change.projectId(), change.normalizedEmail());
        if (Boolean.TRUE.equals(change.suppressed())) {
            suppressed.add(key);
        } else {
            suppressed.remove(key);
        }
    }

    /** A tombstone of the topic: the address is no longer suppressed. */
    public void forget(String key) {
        suppressed.remove(key);
    }

    public boolean suppressed(UUID projectId, String normalizedEmail) {
        return suppressed.contains(key(projectId, normalizedEmail));
    }

    /** Completes once the topic was read up to where it ended when this pod started. */
    public Uni<Void> ready() {
        return caughtUp.isDone() ? Uni.createFrom().voidItem() : Uni.createFrom().completionStage(caughtUp);
    }

    public boolean isReady() {
        return caughtUp.isDone();
    }

    void caughtUp() {
        caughtUp.complete(null);
    }
}
