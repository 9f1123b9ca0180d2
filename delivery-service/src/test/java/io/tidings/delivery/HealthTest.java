package io.tidings.delivery;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.tidings.delivery.support.DeliveryServiceTest;
import org.junit.jupiter.api.Test;

@DeliveryServiceTest
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
