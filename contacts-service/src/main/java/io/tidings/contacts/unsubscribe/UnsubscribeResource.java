package io.tidings.contacts.unsubscribe;

import io.smallrye.mutiny.Uni;
import io.tidings.contacts.problem.ProblemException;
import io.tidings.contacts.suppression.StatusChanges;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Unsubscribe links, outside {@code /api/v1} and without a service token (the gateway forwards {@code /u/**}):
 * {@code GET} shows a page with a confirm button and changes nothing (mail scanners follow links); {@code POST} is
 * the RFC 8058 one-click unsubscribe: idempotent, 200, no redirect. A token that does not verify is a 404.
 */
@Path("/u/{token}")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class UnsubscribeResource {
    private final byte[] key;
    private final StatusChanges changes;

    public UnsubscribeResource(@ConfigProperty(name = "tidings.unsubscribe.key-location") String keyLocation,
            StatusChanges changes) {
        this.key = UnsubscribeKey.load(keyLocation);
        this.changes = changes;
    }

    @GET
    public String page(@RestPath String token) {
        verify(token);
        return UnsubscribePages.confirm();
    }

    /** Any body is accepted and ignored ({@code List-Unsubscribe=One-Click}, a form, nothing). */
    @POST
    public Uni<String> unsubscribe(@RestPath String token) {
        UnsubscribeToken claims = verify(token);
        return changes.unsubscribe(claims.projectId(), claims.contactId()).map(changed -> UnsubscribePages.done());
    }

    private UnsubscribeToken verify(String token) {
        return UnsubscribeToken.verify(token, key).orElseThrow(() -> ProblemException.notFound("unsubscribe link"));
    }
}
