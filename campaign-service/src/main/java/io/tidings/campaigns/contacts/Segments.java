package io.tidings.campaigns.contacts;

import io.smallrye.mutiny.Uni;
import io.tidings.campaigns.problems.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/** Asks contacts-service about segments with a fresh service token per call, and names its failures. */
@ApplicationScoped
public class Segments {
    private static final Logger LOG = Logger.getLogger(Segments.class);

    private final ContactsClient contacts;
    private final ServiceTokens tokens;

    public Segments(@RestClient ContactsClient contacts, ServiceTokens tokens) {
        this.contacts = contacts;
        this.tokens = tokens;
    }

    /** Whether the project has this segment; fails with a 503 problem when contacts-service cannot say. */
    public Uni<Boolean> exists(UUID projectId, UUID segmentId) {
        return tokens.bearer(projectId)
                .chain(bearer -> contacts.segment(bearer, segmentId))
                .map(segment -> true)
                .onFailure(Segments::isNotFound).recoverWithItem(false)
                .onFailure(failure -> !(failure instanceof ProblemException)).transform(failure -> {
                    LOG.warnf("contacts-service did not answer for segment %s: %s", segmentId, failure.toString());
                    return ProblemException.unavailable("contacts-service cannot be reached to check the segment");
                });
    }

    /** One page of the segment's members after the given contact id (null: from the start). */
    public Uni<MemberPage> members(UUID projectId, UUID segmentId, String after, int limit) {
        return tokens.bearer(projectId).chain(bearer -> contacts.members(bearer, segmentId, after, limit));
    }

    private static boolean isNotFound(Throwable failure) {
        return failure instanceof WebApplicationException web && web.getResponse() != null
                && web.getResponse().getStatus() == 404;
    }
}
