package io.tidings.delivery.support;

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
 * A {@code @QuarkusTest} of delivery-service against what every one of them needs, declared once: a fresh database
 * on the real PostgreSQL, a real in-JVM Kafka broker with the topics delivery-service reads and writes, and a real
 * SMTP server behind {@link SmtpRouteResource} (GreenMail, or a scripted smtp-sink a test routes to). All three are
 * global, so the test classes share one started application.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "topics", value = TestTopics.PRECREATED))
@WithTestResource(value = SmtpRouteResource.class, scope = TestResourceScope.GLOBAL)
public @interface DeliveryServiceTest {
}
