package io.tidings.campaigns.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.tidings.campaigns.support.CampaignServiceTest;
import org.junit.jupiter.api.Test;

@CampaignServiceTest
class HealthTest {

    @Test
    void readinessCoversTheDatabaseAndKafka() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Reactive PostgreSQL connections health check"))
                .body("checks.name", hasItem("SmallRye Reactive Messaging - readiness check"));
    }
}
