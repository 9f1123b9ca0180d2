package io.tidings.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tidings.gateway.support.GatewayHttp;
import io.tidings.gateway.support.GeneratedCsv;
import io.tidings.gateway.support.RecordedRequest;
import io.tidings.gateway.support.StandInService;
import io.tidings.gateway.support.TestProject;
import io.tidings.gateway.support.UpstreamsResource;
import io.tidings.testing.PostgresResource;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Bodies stream through the gateway both ways. Each large transfer pauses midway until the far end has already
 * received its first bytes: a gateway that buffered the whole body would never let that happen, and the test fails.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = UpstreamsResource.class, scope = TestResourceScope.GLOBAL)
class StreamingTest {
    private static final long MiB = 1L << 20;
    private static final Duration FAR_END_PATIENCE = Duration.ofSeconds(30);

    @Test
    void largeUploadStreamsThroughByteIdentical() {
        TestProject project = TestProject.create();
        String path = "/api/v1/contacts/imports/" + UUID.randomUUID();
        StandInService contacts = UpstreamsResource.contacts();
        long size = 64 * MiB;
        GeneratedCsv body = new GeneratedCsv(size, 16 * MiB,
                () -> await().atMost(FAR_END_PATIENCE).until(() -> contacts.bodyBytesSeen(path) >= MiB));

        HttpResponse<String> answer = GatewayHttp.send(GatewayHttp.request(path + "?tags=big")
                .header("Authorization", project.bearer())
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body),
                        size))
                .build());

        assertThat(answer.statusCode()).isEqualTo(200);
        RecordedRequest received = single(contacts.requestsTo(path));
        assertThat(received.header("Content-Length")).isEqualTo(String.valueOf(size));
        assertThat(received.bodyLength()).isEqualTo(size);
        assertThat(received.bodySha256()).isEqualTo(body.sha256Hex());
    }

    @Test
    void chunkedUploadOfUnknownLengthArrivesWhole() {
        TestProject project = TestProject.create();
        String path = "/api/v1/contacts/imports/" + UUID.randomUUID();
        StandInService contacts = UpstreamsResource.contacts();
        GeneratedCsv body = new GeneratedCsv(8 * MiB, 4 * MiB,
                () -> await().atMost(FAR_END_PATIENCE).until(() -> contacts.bodyBytesSeen(path) >= 256 * 1024));

        HttpResponse<String> answer = GatewayHttp.send(GatewayHttp.request(path)
                .header("Authorization", project.bearer())
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build());

        assertThat(answer.statusCode()).isEqualTo(200);
        RecordedRequest received = single(contacts.requestsTo(path));
        assertThat(received.header("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(received.bodyLength()).isEqualTo(8 * MiB);
        assertThat(received.bodySha256()).isEqualTo(body.sha256Hex());
    }

    @Test
    void uploadExpectingContinueIsForwarded() {
        TestProject project = TestProject.create();
        String path = "/api/v1/contacts/imports/" + UUID.randomUUID();

        HttpResponse<String> answer = GatewayHttp.send(GatewayHttp.request(path)
                .header("Authorization", project.bearer())
                .header("Content-Type", "text/csv")
                .expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString("email\nanna@example.com\n")).build());

        assertThat(answer.statusCode()).isEqualTo(200);
        RecordedRequest received = single(UpstreamsResource.contacts().requestsTo(path));
        assertThat(received.bodyText()).isEqualTo("email\nanna@example.com\n");
        assertThat(received.header("Expect")).isNull();
    }

    @Test
    void largeDownloadStreamsBackByteIdentical() throws Exception {
        TestProject project = TestProject.create();
        String path = "/api/v1/campaigns/" + UUID.randomUUID() + "/recipients";
        long size = 32 * MiB;
        AtomicLong clientReceived = new AtomicLong();
        AtomicReference<String> sentSha256 = new AtomicReference<>();
        UpstreamsResource.campaigns().answerAt(path, exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/csv");
            exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=recipients.csv");
            exchange.sendResponseHeaders(200, 0);
            GeneratedCsv csv = new GeneratedCsv(size, 2 * MiB,
                    () -> await().atMost(FAR_END_PATIENCE).until(() -> clientReceived.get() >= 512 * 1024));
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] buffer = new byte[64 * 1024];
                for (int n = csv.read(buffer, 0, buffer.length); n >= 0; n = csv.read(buffer, 0, buffer.length)) {
                    out.write(buffer, 0, n);
                    if (n < buffer.length) {
                        out.flush(); // hand over what we have before pausing
                    }
                }
            }
            sentSha256.set(csv.sha256Hex());
        });

        HttpResponse<InputStream> answer = GatewayHttp.send(GatewayHttp.request(path)
                .header("Authorization", project.bearer()).header("Accept", "text/csv").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Disposition")).contains("attachment; filename=recipients.csv");
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        try (InputStream in = answer.body()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha256.update(buffer, 0, n);
                clientReceived.addAndGet(n);
            }
        }
        assertThat(clientReceived.get()).isEqualTo(size);
        await().atMost(Duration.ofSeconds(5)).until(() -> sentSha256.get() != null);
        assertThat(HexFormat.of().formatHex(sha256.digest())).isEqualTo(sentSha256.get());
    }

    private static RecordedRequest single(List<RecordedRequest> requests) {
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }
}
