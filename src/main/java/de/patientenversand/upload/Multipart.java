package de.patientenversand.upload;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Reads the boundary of a {@code multipart/form-data} Content-Type strictly (T28). */
final class Multipart {
    static final int MAX_BOUNDARY = 70;

    private Multipart() {
    }

    /** The boundary bytes; 400 when the type is not multipart/form-data or the boundary is missing, doubled or too long. */
    static byte[] boundary(String contentType) {
        if (contentType == null) {
            throw UploadException.closing(ApiError.BAD_REQUEST);
        }
        String[] parts = contentType.split(";");
        if (!parts[0].strip().toLowerCase(Locale.ROOT).equals("multipart/form-data")) {
            throw UploadException.closing(ApiError.BAD_REQUEST);
        }
        String boundary = null;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            int eq = p.indexOf('=');
            if (eq < 0 || !p.substring(0, eq).strip().equalsIgnoreCase("boundary")) {
                continue;
            }
            if (boundary != null) {
                throw UploadException.closing(ApiError.BAD_REQUEST);
            }
            String v = p.substring(eq + 1).strip();
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                v = v.substring(1, v.length() - 1);
            }
            boundary = v;
        }
        if (boundary == null || boundary.isEmpty() || boundary.length() > MAX_BOUNDARY) {
            throw UploadException.closing(ApiError.BAD_REQUEST);
        }
        return boundary.getBytes(StandardCharsets.ISO_8859_1);
    }
}
