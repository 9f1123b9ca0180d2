package io.tidings.campaigns.senders;

import java.time.Instant;
import java.util.UUID;

/** A from-address of a project with its rate; {@code blockedReason} is set while a policy block stands. */
public record Sender(UUID id, String name, String fromEmail, String fromName, String replyTo, Rate rate,
        String blockedReason, Instant createdAt) {
}
