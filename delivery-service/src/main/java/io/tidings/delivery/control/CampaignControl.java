package io.tidings.delivery.control;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.tidings.delivery.kafka.EventProblems;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The latest content, sender and state of a campaign, read from the compacted {@code campaign.control} topic
 * (fixture {@code campaign.control/v1.json}); a tolerant reader: fields it does not use are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CampaignControl(
        Integer version,
        UUID eventId,
        String type,
        UUID projectId,
        Instant occurredAt,
        UUID campaignId,
        CampaignState state,
        Sender sender,
        Content content) {

    public static final String TYPE = "CampaignControl";

    /** Who a campaign's mail comes from. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Sender(UUID id, String name, String fromEmail, String fromName, String replyTo, Rate rate) {
    }

    /** A sender's rate: {@code limit} sends per ISO-8601 duration {@code per}, and a burst (null: one second's). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Rate(Integer limit, String per, Integer burst) {

        /** Sends per second, or null when the rate is unusable. */
        public Double perSecond() {
            try {
                double seconds = java.time.Duration.parse(per).toMillis() / 1000.0;
                return limit == null || limit <= 0 || seconds <= 0 ? null : limit / seconds;
            } catch (RuntimeException e) {
                return null;
            }
        }

        /** The burst, by default the tokens of one second, at least 1. */
        public int burstOrDefault() {
            Double perSecond = perSecond();
            int oneSecond = perSecond == null ? 1 : (int) Math.floor(perSecond);
            return Math.max(1, burst == null ? oneSecond : burst);
        }
    }

    /** A campaign's templates, with merge fields such as {@code {contact.firstName}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Content(String subject, String textBody, String htmlBody) {
    }

    /** What makes this record unusable (version, type, missing fields); empty when it is fine. */
    public List<String> problems() {
        return EventProblems.envelope(version, type, TYPE)
                .require("projectId", projectId)
                .require("campaignId", campaignId)
                .require("state", state)
                .require("sender.fromEmail", sender == null ? null : sender.fromEmail())
                .when(sender != null && sender.id() == null, "sender.id is missing")
                .when(sender != null && sender.rate() != null && sender.rate().perSecond() == null,
                        "sender.rate is not a positive limit per ISO-8601 duration")
                .when(content == null || content.subject() == null, "content.subject is missing")
                .list();
    }
}
