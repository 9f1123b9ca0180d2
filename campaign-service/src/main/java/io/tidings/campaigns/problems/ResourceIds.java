package io.tidings.campaigns.problems;

import java.util.UUID;

/** Reads an id from a path: anything that is not a UUID names nothing, so it is a 404 like an unknown id. */
public final class ResourceIds {
    private ResourceIds() {
    }

    public static UUID parse(String raw, String what) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.notFound(what);
        }
    }
}
