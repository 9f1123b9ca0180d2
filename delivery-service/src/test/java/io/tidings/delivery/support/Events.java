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
        return control;
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
