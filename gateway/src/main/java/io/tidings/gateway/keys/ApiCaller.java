package io.tidings.gateway.keys;

import java.util.UUID;

/** Who an authenticated call comes from: a live API key and the project it belongs to. */
public record ApiCaller(UUID keyId, UUID projectId) {
}
