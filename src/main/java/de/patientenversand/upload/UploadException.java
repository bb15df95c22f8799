package de.patientenversand.upload;

/**
 * An expected refusal of a request (too large, wrong type, bad framing...). It carries the API
 * code and the arguments of its message (usually the sanitised file name), never a stack trace
 * for the client. {@code closeConnection} says the rest of the request body must not be read.
 */
public class UploadException extends RuntimeException {
    private final ApiError error;
    private final transient Object[] args;
    private final boolean closeConnection;

    public UploadException(ApiError error, Object... args) {
        this(error, false, (Object[]) args);
    }

    /** A refusal after which the rest of the request body is not read (the connection closes). */
    public static UploadException closing(ApiError error, Object... args) {
        return new UploadException(error, true, args);
    }

    private UploadException(ApiError error, boolean closeConnection, Object[] args) {
        super(error.code(), null, false, false);
        this.error = error;
        this.args = args.clone();
        this.closeConnection = closeConnection;
    }

    public ApiError error() {
        return error;
    }

    public Object[] args() {
        return args.clone();
    }

    public boolean closeConnection() {
        return closeConnection;
    }
}
