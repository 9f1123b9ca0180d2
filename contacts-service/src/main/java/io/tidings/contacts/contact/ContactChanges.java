package io.tidings.contacts.contact;

import java.util.List;
import java.util.Map;

/**
 * A validated PATCH (JSON merge patch semantics): a null component is left as it is; {@code clearFirstName}
 * and {@code clearLastName} say an explicit null erases the name; {@code fields} is merged, a null value
 * removing that key; {@code tags} replaces the tag set.
 */
public record ContactChanges(
        String firstName, boolean clearFirstName,
        String lastName, boolean clearLastName,
        Map<String, Object> fields,
        List<String> tags,
        ContactStatus status) {
}
