package io.tidings.campaigns.senders;

/** The body of {@code POST /api/v1/senders}, as the client sent it (checked by {@link SenderRules}). */
public record SenderRequest(String name, String fromEmail, String fromName, String replyTo, Rate rate) {
}
