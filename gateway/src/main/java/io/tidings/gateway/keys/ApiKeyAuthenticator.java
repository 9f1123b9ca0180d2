package io.tidings.gateway.keys;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Resolves the API key of an {@code Authorization} header to its caller: a reactive lookup of the key's hash among
 * the non-revoked keys, with positive answers cached for {@code tidings.api-keys.cache-ttl}.
 */
@ApplicationScoped
public class ApiKeyAuthenticator {
    private final ApiKeyRepository keys;
    private final ApiKeyCache cache;

    public ApiKeyAuthenticator(ApiKeyRepository keys, ApiKeysConfig config) {
        this.keys = keys;
        this.cache = new ApiKeyCache(config.cacheTtl(), config.cacheSize(), System::nanoTime);
    }

    /** The caller, or empty for a missing, malformed, unknown or revoked key. */
    public Uni<Optional<ApiCaller>> authenticate(String authorization) {
        Optional<ApiKeySecret> secret = ApiKeySecret.fromAuthorization(authorization);
        if (secret.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        byte[] hash = secret.get().hash();
        String cacheKey = HexFormat.of().formatHex(hash);
        ApiCaller cached = cache.get(cacheKey);
        if (cached != null) {
            return Uni.createFrom().item(Optional.of(cached));
        }
        return keys.findActive(hash).invoke(found -> found.ifPresent(caller -> cache.put(cacheKey, caller)));
    }

    /** Drops a revoked key from this instance's cache at once. */
    public void forget(byte[] keyHash) {
        cache.remove(HexFormat.of().formatHex(keyHash));
    }
}
