package io.tidings.contacts.importing.rows;

import io.tidings.contacts.address.EmailAddress;
import java.util.List;
import java.util.Map;

/** A data row accepted for import: a valid address, names, custom fields, tags, and what was repaired. */
public record ImportRow(
        long line,
        EmailAddress address,
        String firstName,
        String lastName,
        Map<String, String> fields,
        List<String> tags,
        String raw,
        List<Repair> repairs) {

    public boolean repaired() {
        return !repairs.isEmpty();
    }
}
