package io.tidings.contacts.suppression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tidings.contacts.ProjectApi;
import io.tidings.contacts.kafka.Topics;
import io.tidings.testing.Contracts;
import io.tidings.testing.KafkaResource;
import io.tidings.testing.PostgresResource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** delivery.outcomes in: a hard bounce (5.1.x) suppresses the contact, once; nothing else does; poison goes to the DLQ. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "topics", value = ""))
class BounceConsumerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final KafkaTopic outcomes = new KafkaTopic(Topics.DELIVERY_OUTCOMES);
    private final KafkaTopic suppressions = new KafkaTopic(Topics.SUPPRESSIONS);
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void fixturesAreReadByTheTolerantReader() throws Exception {
        OutcomeReader reader = new OutcomeReader(json.findAndRegisterModules());
        DeliveryOutcome bounced = reader.read(Contracts.fixture("delivery.outcomes/v1-bounced.json"));
        assertThat(bounced.hardBounce()).isTrue();
        assertThat(bounced.normalizedEmail()).isEqualTo("nobody@example.com");
        assertThat(bounced.contactId()).isEqualTo(UUID.fromString("e5d4c3b2-a1f6-4e5d-8c7b-6a5f4e3d2c1b"));
        assertThat(reader.read(Contracts.fixture("delivery.outcomes/v1-deferred.json")).hardBounce()).isFalse();
        assertThat(reader.read(Contracts.fixture("delivery.outcomes/v1-sent.json")).hardBounce()).isFalse();
        ObjectNode extra = (ObjectNode) json.readTree(Contracts.fixture("delivery.outcomes/v1-bounced.json"));
        extra.put("somethingNew", 1);
        assertThat(reader.read(extra.toString()).hardBounce()).isTrue();
    }

    @Test
    void hardBounceMarksTheContactBouncedAndPublishesTheSuppression() throws Exception {
        ProjectApi api = ProjectApi.fresh();
        String id = api.createContact("nobody@example.com");
        String recipient = UUID.randomUUID().toString();
        outcomes.send(recipient, outcome(api, id, "nobody@example.com", "BOUNCED", "5.1.1", Instant.now()));

        awaitStatus(api, id, "BOUNCED");
        List<ConsumerRecord<String, String>> records = await().atMost(WAIT)
                .until(() -> suppressions.records(api.projectId() + ":nobody@example.com"), found -> found.size() == 1);
        var event = json.readTree(records.get(0).value());
        assertThat(event.get("suppressed").asBoolean()).isTrue();
        assertThat(event.get("reason").asText()).isEqualTo("BOUNCED");
        assertThat(event.get("contactId").asText()).isEqualTo(id);
    }

    @Test
    void softBouncesPolicyRejectionsAndSendsChangeNothing() throws Exception {
        ProjectApi api = ProjectApi.fresh();
        String kept = api.createContact("kept@example.com");
        String marker = api.createContact("marker@example.com");
        String recipient = UUID.randomUUID().toString(); // one key: one partition, so these arrive in order
        outcomes.send(recipient, outcome(api, kept, "kept@example.com", "DEFERRED", "4.3.0", Instant.now()));
        outcomes.send(recipient, outcome(api, kept, "kept@example.com", "SENT", "2.0.0", Instant.now()));
        outcomes.send(recipient, outcome(api, kept, "kept@example.com", "BOUNCED", "5.7.1", Instant.now()));
        outcomes.send(recipient, outcome(api, kept, "kept@example.com", "FAILED", "5.1.1", Instant.now()));
        outcomes.send(recipient, outcome(api, marker, "marker@example.com", "BOUNCED", "5.1.2", Instant.now()));

        awaitStatus(api, marker, "BOUNCED");
        api.request().get("/api/v1/contacts/" + kept).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("SUBSCRIBED"));
    }

    @Test
    void aRedeliveredBounceIsHarmlessEvenAfterTheContactWasResubscribed() throws Exception {
        ProjectApi api = ProjectApi.fresh();
        String id = api.createContact("twice@example.com");
        String recipient = UUID.randomUUID().toString();
        String bounce = outcome(api, id, "twice@example.com", "BOUNCED", "5.1.1", Instant.now());
        outcomes.send(recipient, bounce);
        outcomes.send(recipient, bounce);
        awaitStatus(api, id, "BOUNCED");
        api.json().body(Map.of("status", "SUBSCRIBED")).patch("/api/v1/contacts/" + id).then().statusCode(200);
        outcomes.send(recipient, bounce); // the same, older bounce delivered once more
        String marker = api.createContact("marker@example.com");
        outcomes.send(recipient, outcome(api, marker, "marker@example.com", "BOUNCED", "5.1.1", Instant.now()));

        awaitStatus(api, marker, "BOUNCED");
        api.request().get("/api/v1/contacts/" + id).then().body("status", org.hamcrest.Matchers.equalTo("SUBSCRIBED"));
        List<ConsumerRecord<String, String>> records = await().atMost(WAIT)
                .until(() -> suppressions.records(api.projectId() + ":twice@example.com"), found -> found.size() >= 2);
        assertThat(records).extracting(r -> json.readTree(r.value()).get("suppressed").asBoolean()).containsExactly(true, false);
    }

    @Test
    void unreadableOutcomesGoToTheDeadLetterTopicAndConsumingGoesOn() throws Exception {
        ProjectApi api = ProjectApi.fresh();
        String poison = "poison-" + UUID.randomUUID();
        String unknownVersion = "version-" + UUID.randomUUID();
        outcomes.send(poison, "{not json");
        ObjectNode v2 = (ObjectNode) json.readTree(Contracts.fixture("delivery.outcomes/v1-bounced.json"));
        v2.put("version", 2);
        outcomes.send(unknownVersion, v2.toString());
        String id = api.createContact("after@example.com");
        outcomes.send(poison, outcome(api, id, "after@example.com", "BOUNCED", "5.1.1", Instant.now()));

        awaitStatus(api, id, "BOUNCED");
        KafkaTopic deadLetters = new KafkaTopic(Topics.DELIVERY_OUTCOMES_DLQ);
        await().atMost(WAIT).until(() -> deadLetters.records(poison).size() == 1 && deadLetters.records(unknownVersion).size() == 1);
        assertThat(deadLetters.records(poison).get(0).value()).isEqualTo("{not json");
    }

    private String outcome(ProjectApi api, String contactId, String address, String status, String enhancedCode,
            Instant at) throws Exception {
        ObjectNode outcome = (ObjectNode) json.readTree(Contracts.fixture("delivery.outcomes/v1-bounced.json"));
        outcome.put("eventId", UUID.randomUUID().toString());
        outcome.put("projectId", api.projectId());
        outcome.put("contactId", contactId);
        outcome.put("email", address);
        outcome.put("normalizedEmail", address);
        outcome.put("status", status);
        outcome.put("enhancedCode", enhancedCode);
        outcome.put("occurredAt", at.toString());
        return outcome.toString();
    }

    private static void awaitStatus(ProjectApi api, String id, String status) {
        await().atMost(WAIT).until(() -> status.equals(api.request().get("/api/v1/contacts/" + id).path("status")));
    }
}
