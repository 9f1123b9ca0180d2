package io.tidings.campaigns.senders;

/** A sender's sending rate: at most {@code limit} mails {@code per} ISO-8601 duration, in bursts of {@code burst}. */
public record Rate(Integer limit, String per, Integer burst) {
}
