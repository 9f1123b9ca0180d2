package io.tidings.gateway.proxy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Limits of the reverse proxy's upstream connections. */
@ConfigMapping(prefix = "tidings.proxy")
public interface ProxyConfig {
    /** Longest wait for an upstream's answer (and between two of its body chunks) once the request is sent. */
    @WithDefault("120s")
    Duration upstreamTimeout();

    @WithDefault("5s")
    Duration connectTimeout();

    /** Pooled HTTP/1.1 connections per upstream service. */
    @WithDefault("100")
    int maxConnections();
}
