package io.tidings.contacts.contact;

import java.util.List;
import java.util.Map;

/** The body of {@code POST /api/v1/contacts}. */
public record NewContact(
        String email,
        String firstName,
        String lastName,
        Map<String, Object> fields,
        List<String> tags,
        ContactStatus status) {
}
