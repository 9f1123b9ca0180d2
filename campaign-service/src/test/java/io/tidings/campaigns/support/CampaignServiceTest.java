package io.tidings.campaigns.support;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tidings.testing.KafkaResource;
import io.tidings.testing.PostgresResource;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@code @QuarkusTest} of campaign-service against what every one of them needs, declared once: a fresh database
 * on the real PostgreSQL, a real in-JVM Kafka broker (delivery.outcomes with 12 partitions, as in production) and
 * {@link FakeContactsService}. All three are global, so the test classes share one started application.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "topics", value = "delivery.outcomes:12"))
@WithTestResource(value = FakeContactsService.class, scope = TestResourceScope.GLOBAL)
public @interface CampaignServiceTest {
}
