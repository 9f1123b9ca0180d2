package io.tidings.delivery.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidings.testing.Contracts;
import java.util.UUID;

/** Test events made from the contract fixtures, with fresh ids so every test stands alone. */
public final class Events {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Events() {
    }

    /** A {@code campaign.control} record like the fixture's, for another campaign, project and state. */
    public static ObjectNode control(UUID projectId, UUID campaignId, String state) {
        ObjectNode control = fixture("campaign.control/v1.json");
        control.put("eventId", UUID.randomUUID().toString());
        control.put("projectId", projectId.toString());
        control.put("campaignId", campaignId.toString());
        control.put("state", state);
        // a sender of its own with a rate no test reaches, unless a test sets one (see withRate)
        ObjectNode sender = (ObjectNode) control.get("sender");
        sender.put("id", UUID.randomUUID().toString());
        withRate(control, 100_000, "PT1S", 100_000);
        return control;
    }

    /** Sets the control record's sender rate: {@code limit} per ISO-8601 {@code per}, with a burst. */
    public static ObjectNode withRate(ObjectNode control, int limit, String per, int burst) {
        ObjectNode rate = ((ObjectNode) control.get("sender")).putObject("rate");
        rate.put("limit", limit);
        rate.put("per", per);
        rate.put("burst", burst);
        return control;
    }

    /** A {@code contacts.suppressions} record like the fixture's, for another project and address. */
    public static ObjectNode suppression(UUID projectId, String normalizedEmail, boolean suppressed) {
        ObjectNode change = fixture("contacts.suppressions/v1.json");
        change.put("eventId", UUID.randomUUID().toString());
        change.put("projectId", projectId.toString());
        change.put("normalizedEmail", normalizedEmail);
        change.put("suppressed", suppressed);
        return change;
    }

    public static void publishSuppression(JsonNode change) {
        TestKafka.send("contacts.suppressions", change.get("projectId").asText() + ":"
                + change.get("normalizedEmail").asText(), change.toString());
    }

    /** A {@code delivery.requests} record like the fixture's (Anna Schmidt), for another recipient and address. */
    public static ObjectNode request(UUID projectId, UUID campaignId, UUID recipientId, String email) {
        ObjectNode request = fixture("delivery.requests/v1.json");
        request.put("eventId", UUID.randomUUID().toString());
        request.put("projectId", projectId.toString());
        request.put("campaignId", campaignId.toString());
        request.put("recipientId", recipientId.toString());
        request.put("contactId", UUID.randomUUID().toString());
        request.put("email", email);
        request.put("normalizedEmail", email.toLowerCase());
        return request;
    }

    public static ObjectNode fixture(String path) {
        try {
            return (ObjectNode) JSON.readTree(Contracts.fixture(path));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void publishControl(JsonNode control) {
        TestKafka.send("campaign.control", control.get("campaignId").asText(), control.toString());
    }

    public static void publishRequest(JsonNode request) {
        TestKafka.send("delivery.requests", request.get("recipientId").asText(), request.toString());
    }

    /** A unique address at an ASCII domain. */
    public static String address(String name) {
        return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }
}
