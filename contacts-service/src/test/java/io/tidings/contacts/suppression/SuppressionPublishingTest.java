package io.tidings.contacts.suppression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tidings.contacts.ProjectApi;
import io.tidings.contacts.kafka.Topics;
import io.tidings.testing.Contracts;
import io.tidings.testing.KafkaResource;
import io.tidings.testing.PostgresResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Every status change made through the API, and every erasure, reaches contacts.suppressions through the outbox. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "topics", value = ""))
class SuppressionPublishingTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final KafkaTopic suppressions = new KafkaTopic(Topics.SUPPRESSIONS);
    private final ObjectMapper json = new ObjectMapper();

    @Inject
    Pool pool;

    @Test
    void statusChangesThroughTheApiArePublishedInOrderWithTheFixtureFields() throws Exception {
        ProjectApi api = ProjectApi.fresh();
        String id = api.createContact("Lena@Example.ORG");
        String key = api.projectId() + ":lena@example.org";
        api.json().body(Map.of("status", "UNSUBSCRIBED")).patch("/api/v1/contacts/" + id).then().statusCode(200);
        api.json().body(Map.of("firstName", "Lena")).patch("/api/v1/contacts/" + id).then().statusCode(200);
        api.json().body(Map.of("status", "SUBSCRIBED")).patch("/api/v1/contacts/" + id).then().statusCode(200);

        List<ConsumerRecord<String, String>> records = await().atMost(WAIT)
                .until(() -> suppressions.records(key), found -> found.size() >= 2);
        JsonNode first = json.readTree(records.get(0).value());
        JsonNode second = json.readTree(records.get(1).value());
        assertThat(fieldNames(first)).isEqualTo(fieldNames(json.readTree(Contracts.fixture("contacts.suppressions/v1.json"))));
        assertThat(first.get("version").asInt()).isEqualTo(1);
        assertThat(first.get("type").asText()).isEqualTo("SuppressionChanged");
        assertThat(first.get("projectId").asText()).isEqualTo(api.projectId());
        assertThat(first.get("contactId").asText()).isEqualTo(id);
        assertThat(first.get("normalizedEmail").asText()).isEqualTo("lena@example.org");
        assertThat(first.get("suppressed").asBoolean()).isTrue();
        assertThat(first.get("reason").asText()).isEqualTo("UNSUBSCRIBED");
        assertThat(second.get("suppressed").asBoolean()).isFalse();
        assertThat(second.get("reason").isNull()).isTrue();
        assertThat(first.get("eventId").asText()).isNotEqualTo(second.get("eventId").asText());
        assertThat(records).hasSize(2); // the name change announced nothing
    }

    @Test
    void contactCreatedSuppressedIsPublishedAndErasureLeavesATombstone() throws Exception {
        ProjectApi api = ProjectApi.fresh();
        String id = api.json().body(Map.of("email", "gone@example.com", "status", "COMPLAINED"))
                .post("/api/v1/contacts").then().statusCode(201).extract().path("id");
        String key = api.projectId() + ":gone@example.com";
        await().atMost(WAIT).until(() -> suppressions.records(key), found -> found.size() == 1);
        assertThat(json.readTree(suppressions.records(key).get(0).value()).get("reason").asText()).isEqualTo("COMPLAINED");

        api.request().delete("/api/v1/contacts/" + id).then().statusCode(204);
        List<ConsumerRecord<String, String>> records = await().atMost(WAIT)
                .until(() -> suppressions.records(key), found -> found.size() == 2);
        assertThat(records.get(1).value()).isNull();
    }

    @Test
    void aChangeLeftInTheOutboxByACrashIsPublishedByTheNextRelayPass() {
        String project = UUID.randomUUID().toString();
        pool.preparedQuery("INSERT INTO contacts.suppression_outbox (event_id, project_id, normalized_email, suppressed, reason)"
                        + " VALUES (gen_random_uuid(), $1, 'left@example.com', true, 'MANUAL')")
                .execute(Tuple.of(UUID.fromString(project))).await().indefinitely();
        await().atMost(WAIT).until(() -> suppressions.records(project + ":left@example.com"), found -> found.size() == 1);
        await().atMost(WAIT).until(() -> pool.preparedQuery("SELECT count(*) AS n FROM contacts.suppression_outbox"
                        + " WHERE project_id = $1").execute(Tuple.of(UUID.fromString(project)))
                .await().indefinitely().iterator().next().getLong("n") == 0);
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
