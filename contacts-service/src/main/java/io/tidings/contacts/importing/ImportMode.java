package io.tidings.contacts.importing;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How an import treats an address the project already has: {@code upsert} merges into it and creates the rest,
 * {@code create-only} leaves existing contacts untouched (counted unchanged), {@code update-only} creates nobody
 * (rows for unknown addresses are rejected as NOT_FOUND, so they stay accounted for and visible).
 */
public enum ImportMode {
    UPSERT("upsert"),
    CREATE_ONLY("create-only"),
    UPDATE_ONLY("update-only");

    private final String wire;

    ImportMode(String wire) {
        this.wire = wire;
    }

    /** The name used in the {@code mode} parameter and the job's JSON. */
    public String wire() {
        return wire;
    }

    public static Optional<ImportMode> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(UPSERT);
        }
        String wanted = value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.wire.equals(wanted)).findFirst();
    }
}
