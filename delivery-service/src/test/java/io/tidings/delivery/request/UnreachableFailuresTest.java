package io.tidings.delivery.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.junit.jupiter.api.Test;

/**
 * Which failures of a request's handling are the database or the broker out of reach (the request is handled again
 * once they answer) and which are not (it is dead-lettered with its reason, as before).
 */
class UnreachableFailuresTest {
    @Test
    void connectionFailuresAndRetriableBrokerErrorsAreUnreachable() {
        assertThat(DeliveryRequestConsumer.unreachable(new ConnectException("Connection refused"))).isTrue();
        assertThat(DeliveryRequestConsumer.unreachable(new ConnectTimeoutException("connect timed out"))).isTrue();
        assertThat(DeliveryRequestConsumer.unreachable(ClosedConnectionException.INSTANCE)).isTrue();
        assertThat(DeliveryRequestConsumer.unreachable(new CompletionException(new ConnectException("refused"))))
                .as("wrapped").isTrue();
        assertThat(DeliveryRequestConsumer.unreachable(
                new PgException("terminating connection due to administrator command", "FATAL", "57P01", null)))
                .isTrue();
        assertThat(DeliveryRequestConsumer.unreachable(new PgException("connection failure", "FATAL", "08006", null)))
                .isTrue();
        assertThat(DeliveryRequestConsumer.unreachable(new NotLeaderOrFollowerException("moved"))).isTrue();
    }

    @Test
    void faultsOfTheRecordOrTheCodeAreNot() {
        assertThat(DeliveryRequestConsumer.unreachable(new UndeliverableRequest("unusable"))).isFalse();
        assertThat(DeliveryRequestConsumer.unreachable(
                new PgException("invalid input syntax for type uuid", "ERROR", "22P02", null))).isFalse();
        assertThat(DeliveryRequestConsumer.unreachable(new InvalidTopicException("bad name"))).isFalse();
        assertThat(DeliveryRequestConsumer.unreachable(new IllegalStateException("a bug"))).isFalse();
    }
}
