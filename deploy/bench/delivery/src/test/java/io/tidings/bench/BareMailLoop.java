package io.tidings.bench;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.ext.mail.mailencoder.MailEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Yardstick (a): the Vert.x mail client delivery-service uses, in the fastest setup measured here
 * (/work/shared/RECIPES.md): one {@link MailClient} per event loop, 2 event loops, a pool of 5 connections and about
 * 50 sends in flight per client, each client created and driven only from its own context (a client driven from
 * two contexts was seen to lose sends). Each message is rendered like the service renders it ({@link Messages}).
 */
final class BareMailLoop implements AutoCloseable {
    static final int LOOPS = 2;
    static final int POOL = 5;
    static final int IN_FLIGHT = 50;

    private final Vertx vertx;
    private final List<Context> contexts = new ArrayList<>();
    private final List<MailClient> clients = new ArrayList<>();
    private final String publicBaseUrl;
    private final byte[] unsubscribeKey = new byte[32];

    /** What one run of the loop did. */
    record Outcome(int sent, int failed, String firstError, double seconds, Set<String> threads) {
    }

    BareMailLoop(String host, int port, String publicBaseUrl) throws Exception {
        this.publicBaseUrl = publicBaseUrl;
        new SecureRandom().nextBytes(unsubscribeKey);
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(LOOPS));
        MailConfig config = new MailConfig().setHostname(host).setPort(port).setSsl(false)
                .setStarttls(StartTLSOptions.DISABLED).setMaxPoolSize(POOL).setKeepAlive(true);
        // one verticle instance per event loop: each gets a context of its own on the next loop, and creates its
        // client there (getOrCreateContext() from this thread would return the same sticky context every time)
        List<Owner> owners = new CopyOnWriteArrayList<>();
        vertx.deployVerticle(() -> {
            Owner owner = new Owner(config);
            owners.add(owner);
            return owner;
        }, new DeploymentOptions().setInstances(LOOPS)).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        for (Owner owner : owners) {
            contexts.add(owner.context());
            clients.add(owner.client);
        }
    }

    /** Creates one mail client on its own event-loop context. */
    private static final class Owner extends AbstractVerticle {
        private final MailConfig config;
        private MailClient client;

        Owner(MailConfig config) {
            this.config = config;
        }

        @Override
        public void start() {
            client = MailClient.create(vertx, config);
        }

        Context context() {
            return context;
        }
    }

    /** Sends the messages {@code from} to {@code from + count - 1}, and waits until every send has completed. */
    Outcome send(int from, int count, Duration timeout) throws InterruptedException {
        AtomicInteger next = new AtomicInteger(from);
        int end = from + count;
        CountDownLatch done = new CountDownLatch(count);
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        long started = System.nanoTime();
        for (int i = 0; i < LOOPS; i++) {
            MailClient client = clients.get(i);
            contexts.get(i).runOnContext(ignored -> {
                threads.add(Thread.currentThread().getName());
                for (int k = 0; k < IN_FLIGHT; k++) {
                    sendNext(client, next, end, done, failed, firstError);
                }
            });
        }
        if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the bare mail-client loop did not complete " + done.getCount()
                    + " of " + count + " sends within " + timeout + " (a lost send has no callback)");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Outcome(count - failed.get(), failed.get(), firstError.get(), seconds, new TreeSet<>(threads));
    }

    // runs on the client's own context: the send's completion comes back on it, and starts the next send
    private void sendNext(MailClient client, AtomicInteger next, int end, CountDownLatch done, AtomicInteger failed,
            AtomicReference<String> firstError) {
        int index = next.getAndIncrement();
        if (index >= end) {
            return;
        }
        client.sendMail(Messages.mail(index, publicBaseUrl, unsubscribeKey)).onComplete(result -> {
            if (result.failed()) {
                failed.incrementAndGet();
                firstError.compareAndSet(null, String.valueOf(result.cause()));
            }
            done.countDown();
            sendNext(client, next, end, done, failed, firstError);
        });
    }

    /** One message as the mail client writes it after DATA: headers and MIME-encoded body. */
    String encodedMessage() {
        return new MailEncoder(Messages.mail(0, publicBaseUrl, unsubscribeKey), "localhost").encode();
    }

    int messageBytes() {
        return encodedMessage().getBytes(StandardCharsets.US_ASCII).length;
    }

    @Override
    public void close() {
        clients.forEach(MailClient::close);
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }
}
