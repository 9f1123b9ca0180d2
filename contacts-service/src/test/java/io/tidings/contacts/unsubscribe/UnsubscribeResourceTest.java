package io.tidings.contacts.unsubscribe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tidings.contacts.ProjectApi;
import io.tidings.contacts.kafka.Topics;
import io.tidings.contacts.suppression.KafkaTopic;
import io.tidings.testing.Contracts;
import io.tidings.testing.KafkaResource;
import io.tidings.testing.PostgresResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** /u/{token}: a confirm page on GET, the RFC 8058 one-click unsubscribe on POST, no service token needed. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "topics", value = ""))
class UnsubscribeResourceTest {
    private static final byte[] TEST_KEY = UnsubscribeKey.load("classpath:tidings-test-unsubscribe.key");
    private final KafkaTopic suppressions = new KafkaTopic(Topics.SUPPRESSIONS);
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void getShowsAConfirmFormThatPostsBackAndChangesNothing() {
        ProjectApi api = ProjectApi.fresh();
        String id = api.createContact("reader@example.com");
        given().redirects().follow(false).get("/u/" + token(api, id))
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<form method=\"post\">"))
                .body(containsString("<button"));
        api.request().get("/api/v1/contacts/" + id).then().body("status", equalTo("SUBSCRIBED"));
    }

    @Test
    void oneClickPostUnsubscribesOnceAndPublishesTheSuppression() throws Exception {
        ProjectApi api = ProjectApi.fresh();
        String id = api.createContact("Reader@Example.com");
        String token = token(api, id);
        for (int i = 0; i < 2; i++) {
            given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                    .formParam("List-Unsubscribe", "One-Click")
                    .post("/u/" + token)
                    .then().statusCode(200).body(containsString("unsubscribed"));
        }
        api.request().get("/api/v1/contacts/" + id).then().body("status", equalTo("UNSUBSCRIBED"));
        api.json().body(Map.of("status", "SUBSCRIBED")).patch("/api/v1/contacts/" + id).then().statusCode(200);

        String key = api.projectId() + ":reader@example.com";
        List<ConsumerRecord<String, String>> records = await().atMost(Duration.ofSeconds(20))
                .until(() -> suppressions.records(key), found -> found.size() >= 2);
        assertThat(records).extracting(r -> json.readTree(r.value()).get("reason").asText())
                .containsExactly("UNSUBSCRIBED", "null"); // the second POST announced nothing
    }

    @Test
    void postWithoutABodyWorksToo() {
        ProjectApi api = ProjectApi.fresh();
        String id = api.createContact("bare@example.com");
        given().post("/u/" + token(api, id)).then().statusCode(200);
        api.request().get("/api/v1/contacts/" + id).then().body("status", equalTo("UNSUBSCRIBED"));
    }

    @Test
    void aTamperedOrMalformedTokenIsA404Problem() throws Exception {
        String tampered = json.readTree(Contracts.fixture("http/unsubscribe-token.v1.json")).get("tampered").asText();
        for (String token : List.of(tampered, "garbage", "AW8cLT5KW0xtjn")) {
            given().get("/u/" + token).then().statusCode(404)
                    .contentType("application/problem+json").body("type", equalTo("urn:tidings:problem:not-found"));
            given().post("/u/" + token).then().statusCode(404)
                    .contentType("application/problem+json").body("status", equalTo(404));
        }
    }

    @Test
    void aValidTokenReachesOnlyItsOwnProjectsContact() {
        ProjectApi owner = ProjectApi.fresh();
        String id = owner.createContact("owner@example.com");
        ProjectApi other = ProjectApi.fresh();
        given().post("/u/" + token(other, id)).then().statusCode(200);
        owner.request().get("/api/v1/contacts/" + id).then().body("status", equalTo("SUBSCRIBED"));
    }

    private static String token(ProjectApi api, String contactId) {
        return new UnsubscribeToken(UUID.fromString(api.projectId()), UUID.fromString(contactId)).sign(TEST_KEY);
    }
}
