package io.tidings.contacts.importing;

import java.util.List;
import java.util.Map;

/** The rows of a job's report pages: rejected rows, and repaired rows with what was changed. */
public final class RowReport {
    private RowReport() {
    }

    /** A rejected row: {@code {"line", "raw", "reason", "message"}}. */
    public record Rejected(long line, String raw, String reason, String message) {
    }

    /** A repaired row: its line and raw text, the address stored, and each change as {@code {"code", "message"}}. */
    public record Repaired(long line, String raw, String email, List<Map<String, Object>> changes) {
    }
}
