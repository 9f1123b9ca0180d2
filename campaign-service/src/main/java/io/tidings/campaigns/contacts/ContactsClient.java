package io.tidings.campaigns.contacts;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** contacts-service's internal segment API (deploy/contracts/README.md, "Internal HTTP"). */
@RegisterRestClient(configKey = "contacts")
@Path("/internal/segments")
@Produces(MediaType.APPLICATION_JSON)
public interface ContactsClient {

    @GET
    @Path("/{id}")
    Uni<Segment> segment(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("id") UUID id);

    @GET
    @Path("/{id}/members")
    Uni<MemberPage> members(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("id") UUID id,
            @QueryParam("after") String after, @QueryParam("limit") int limit);
}
