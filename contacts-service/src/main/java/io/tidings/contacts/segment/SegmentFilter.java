package io.tidings.contacts.segment;

import io.tidings.contacts.contact.ContactStatus;
import io.tidings.contacts.persistence.SqlConditions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Which contacts belong to a segment: all of {@code tagsAll}, at least one of {@code tagsAny}, none of
 * {@code tagsNone}, and a status among {@code status}. Empty tag lists do not filter.
 */
public record SegmentFilter(List<String> tagsAll, List<String> tagsAny, List<String> tagsNone, List<ContactStatus> status) {

    /** Adds this filter's conditions on {@code contacts.contact} (the GIN index on tags serves them). */
    public SqlConditions appendTo(SqlConditions where) {
        where.add("status = ANY(?::text[])", (Object) status.stream().map(Enum::name).toArray(String[]::new));
        if (!tagsAll.isEmpty()) {
            where.add("tags @> ?::text[]", (Object) tagsAll.toArray(String[]::new));
        }
        if (!tagsAny.isEmpty()) {
            where.add("tags && ?::text[]", (Object) tagsAny.toArray(String[]::new));
        }
        if (!tagsNone.isEmpty()) {
            where.add("NOT (tags && ?::text[])", (Object) tagsNone.toArray(String[]::new));
        }
        return where;
    }

    JsonObject toJson() {
        return new JsonObject()
                .put("tagsAll", new JsonArray(tagsAll))
                .put("tagsAny", new JsonArray(tagsAny))
                .put("tagsNone", new JsonArray(tagsNone))
                .put("status", new JsonArray(status.stream().map(Enum::name).toList()));
    }

    static SegmentFilter fromJson(JsonObject json) {
        return new SegmentFilter(strings(json, "tagsAll"), strings(json, "tagsAny"), strings(json, "tagsNone"),
                strings(json, "status").stream().map(ContactStatus::valueOf).toList());
    }

    private static List<String> strings(JsonObject json, String key) {
        JsonArray array = json.getJsonArray(key);
        return array == null ? List.of() : array.stream().map(String::valueOf).toList();
    }
}
