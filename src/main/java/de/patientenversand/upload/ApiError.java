package de.patientenversand.upload;

/**
 * The error codes of DESIGN.md section 6 with their HTTP status. The code is stable for clients;
 * the human text comes from the message bundle ({@code upload.error.<code>}).
 */
public enum ApiError {
    NO_FILES("no_files", 400),
    EMPTY_FILE("empty_file", 400),
    BAD_REQUEST("bad_request", 400),
    TOO_MANY_FILES("too_many_files", 400),
    FIELD_TOO_LONG("field_too_long", 400),
    QUOTA_EXCEEDED("quota_exceeded", 403),
    LINK_UNKNOWN("link_unknown", 404),
    NOT_FOUND("not_found", 404),
    METHOD_NOT_ALLOWED("method_not_allowed", 405),
    TIMEOUT("timeout", 408),
    LINK_EXPIRED("link_expired", 410),
    LINK_REVOKED("link_revoked", 410),
    FILE_TOO_LARGE("file_too_large", 413),
    UNSUPPORTED_TYPE("unsupported_type", 415),
    TOO_MANY_REQUESTS("too_many_requests", 429),
    HEADERS_TOO_LARGE("headers_too_large", 431),
    INTERNAL("internal_error", 500),
    BUSY("busy", 503),
    INSUFFICIENT_STORAGE("insufficient_storage", 507),
    // resumable uploads (tus) and submissions
    SUBMISSION_UNKNOWN("submission_unknown", 404),
    SUBMISSION_CLOSED("submission_closed", 409),
    UPLOAD_UNKNOWN("upload_unknown", 404),
    OFFSET_MISMATCH("offset_mismatch", 409),
    UPLOAD_BUSY("upload_busy", 423);

    private final String code;
    private final int status;

    ApiError(String code, int status) {
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String messageKey() {
        return "upload.error." + code;
    }
}
