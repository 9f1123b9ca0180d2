package io.tidings.gateway.keys;

import java.time.Instant;
import java.util.UUID;

/** A newly issued API key as its owner sees it once: the only answer that carries the key itself. */
public record IssuedKey(UUID id, String key, String prefix, Instant createdAt) {
}
