package io.tidings.gateway.admin;

import io.tidings.gateway.problem.ProblemException;
import io.tidings.gateway.problem.ProblemType;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/** Refuses {@link AdminOnly} calls without the admin token, before their body is read: 401 problem+json. */
@Provider
@AdminOnly
public class AdminTokenFilter implements ContainerRequestFilter {
    private final AdminToken adminToken;

    public AdminTokenFilter(AdminToken adminToken) {
        this.adminToken = adminToken;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!adminToken.accepts(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            throw new ProblemException(ProblemType.UNAUTHORIZED,
                    "Admin calls need Authorization: Bearer <admin token> (TIDINGS_ADMIN_TOKEN)");
        }
    }
}
