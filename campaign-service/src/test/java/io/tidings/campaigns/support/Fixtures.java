package io.tidings.campaigns.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidings.testing.Contracts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/** Field names of contract fixtures and of produced events, to compare one with the other. */
public final class Fixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    public static JsonNode read(String fixture) {
        try {
            return JSON.readTree(Contracts.fixture(fixture));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every field path of the fixture's objects, e.g. {@code sender.rate.limit}; maps under "fields" excluded. */
    public static Set<String> fieldPaths(String fixture) {
        return fieldPaths(read(fixture));
    }

    public static Set<String> fieldPaths(JsonNode node) {
        Set<String> paths = new TreeSet<>();
        collect(node, "", paths);
        return paths;
    }

    private static void collect(JsonNode node, String prefix, Set<String> paths) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            String path = prefix + name;
            paths.add(path);
            JsonNode child = node.get(name);
            boolean freeFormMap = name.equals("fields") || name.equals("counts");
            if (child.isObject() && !freeFormMap) {
                collect(child, path + ".", paths);
            }
        }
    }
}
