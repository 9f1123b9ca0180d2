package io.tidings.campaigns.contacts;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Mints the short-lived token this service presents to another service's internal API for one project. */
@ApplicationScoped
public class ServiceTokens {
    static final String SERVICE_NAME = "campaign-service";
    private static final long LIFESPAN_SECONDS = 60;

    /** A fresh "Bearer ..." header value; minted on a worker, since signing reads the key location. */
    public Uni<String> bearer(UUID projectId) {
        return Uni.createFrom().item(() -> "Bearer " + mint(projectId))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static String mint(UUID projectId) {
        return Jwt.issuer("tidings").audience("tidings-services").subject(SERVICE_NAME).groups("service")
                .claim("project", projectId.toString()).expiresIn(LIFESPAN_SECONDS).sign();
    }
}
