package io.tidings.campaigns.recipients;

import java.util.Locale;

/** Where one recipient of a campaign stands (ARCHITECTURE.md, "A recipient's life"). */
public enum RecipientStatus {
    PENDING(false), QUEUED(false), SENT(true), DEFERRED(false), BOUNCED(true), FAILED(true), SUPPRESSED(true),
    CANCELLED(true), UNKNOWN(true);

    /** SQL list of the terminal statuses, for {@code status IN (...)}. */
    public static final String TERMINAL_SQL = "('SENT', 'BOUNCED', 'FAILED', 'SUPPRESSED', 'CANCELLED', 'UNKNOWN')";

    private final boolean terminal;

    RecipientStatus(boolean terminal) {
        this.terminal = terminal;
    }

    /** A terminal status never changes again, except by an explicit retry with a new generation. */
    public boolean isTerminal() {
        return terminal;
    }

    /** The column of {@code campaigns.recipient_counts} that counts this status. */
    public String countColumn() {
        return name().toLowerCase(Locale.ROOT);
    }
}
