package io.tidings.delivery.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidings.delivery.ledger.LedgerEntry;
import io.tidings.delivery.ledger.LedgerStatus;
import io.tidings.delivery.support.DeliveryServiceTest;
import io.tidings.delivery.support.Events;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The producer side of {@code delivery.outcomes}: what we write has the fixtures' field names and meanings. */
@DeliveryServiceTest
class DeliveryOutcomeContractTest {
    @Inject
    ObjectMapper json;

    @Test
    void deferredOutcomeHasTheFixtureFieldsAndItsNextAttempt() throws Exception {
        Instant next = Instant.parse("2026-11-28T10:25:33.001Z");
        JsonNode written = write(entry(LedgerStatus.DEFERRED, 2, 451, "4.3.0",
                "451 4.3.0 Error: queue file write error", next));
        JsonNode fixture = Events.fixture("delivery.outcomes/v1-deferred.json");

        assertThat(names(written)).isEqualTo(names(fixture));
        for (String field : new String[] {"version", "type", "status", "attempt", "smtpCode", "enhancedCode",
                "smtpReply", "messageId", "nextAttemptAt"}) {
            assertThat(written.get(field)).as(field).isEqualTo(fixture.get(field));
        }
    }

    @Test
    void bouncedOutcomeHasTheFixtureFieldsAndNoMessageIdNorNextAttempt() throws Exception {
        JsonNode written = write(entry(LedgerStatus.BOUNCED, 1, 550, "5.1.1",
                "550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown", null));
        JsonNode fixture = Events.fixture("delivery.outcomes/v1-bounced.json");

        assertThat(names(written)).isEqualTo(names(fixture));
        assertThat(written.get("status")).isEqualTo(fixture.get("status"));
        assertThat(written.get("messageId").isNull()).isTrue();
        assertThat(written.get("nextAttemptAt").isNull()).isTrue();
        assertThat(UUID.fromString(written.get("eventId").asText())).isNotNull();
        assertThat(Instant.parse(written.get("occurredAt").asText())).isNotNull();
    }

    private JsonNode write(LedgerEntry entry) throws Exception {
        return json.readTree(json.writeValueAsString(DeliveryOutcome.of(entry)));
    }

    private static LedgerEntry entry(LedgerStatus status, int attempt, int code, String enhanced, String reply,
            Instant next) {
        UUID recipient = UUID.randomUUID();
        return new LedgerEntry(recipient, 1, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                "busy@example.org", "busy@example.org", null, null, Map.of(), status, UUID.randomUUID(),
                Instant.now(), attempt, code, enhanced, reply, "<" + recipient + ".1@tidings.example>", next,
                Instant.now());
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
