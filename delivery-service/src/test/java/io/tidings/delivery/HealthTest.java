package io.tidings.delivery;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tidings.delivery.support.SmtpRouteResource;
import io.tidings.delivery.support.TestTopics;
import io.tidings.testing.KafkaResource;
import io.tidings.testing.PostgresResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "topics", value = TestTopics.PRECREATED))
@WithTestResource(value = SmtpRouteResource.class, scope = TestResourceScope.GLOBAL)
class HealthTest {

    @Test
    void readinessCoversTheDatabaseAndKafka() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Reactive PostgreSQL connections health check",
                        "Kafka connection health check", "SmallRye Reactive Messaging - readiness check"));
    }
}
