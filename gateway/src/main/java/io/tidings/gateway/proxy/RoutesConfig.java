package io.tidings.gateway.proxy;

import io.smallrye.config.ConfigMapping;
import java.net.URI;

/** Base URLs of the services the gateway forwards to ({@code TIDINGS_CONTACTS_URL}, {@code TIDINGS_CAMPAIGNS_URL}). */
@ConfigMapping(prefix = "tidings.routes")
public interface RoutesConfig {
    URI contacts();

    URI campaigns();
}
