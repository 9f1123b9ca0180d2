package io.tidings.delivery.sending;

import io.netty.channel.EventLoop;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.SentMail;
import io.quarkus.mailer.runtime.MailerSupport;
import io.quarkus.mailer.runtime.Mailers;
import io.quarkus.mailer.runtime.MailersRuntimeConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.smallrye.mutiny.Uni;
import io.tidings.delivery.config.DeliveryConfig;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Sends mail through the configured SMTP relay under a deadline, and says what became of each send as a classified
 * {@link SmtpReply}; it never fails for an SMTP reason. One Vert.x mail client per event loop (RECIPES: one client
 * does all its I/O and encoding on one loop), each driven only from its own context ({@link SmtpLane}); a send goes
 * to the least-loaded client.
 *
 * <p>The clients are Quarkus's own: each is the default mailer of a {@link Mailers} instance built from the
 * operator's {@code quarkus.mailer.*} settings, exactly as Quarkus builds its default mailer (host, port, SSL/TLS,
 * STARTTLS, trust and key stores, TLS registry, credentials, auth methods, DKIM {@code quarkus.mailer.dkim.*},
 * keep-alive, pool, pipelining, mock, approved recipients, ...): nothing about SMTP is configured twice, and
 * {@code quarkus.mailer.max-pool-size} is the pool of each client.
 */
@ApplicationScoped
public class SmtpTransport {
    private static final Logger LOG = Logger.getLogger(SmtpTransport.class);

    private final Vertx vertx;
    private final io.vertx.mutiny.core.Vertx mutinyVertx;
    private final MailersRuntimeConfig mailerConfig;
    private final TlsConfigurationRegistry tls;
    private final Event<SentMail> sent;
    private final DeliveryConfig.Smtp config;
    private final Duration deadline;
    private final List<Mailers> mailers = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private volatile List<SmtpLane> lanes = List.of();

    SmtpTransport(Vertx vertx, io.vertx.mutiny.core.Vertx mutinyVertx, MailersRuntimeConfig mailerConfig,
            TlsConfigurationRegistry tls, Event<SentMail> sent, DeliveryConfig config) {
        this.vertx = vertx;
        this.mutinyVertx = mutinyVertx;
        this.mailerConfig = mailerConfig;
        this.tls = tls;
        this.sent = sent;
        this.config = config.smtp();
        this.deadline = config.sendTimeout();
    }

    // before the messaging channels start (priority 1000), so no request finds no client
    void onStart(@Observes @Priority(800) StartupEvent event) {
        VertxInternal internal = (VertxInternal) vertx;
        List<EventLoop> loops = new ArrayList<>();
        internal.getEventLoopGroup().forEach(loop -> loops.add((EventLoop) loop));
        int clients = Math.max(1, Math.min(Math.max(1, loops.size()),
                config.clients().filter(n -> n > 0).orElse(Runtime.getRuntime().availableProcessors())));
        List<SmtpLane> created = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            // a context of its own on a loop of its own, named, not taken in turn from the group: whatever else takes
            // loops in between (building a mail client does) would otherwise put two clients on one loop, and one
            // thread would encode and send for both
            Context context = internal.createEventLoopContext(loops.get(i), internal.getWorkerPool(),
                    Thread.currentThread().getContextClassLoader());
            Mailers own = new Mailers(vertx, mutinyVertx, mailerConfig, LaunchMode.current(),
                    new MailerSupport(true, Set.of()), tls, sent);
            mailers.add(own);
            created.add(new SmtpLane(vertx, context, own.reactiveMailerFromName(Mailers.DEFAULT_MAILER_NAME),
                    config.inFlightPerClient(), deadline));
        }
        lanes = List.copyOf(created);
        LOG.infof("%d SMTP clients, one event loop each (of %d), at most %d sends in flight each", clients,
                loops.size(), config.inFlightPerClient());
    }

    /** The thread of each client's context: one event loop each, none shared. */
    Uni<List<String>> clientThreads() {
        return Uni.join().all(lanes.stream().map(SmtpLane::thread).toList()).andFailFast();
    }

    @PreDestroy
    void close() {
        mailers.forEach(Mailers::stop);
    }

    /**
     * A slot on the least-loaded client, once one is free (the wait holds no thread): claim the recipient while
     * holding it, then send through it, or release it.
     */
    public Uni<SmtpSlot> slot() {
        return Uni.createFrom().deferred(() -> pick().slot());
    }

    /** Slots on all clients: the most sends (and so claims) in progress at once in this pod. */
    public int slots() {
        return lanes.size() * config.inFlightPerClient();
    }

    private SmtpLane pick() {
        List<SmtpLane> all = lanes;
        if (all.isEmpty()) {
            throw new IllegalStateException("the SMTP clients are not started yet");
        }
        int start = Math.floorMod(next.getAndIncrement(), all.size());
        SmtpLane best = all.get(start);
        for (int i = 1; i < all.size(); i++) {
            SmtpLane lane = all.get((start + i) % all.size());
            if (lane.load() < best.load()) {
                best = lane;
            }
        }
        return best;
    }
}
