package io.tidings.gateway.projects;

import io.tidings.gateway.keys.IssuedKey;
import java.time.Instant;
import java.util.UUID;

/** The answer to creating a project: the project and its first API key, shown this once. */
public record ProjectCreated(UUID id, String name, Instant createdAt, IssuedKey apiKey) {
}
