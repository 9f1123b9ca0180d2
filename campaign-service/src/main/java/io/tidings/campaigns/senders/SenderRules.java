package io.tidings.campaigns.senders;

import com.sanctionco.jmail.JMail;
import io.tidings.campaigns.paging.TimeOrderedIds;
import io.tidings.campaigns.problems.FieldErrors;
import io.tidings.campaigns.problems.HeaderValues;
import io.tidings.campaigns.problems.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Checks a sender request and turns it into a new {@link Sender}, defaulting the burst. */
public final class SenderRules {
    static final int MAX_NAME = 200;

    private SenderRules() {
    }

    public static Sender newSender(SenderRequest request) {
        if (request == null) {
            throw ProblemException.invalid("body", "is required");
        }
        FieldErrors errors = new FieldErrors();
        requireText(errors, "name", request.name());
        checkHeaderText(errors, "name", request.name());
        checkHeaderText(errors, "fromName", request.fromName());
        if (request.fromEmail() == null || request.fromEmail().isBlank()) {
            errors.invalid("fromEmail", "is required");
        } else if (!isAddress(request.fromEmail())) {
            errors.invalid("fromEmail", "is not an email address");
        }
        if (request.replyTo() != null && !isAddress(request.replyTo())) {
            errors.invalid("replyTo", "is not an email address");
        }
        Rate rate = request.rate();
        Duration per = null;
        if (rate == null) {
            errors.invalid("rate", "is required");
        } else {
            if (rate.limit() == null || rate.limit() < 1) {
                errors.invalid("rate.limit", "must be a whole number of at least 1");
            }
            per = period(errors, rate.per());
            if (rate.burst() != null && rate.burst() < 1) {
                errors.invalid("rate.burst", "must be a whole number of at least 1");
            }
        }
        errors.throwIfAny();
        int burst = rate.burst() != null ? rate.burst() : oneSecondOfTokens(rate.limit(), per);
        return new Sender(TimeOrderedIds.next(), request.name().trim(), request.fromEmail().trim(), request.fromName(),
                request.replyTo() == null ? null : request.replyTo().trim(), new Rate(rate.limit(), rate.per(), burst),
                null, Instant.now());
    }

    /** The tokens one second earns at this rate, rounded up, at least 1. */
    static int oneSecondOfTokens(int limit, Duration per) {
        double perSecond = limit * 1_000_000_000d / per.toNanos();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceil(perSecond)));
    }

    private static Duration period(FieldErrors errors, String per) {
        if (per == null || per.isBlank()) {
            errors.invalid("rate.per", "is required (an ISO-8601 duration such as PT1H)");
            return null;
        }
        try {
            Duration duration = Duration.parse(per);
            if (duration.isZero() || duration.isNegative()) {
                errors.invalid("rate.per", "must be a positive ISO-8601 duration such as PT1H");
                return null;
            }
            return duration;
        } catch (DateTimeParseException e) {
            errors.invalid("rate.per", "must be a positive ISO-8601 duration such as PT1H");
            return null;
        }
    }

    private static boolean isAddress(String value) {
        return JMail.isValid(value.trim());
    }

    private static void requireText(FieldErrors errors, String field, String value) {
        if (value == null || value.isBlank()) {
            errors.invalid(field, "is required");
        } else if (value.length() > MAX_NAME) {
            errors.invalid(field, "must be at most " + MAX_NAME + " characters");
        }
    }

    private static void checkHeaderText(FieldErrors errors, String field, String value) {
        if (HeaderValues.breaksHeader(value)) {
            errors.unacceptable(field, HeaderValues.MESSAGE);
        }
    }
}
