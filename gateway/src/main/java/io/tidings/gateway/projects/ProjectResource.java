package io.tidings.gateway.projects;

import io.smallrye.mutiny.Uni;
import io.tidings.gateway.admin.AdminOnly;
import io.tidings.gateway.keys.ApiKeyAuthenticator;
import io.tidings.gateway.keys.ApiKeyRepository;
import io.tidings.gateway.keys.ApiKeySecret;
import io.tidings.gateway.keys.IssuedKey;
import io.tidings.gateway.problem.ProblemException;
import io.tidings.gateway.problem.ProblemType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/** The operator's calls: create a project with its first API key, issue more keys, revoke one. */
@Path("/api/v1/admin/projects")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
public class ProjectResource {
    private final ProjectRepository projects;
    private final ApiKeyRepository keys;
    private final ApiKeyAuthenticator authenticator;

    public ProjectResource(ProjectRepository projects, ApiKeyRepository keys, ApiKeyAuthenticator authenticator) {
        this.projects = projects;
        this.keys = keys;
        this.authenticator = authenticator;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<ProjectCreated>> create(
            @Valid @NotNull(message = "a JSON body with a name is required") NewProject body) {
        return projects.create(body.name().strip(), ApiKeySecret.generate())
                .map(created -> RestResponse.status(RestResponse.Status.CREATED, created));
    }

    @POST
    @Path("/{projectId}/keys")
    public Uni<RestResponse<IssuedKey>> issueKey(@RestPath UUID projectId) {
        return keys.insertIfProjectExists(projectId, ApiKeySecret.generate())
                .map(issued -> issued.orElseThrow(() -> noProject(projectId)))
                .map(issued -> RestResponse.status(RestResponse.Status.CREATED, issued));
    }

    @DELETE
    @Path("/{projectId}/keys/{keyId}")
    public Uni<RestResponse<Void>> revokeKey(@RestPath UUID projectId, @RestPath UUID keyId) {
        return keys.revoke(projectId, keyId)
                .map(hash -> hash.orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                        "Project " + projectId + " has no API key " + keyId)))
                .invoke(authenticator::forget)
                .map(hash -> RestResponse.noContent());
    }

    private static ProblemException noProject(UUID projectId) {
        return new ProblemException(ProblemType.NOT_FOUND, "There is no project " + projectId);
    }
}
