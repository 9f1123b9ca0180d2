package io.tidings.delivery.sending;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tidings.delivery.config.DeliveryConfig;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/**
 * Sends one mail through the configured SMTP relay (Quarkus reactive mailer) under a deadline, and says what became
 * of it as a classified {@link SmtpReply}; it never fails. Every send is started from one Vert.x context of its
 * own, because the shared mail client was seen to lose sends when driven from several contexts at once.
 */
@ApplicationScoped
public class SmtpTransport {
    private final ReactiveMailer mailer;
    private final Vertx vertx;
    private final Duration deadline;
    private volatile Context context;

    SmtpTransport(ReactiveMailer mailer, Vertx vertx, DeliveryConfig config) {
        this.mailer = mailer;
        this.vertx = vertx;
        this.deadline = config.sendTimeout();
    }

    // before the messaging channels start (priority 1000), so no request finds it unset
    void onStart(@Observes @Priority(800) StartupEvent event) {
        // called from the main thread, this makes a new event-loop context for SMTP alone
        context = vertx.getOrCreateContext();
    }

    public Uni<SmtpReply> send(Mail mail) {
        return Uni.createFrom().<Void>emitter(emitter -> context.runOnContext(ignored -> {
                    try {
                        mailer.send(mail).subscribe().with(emitter::complete, emitter::fail);
                    } catch (IllegalArgumentException e) {
                        // the mailer validates addresses before connecting: nothing left this pod
                        emitter.fail(new UnsendableMail(e.getMessage()));
                    }
                }))
                .ifNoItem().after(deadline).failWith(() -> new SendDeadlineExceeded(deadline))
                .map(sent -> SmtpReplyClassifier.accepted())
                .onFailure().recoverWithItem(SmtpReplyClassifier::classify);
    }
}
