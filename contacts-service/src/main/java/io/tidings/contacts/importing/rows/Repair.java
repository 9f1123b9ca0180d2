package io.tidings.contacts.importing.rows;

/** One change an import made to a row, as {@code {"code", "message"}}. */
public record Repair(RepairKind code, String message) {

    static Repair of(RepairKind kind) {
        return new Repair(kind, kind.summary());
    }

    static Repair of(RepairKind kind, String detail) {
        return new Repair(kind, kind.summary() + ": " + detail);
    }
}
