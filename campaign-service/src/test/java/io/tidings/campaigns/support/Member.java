package io.tidings.campaigns.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** A segment member as the fake contacts-service serves it (item shape of fixture http/segment-members.v1.json). */
public record Member(UUID contactId, String email, String normalizedEmail, String firstName, String lastName,
        String city) {

    /** Members with distinct contacts and addresses. */
    public static List<Member> distinct(int count) {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String email = "Reader" + i + "@Example.com";
            members.add(new Member(UUID.randomUUID(), email, email.toLowerCase(Locale.ROOT), "Reader" + i,
                    i % 3 == 0 ? null : "Number" + i, "City" + i));
        }
        return members;
    }

    /** The same person under another contact id (same normalised address). */
    public Member twin() {
        return new Member(UUID.randomUUID(), email.toUpperCase(Locale.ROOT), normalizedEmail, firstName, lastName, city);
    }

    String json() {
        return "{\"contactId\":\"" + contactId + "\",\"email\":\"" + email + "\",\"normalizedEmail\":\""
                + normalizedEmail + "\",\"firstName\":" + quoted(firstName) + ",\"lastName\":" + quoted(lastName)
                + ",\"fields\":" + (city == null ? "{}" : "{\"city\":\"" + city + "\"}") + "}";
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
