package io.tidings.gateway.keys;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long a positive key lookup is trusted without asking the database, and how many are kept. */
@ConfigMapping(prefix = "tidings.api-keys")
public interface ApiKeysConfig {
    /** Also the longest a revocation made through another gateway instance takes to apply here. */
    @WithDefault("30s")
    Duration cacheTtl();

    @WithDefault("10000")
    int cacheSize();
}
