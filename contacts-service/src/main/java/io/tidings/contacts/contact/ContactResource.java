package io.tidings.contacts.contact;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.tidings.contacts.paging.Page;
import io.tidings.contacts.paging.PageRequest;
import io.tidings.contacts.security.ProjectScope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** The public contacts API: {@code /api/v1/contacts}. */
@Path("/api/v1/contacts")
@RolesAllowed(ProjectScope.PROJECT_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class ContactResource {
    private final ContactService contacts;
    private final ProjectScope scope;

    public ContactResource(ContactService contacts, ProjectScope scope) {
        this.contacts = contacts;
        this.scope = scope;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<Contact>> create(NewContact body) {
        return contacts.create(scope.projectId(), body)
                .map(c -> RestResponse.ResponseBuilder.<Contact>create(RestResponse.Status.CREATED, c)
                        .header(HttpHeaders.LOCATION, "/api/v1/contacts/" + c.id()).build());
    }

    @GET
    public Uni<Page<Contact>> list(@RestQuery String tag, @RestQuery String status,
            @RestQuery String after, @RestQuery String limit) {
        return contacts.list(scope.projectId(), tag, status, PageRequest.byId(after, limit));
    }

    @GET
    @Path("{id}")
    public Uni<Contact> get(@RestPath String id) {
        return contacts.get(scope.projectId(), id);
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public Uni<Contact> change(@RestPath String id, JsonNode body) {
        return contacts.change(scope.projectId(), id, ContactInput.changes(body));
    }

    @DELETE
    @Path("{id}")
    public Uni<RestResponse<Void>> erase(@RestPath String id) {
        return contacts.erase(scope.projectId(), id).map(nothing -> RestResponse.noContent());
    }
}
