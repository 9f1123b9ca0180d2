package io.tidings.gateway.proxy;

import java.net.URI;

/** A service the gateway forwards to: its name (for problems and logs) and where it listens. */
public record Upstream(String name, String host, int port, boolean ssl, String basePath) {

    public static Upstream of(String name, URI url) {
        String scheme = url.getScheme();
        if (url.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
            throw new IllegalArgumentException("The URL of " + name + " must be http(s)://host[:port], not " + url);
        }
        boolean ssl = "https".equals(scheme);
        int port = url.getPort() > 0 ? url.getPort() : ssl ? 443 : 80;
        String path = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
        return new Upstream(name, url.getHost(), port, ssl, path);
    }

    /** The request target on this upstream for a gateway path and raw query. */
    public String target(String path, String rawQuery) {
        return basePath + path + (rawQuery == null ? "" : "?" + rawQuery);
    }
}
