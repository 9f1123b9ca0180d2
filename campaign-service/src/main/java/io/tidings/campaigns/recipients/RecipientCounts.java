package io.tidings.campaigns.recipients;

import io.vertx.mutiny.sqlclient.Row;

/** How many recipients a campaign has in each status, kept up to date with every transition. */
public record RecipientCounts(long total, long pending, long queued, long sent, long deferred, long bounced,
        long failed, long suppressed, long cancelled, long unknown) {

    /** The columns to select from {@code campaigns.recipient_counts k}. */
    public static final String COLUMNS = "k.total, k.pending, k.queued, k.sent, k.deferred, k.bounced, k.failed, "
            + "k.suppressed, k.cancelled, k.unknown";

    public static RecipientCounts read(Row row) {
        return new RecipientCounts(row.getLong("total"), row.getLong("pending"), row.getLong("queued"),
                row.getLong("sent"), row.getLong("deferred"), row.getLong("bounced"), row.getLong("failed"),
                row.getLong("suppressed"), row.getLong("cancelled"), row.getLong("unknown"));
    }
}
