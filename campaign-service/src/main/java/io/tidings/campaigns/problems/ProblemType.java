package io.tidings.campaigns.problems;

/** The problem slugs of docs/DESIGN.md with their HTTP status and title. */
public enum ProblemType {
    UNAUTHORIZED("unauthorized", 401, "Unauthorized"),
    FORBIDDEN("forbidden", 403, "Forbidden"),
    NOT_FOUND("not-found", 404, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", 406, "Not acceptable"),
    VALIDATION("validation", 400, "Invalid request"),
    UNPROCESSABLE("unprocessable", 422, "Unprocessable request"),
    CONFLICT("conflict", 409, "Conflict"),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    UNAVAILABLE("unavailable", 503, "Service unavailable"),
    INTERNAL("internal", 500, "Internal error");

    private final String slug;
    private final int status;
    private final String title;

    ProblemType(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public String uri() {
        return "urn:tidings:problem:" + slug;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The type for an HTTP status the framework chose (an unknown path, a wrong method...). */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL : VALIDATION;
    }
}
