package io.tidings.contacts.contact;

import io.smallrye.mutiny.Uni;
import io.tidings.contacts.address.AddressCheck;
import io.tidings.contacts.address.AddressVerdict;
import io.tidings.contacts.paging.Page;
import io.tidings.contacts.paging.PageRequest;
import io.tidings.contacts.problem.FieldError;
import io.tidings.contacts.problem.ProblemException;
import io.tidings.contacts.suppression.SuppressionRelay;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Contacts of one project: validates input, then creates, reads, changes and erases them; a status change or an
 * erasure is announced on contacts.suppressions through the outbox.
 */
@ApplicationScoped
public class ContactService {
    private final ContactRepository contacts;
    private final SuppressionRelay suppressions;

    public ContactService(ContactRepository contacts, SuppressionRelay suppressions) {
        this.contacts = contacts;
        this.suppressions = suppressions;
    }

    public Uni<Contact> create(UUID projectId, NewContact input) {
        if (input == null) {
            throw ProblemException.invalid("body", "a contact is required");
        }
        List<FieldError> errors = new ArrayList<>();
        AddressVerdict verdict = AddressCheck.check(input.email() == null ? null : input.email().strip());
        if (verdict instanceof AddressVerdict.Invalid invalid) {
            errors.add(FieldError.field("email", invalid.fault().name() + ": " + invalid.message()));
        }
        NewContact cleaned = new NewContact(input.email(),
                ContactInput.name("firstName", input.firstName(), errors),
                ContactInput.name("lastName", input.lastName(), errors),
                null, null, input.status());
        Map<String, Object> fields = ContactInput.fields(input.fields(), errors);
        fields.values().removeIf(v -> v == null);
        List<String> tags = Tags.clean("tags", input.tags(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        var address = ((AddressVerdict.Valid) verdict).address();
        return contacts.insert(projectId, address, cleaned, tags, new JsonObject(fields))
                .onItem().ifNull().failWith(() -> ProblemException.conflict("email",
                        "a contact with the address " + address.normalized() + " already exists"))
                .invoke(created -> {
                    if (created.status() != ContactStatus.SUBSCRIBED) {
                        suppressions.publishSoon();
                    }
                });
    }

    public Uni<Contact> get(UUID projectId, String id) {
        return contacts.find(projectId, parseId(id)).onItem().ifNull().failWith(ContactService::notFound);
    }

    public Uni<Page<Contact>> list(UUID projectId, String tag, String status, PageRequest<UUID> page) {
        List<ContactStatus> statuses = status == null || status.isBlank()
                ? List.of() : ContactStatus.parseList("status", Tags.split(status));
        String tagFilter = tag == null || tag.isBlank() ? null : tag.strip();
        return contacts.list(projectId, tagFilter, statuses, page)
                .map(items -> Page.of(items, page.limit(), c -> c.id().toString()));
    }

    public Uni<Contact> change(UUID projectId, String id, ContactChanges changes) {
        JsonObject fieldsPatch = changes.fields() == null ? null : new JsonObject(changes.fields());
        return contacts.update(projectId, parseId(id), changes, fieldsPatch)
                .onItem().ifNull().failWith(ContactService::notFound)
                .invoke(changed -> {
                    if (changes.status() != null) {
                        suppressions.publishSoon();
                    }
                });
    }

    public Uni<Void> erase(UUID projectId, String id) {
        return contacts.delete(projectId, parseId(id))
                .invoke(deleted -> {
                    if (!deleted) {
                        throw notFound();
                    }
                    suppressions.publishSoon();
                })
                .replaceWithVoid();
    }

    /** A malformed id names no contact: it is a 404 like any unknown id. */
    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("contact");
    }
}
