package de.patientenversand.upload.tus;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code Upload-Metadata} header: comma-separated pairs of a key and a base64 value (the
 * value may be missing). Malformed input yields empty, never an exception, so a broken header
 * becomes a 400. Values are decoded as UTF-8 and, when the bytes are not valid UTF-8, as Latin-1
 * (as file names of multipart uploads are, DESIGN.md section 6), never with replacement characters.
 */
final class UploadMetadata {
    private static final int MAX_HEADER = 4096;

    private UploadMetadata() {
    }

    static Optional<Map<String, String>> parse(String header) {
        Map<String, String> values = new HashMap<>();
        if (header == null || header.isBlank()) {
            return Optional.of(values);
        }
        if (header.length() > MAX_HEADER) {
            return Optional.empty();
        }
        for (String pair : header.split(",")) {
            String[] parts = pair.strip().split(" ", -1);
            if (parts.length > 2 || parts[0].isEmpty() || values.containsKey(parts[0])) {
                return Optional.empty();
            }
            String value = "";
            if (parts.length == 2) {
                try {
                    value = text(Base64.getDecoder().decode(parts[1]));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
            values.put(parts[0], value);
        }
        return Optional.of(values);
    }

    private static String text(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
