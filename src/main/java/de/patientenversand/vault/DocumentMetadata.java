package de.patientenversand.vault;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;

/**
 * The sealed metadata of one document (JSON inside {@code <id>.meta.age} and the row's
 * {@code sealed_meta}; format in docs/formats.md). Everything personal about a document is
 * here, so {@code serve} writes it sealed and never needs to read it back.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DocumentMetadata(int version, String id, String name, String sender, String message, String type,
                               long size, String sha256, String submission, String linkId, String linkLabel,
                               String receivedAt) {
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final com.fasterxml.jackson.databind.ObjectReader READER = JSON.readerFor(DocumentMetadata.class);

    static DocumentMetadata of(String id, IncomingDocument doc, long size, String sha256, Instant receivedAt) {
        return new DocumentMetadata(VERSION, id, doc.name(), nullToEmpty(doc.sender()), nullToEmpty(doc.message()),
                doc.type(), size, sha256, doc.submissionId(), doc.linkId(), doc.linkLabel(), receivedAt.toString());
    }

    byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static DocumentMetadata fromJson(byte[] json) throws DamagedException {
        try {
            DocumentMetadata m = READER.readValue(json);
            if (m.version() != VERSION || !Ids.valid(m.id()) || m.sha256() == null) {
                throw new DamagedException("metadata of an unknown version or incomplete");
            }
            return m;
        } catch (IOException e) {
            throw new DamagedException("metadata is not readable", e);
        }
    }

    Instant receivedInstant() {
        return Timestamps.parse(receivedAt);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
