package io.tidings.campaigns.campaigns;

import io.smallrye.mutiny.Uni;
import io.tidings.campaigns.contacts.Segments;
import io.tidings.campaigns.paging.TimeOrderedIds;
import io.tidings.campaigns.problems.FieldErrors;
import io.tidings.campaigns.problems.HeaderValues;
import io.tidings.campaigns.problems.ProblemException;
import io.tidings.campaigns.recipients.RecipientCounts;
import io.tidings.campaigns.senders.SenderRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/** Creates a DRAFT campaign once its fields, templates, sender and segment are all acceptable. */
@ApplicationScoped
public class CampaignCreation {
    private static final RecipientCounts NONE = new RecipientCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    private final CampaignRepository campaigns;
    private final SenderRepository senders;
    private final Segments segments;

    public CampaignCreation(CampaignRepository campaigns, SenderRepository senders, Segments segments) {
        this.campaigns = campaigns;
        this.senders = senders;
        this.segments = segments;
    }

    public Uni<Campaign> create(UUID projectId, CampaignRequest request) {
        Campaign draft = checked(projectId, request);
        return senders.find(projectId, draft.senderId())
                .onItem().ifNull().failWith(() -> ProblemException.unprocessable("senderId", "names no sender of this project"))
                .chain(sender -> segments.exists(projectId, draft.segmentId()))
                .invoke(exists -> {
                    if (!exists) {
                        throw ProblemException.unprocessable("segmentId", "names no segment of this project");
                    }
                })
                .chain(() -> campaigns.insert(draft))
                .replaceWith(draft);
    }

    private static Campaign checked(UUID projectId, CampaignRequest request) {
        if (request == null) {
            throw ProblemException.invalid("body", "is required");
        }
        FieldErrors errors = new FieldErrors();
        if (isBlank(request.name())) {
            errors.invalid("name", "is required");
        }
        UUID senderId = id(errors, "senderId", request.senderId());
        UUID segmentId = id(errors, "segmentId", request.segmentId());
        if (isBlank(request.subject())) {
            errors.invalid("subject", "is required");
        }
        if (isBlank(request.textBody()) && isBlank(request.htmlBody())) {
            errors.invalid("textBody", "or htmlBody is required");
        }
        if (HeaderValues.breaksHeader(request.subject())) {
            errors.unacceptable("subject", HeaderValues.MESSAGE);
        }
        template(errors, "subject", request.subject());
        template(errors, "textBody", request.textBody());
        template(errors, "htmlBody", request.htmlBody());
        errors.throwIfAny();
        Instant now = Instant.now();
        return new Campaign(TimeOrderedIds.next(), projectId, request.name().trim(), senderId, segmentId,
                request.subject(), blankToNull(request.textBody()), blankToNull(request.htmlBody()),
                CampaignState.DRAFT, null, 0, NONE, now, now, null, null);
    }

    private static void template(FieldErrors errors, String field, String template) {
        if (!isBlank(template)) {
            String problem = MergeFieldTemplates.problem(field, template);
            if (problem != null) {
                errors.unacceptable(field, problem);
            }
        }
    }

    private static UUID id(FieldErrors errors, String field, String value) {
        if (isBlank(value)) {
            errors.invalid(field, "is required");
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            errors.invalid(field, "must be an id (UUID)");
            return null;
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String blankToNull(String value) {
        return isBlank(value) ? null : value;
    }
}
