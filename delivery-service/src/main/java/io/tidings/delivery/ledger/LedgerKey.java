package io.tidings.delivery.ledger;

import java.util.UUID;

/** What identifies a ledger row: a recipient's generation. */
public record LedgerKey(UUID recipientId, int generation) {
}
