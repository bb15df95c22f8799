package de.patientenversand.upload;

import java.time.Duration;

/**
 * Every limit the upload server enforces (DESIGN.md section 6), set explicitly so that no limit
 * comes from a library default that may change with an upgrade (upload case T18).
 *
 * @param maxFileBytes          per file, checked while streaming
 * @param maxFilesPerSubmission files in one submission (one multipart request)
 * @param maxSenderChars        the optional "sender" field
 * @param maxMessageChars       the optional "message" field
 * @param diskReserveBytes      free disk that must remain beyond the file
 * @param maxConcurrentUploads  uploads in progress at once; more get 503 with Retry-After
 * @param idleTimeout           no byte for this long closes the connection
 * @param minRateBytesPerSecond slower than this over {@code rateWindow} closes the connection
 * @param rateWindow            window of the minimum rate
 * @param maxHeaderBytes        request line and headers; more get 431
 * @param maxParts              multipart parts per request
 * @param maxPartHeaderBytes    header block of one multipart part
 * @param sniffBytes            bytes held in memory to detect the type before the vault writer starts
 * @param failedLookupsAllowed  failed token lookups per client address and window before 429
 * @param failedLookupWindow    window of the failed-lookup counter
 * @param maxRequestsPerClient  link requests in progress per client address (IPv6 per /64), uploads
 *                              among them; more get 503 busy with Retry-After ({@link ClientShare})
 */
public record UploadLimits(long maxFileBytes, int maxFilesPerSubmission, int maxSenderChars, int maxMessageChars,
                           long diskReserveBytes, int maxConcurrentUploads, Duration idleTimeout,
                           long minRateBytesPerSecond, Duration rateWindow, int maxHeaderBytes, int maxParts,
                           int maxPartHeaderBytes, int sniffBytes, int failedLookupsAllowed,
                           Duration failedLookupWindow, int maxRequestsPerClient) {

    public static final long MIB = 1024L * 1024L;

    public static UploadLimits defaults() {
        return new UploadLimits(50 * MIB, 20, 200, 10_000, 200 * MIB, 32, Duration.ofSeconds(30),
                1024, Duration.ofSeconds(30), 16 * 1024, 1_000, 16 * 1024, 8 * 1024, 10, Duration.ofMinutes(10), 8);
    }

    /** The largest request body that can be legitimate: every file at its limit plus fields and framing. */
    public long maxRequestBytes() {
        return maxFilesPerSubmission * (maxFileBytes + maxPartHeaderBytes + 256L)
                + 4L * (maxSenderChars + maxMessageChars) + 64 * 1024L;
    }

    public UploadLimits withMaxFileBytes(long bytes) {
        return new UploadLimits(bytes, maxFilesPerSubmission, maxSenderChars, maxMessageChars, diskReserveBytes,
                maxConcurrentUploads, idleTimeout, minRateBytesPerSecond, rateWindow, maxHeaderBytes, maxParts,
                maxPartHeaderBytes, sniffBytes, failedLookupsAllowed, failedLookupWindow, maxRequestsPerClient);
    }

    public UploadLimits withMaxFiles(int files) {
        return new UploadLimits(maxFileBytes, files, maxSenderChars, maxMessageChars, diskReserveBytes,
                maxConcurrentUploads, idleTimeout, minRateBytesPerSecond, rateWindow, maxHeaderBytes, maxParts,
                maxPartHeaderBytes, sniffBytes, failedLookupsAllowed, failedLookupWindow, maxRequestsPerClient);
    }

    public UploadLimits withDiskReserveBytes(long bytes) {
        return new UploadLimits(maxFileBytes, maxFilesPerSubmission, maxSenderChars, maxMessageChars, bytes,
                maxConcurrentUploads, idleTimeout, minRateBytesPerSecond, rateWindow, maxHeaderBytes, maxParts,
                maxPartHeaderBytes, sniffBytes, failedLookupsAllowed, failedLookupWindow, maxRequestsPerClient);
    }

    public UploadLimits withMaxConcurrentUploads(int uploads) {
        return new UploadLimits(maxFileBytes, maxFilesPerSubmission, maxSenderChars, maxMessageChars,
                diskReserveBytes, uploads, idleTimeout, minRateBytesPerSecond, rateWindow, maxHeaderBytes, maxParts,
                maxPartHeaderBytes, sniffBytes, failedLookupsAllowed, failedLookupWindow, maxRequestsPerClient);
    }

    public UploadLimits withTimeouts(Duration idle, long minRate, Duration window) {
        return new UploadLimits(maxFileBytes, maxFilesPerSubmission, maxSenderChars, maxMessageChars,
                diskReserveBytes, maxConcurrentUploads, idle, minRate, window, maxHeaderBytes, maxParts,
                maxPartHeaderBytes, sniffBytes, failedLookupsAllowed, failedLookupWindow, maxRequestsPerClient);
    }

    public UploadLimits withMaxParts(int parts) {
        return new UploadLimits(maxFileBytes, maxFilesPerSubmission, maxSenderChars, maxMessageChars,
                diskReserveBytes, maxConcurrentUploads, idleTimeout, minRateBytesPerSecond, rateWindow,
                maxHeaderBytes, parts, maxPartHeaderBytes, sniffBytes, failedLookupsAllowed, failedLookupWindow,
                maxRequestsPerClient);
    }

    public UploadLimits withFailedLookups(int allowed, Duration window) {
        return new UploadLimits(maxFileBytes, maxFilesPerSubmission, maxSenderChars, maxMessageChars,
                diskReserveBytes, maxConcurrentUploads, idleTimeout, minRateBytesPerSecond, rateWindow,
                maxHeaderBytes, maxParts, maxPartHeaderBytes, sniffBytes, allowed, window, maxRequestsPerClient);
    }

    public UploadLimits withMaxRequestsPerClient(int requests) {
        return new UploadLimits(maxFileBytes, maxFilesPerSubmission, maxSenderChars, maxMessageChars,
                diskReserveBytes, maxConcurrentUploads, idleTimeout, minRateBytesPerSecond, rateWindow,
                maxHeaderBytes, maxParts, maxPartHeaderBytes, sniffBytes, failedLookupsAllowed, failedLookupWindow,
                requests);
    }
}
