package io.tidings.delivery.kafka;

import java.util.ArrayList;
import java.util.List;

/**
 * What makes a consumed event unusable, collected field by field: every event starts with its envelope (version 1
 * and its type), then its own required fields. The events' {@code problems()} read as their contract does.
 */
public final class EventProblems {
    private final List<String> problems = new ArrayList<>();

    private EventProblems() {
    }

    /** Starts with the envelope every event of the contracts carries: version 1, and the expected type. */
    public static EventProblems envelope(Integer version, String type, String expectedType) {
        EventProblems check = new EventProblems();
        check.when(version == null || version != 1, "version " + version + " is not 1");
        check.when(!expectedType.equals(type), "type " + type + " is not " + expectedType);
        return check;
    }

    /** A field that must be present (a blank string counts as missing). */
    public EventProblems require(String name, Object value) {
        return when(value == null || value instanceof String s && s.isBlank(), name + " is missing");
    }

    /** A problem, when the condition holds. */
    public EventProblems when(boolean condition, String problem) {
        if (condition) {
            problems.add(problem);
        }
        return this;
    }

    public List<String> list() {
        return problems;
    }
}
