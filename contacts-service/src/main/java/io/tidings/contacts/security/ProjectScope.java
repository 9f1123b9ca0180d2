package io.tidings.contacts.security;

import io.quarkus.security.ForbiddenException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The project of the current call, read from the verified service token's {@code project} claim. */
@ApplicationScoped
public class ProjectScope {
    public static final String PROJECT_ROLE = "project";
    public static final String SERVICE_ROLE = "service";

    private final JsonWebToken token;

    public ProjectScope(JsonWebToken token) {
        this.token = token;
    }

    /** The project id every query of this call is scoped by; a token without a valid one is refused. */
    public UUID projectId() {
        Object claim = token.getClaim("project");
        String value = claim instanceof JsonString json ? json.getString() : claim == null ? null : claim.toString();
        if (value == null) {
            throw new ForbiddenException("token without project claim");
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new ForbiddenException("token with an invalid project claim");
        }
    }
}
