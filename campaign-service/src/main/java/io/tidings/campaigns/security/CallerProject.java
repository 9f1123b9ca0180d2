package io.tidings.campaigns.security;

import io.tidings.campaigns.problems.ProblemException;
import io.tidings.campaigns.problems.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The project named by the caller's service token; every query of a request is scoped by it. */
@ApplicationScoped
public class CallerProject {
    public static final String CLAIM = "project";

    private final JsonWebToken token;

    public CallerProject(JsonWebToken token) {
        this.token = token;
    }

    public UUID id() {
        Object claim = token.getClaim(CLAIM);
        String value = claim instanceof JsonString text ? text.getString() : claim == null ? null : claim.toString();
        try {
            return UUID.fromString(value);
        } catch (RuntimeException e) {
            throw new ProblemException(ProblemType.FORBIDDEN, "the token names no valid project", List.of());
        }
    }
}
