package io.tidings.gateway.proxy;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** Which service owns a public path: matched by path prefix, on whole segments. */
@ApplicationScoped
public class RouteTable {
    private record Prefix(String path, Upstream upstream) {
        boolean matches(String candidate) {
            return candidate.equals(path) || candidate.startsWith(path + "/");
        }
    }

    private final List<Prefix> api;
    private final Upstream unsubscribePages;

    public RouteTable(RoutesConfig config) {
        Upstream contacts = Upstream.of("contacts-service", config.contacts());
        Upstream campaigns = Upstream.of("campaign-service", config.campaigns());
        this.api = List.of(
                new Prefix("/api/v1/contacts", contacts),
                new Prefix("/api/v1/segments", contacts),
                new Prefix("/api/v1/senders", campaigns),
                new Prefix("/api/v1/campaigns", campaigns));
        this.unsubscribePages = contacts;
    }

    /** The owner of an {@code /api/v1/...} path, if any service owns it. */
    public Optional<Upstream> forApi(String path) {
        return api.stream().filter(prefix -> prefix.matches(path)).map(Prefix::upstream).findFirst();
    }

    /** The owner of the public {@code /u/...} unsubscribe pages. */
    public Upstream forUnsubscribe() {
        return unsubscribePages;
    }
}
