package io.tidings.campaigns.expansion;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tidings.campaigns.campaigns.CampaignRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Continues every EXPANDING campaign from its cursor: at start (after a crash) and periodically (after a failure). */
@ApplicationScoped
public class ExpansionResumer {
    private static final Logger LOG = Logger.getLogger(ExpansionResumer.class);

    private final CampaignRepository campaigns;
    private final Expansion expansion;

    public ExpansionResumer(CampaignRepository campaigns, Expansion expansion) {
        this.campaigns = campaigns;
        this.expansion = expansion;
    }

    void onStart(@Observes StartupEvent event) {
        resumeAll().subscribe().with(done -> { }, failure -> LOG.warn("resuming expansions failed; retried soon", failure));
    }

    @Scheduled(every = "${tidings.expansion.resume-every}", delayed = "${tidings.expansion.resume-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> resumeAll() {
        return campaigns.unfinishedExpansions().invoke(ids -> ids.forEach(expansion::continueInBackground))
                .replaceWithVoid();
    }
}
