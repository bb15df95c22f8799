package de.patientenversand.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.patientenversand.common.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The adoption MAC. age does not say who wrote a file: anyone with the public key can make a
 * valid blob. When the unlocked app has checked a document it records HMAC-SHA256 under a key
 * derived from the identity over id, sealed metadata and hash — in the row and in
 * {@code <id>.mac} — so a rebuild or restore can tell documents the patient's app accepted
 * from files that were slipped in later.
 */
final class DocumentMac {
    static final String PURPOSE = "document-mac v1";
    static final int FILE_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecretKeySpec key;
    /** Initialised once; each MAC starts from a clone (no provider look-up and key set-up per document). */
    private final Mac prototype;

    DocumentMac(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
        java.util.Arrays.fill(key, (byte) 0);
        this.prototype = initialised(this.key);
    }

    private static Mac initialised(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Mac fresh() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            return initialised(key);
        }
    }

    String compute(String id, byte[] metadataJson, String sha256) {
        Mac mac = fresh();
        field(mac, "patientenversand document-mac v1".getBytes(StandardCharsets.US_ASCII));
        field(mac, id.getBytes(StandardCharsets.US_ASCII));
        field(mac, metadataJson);
        field(mac, sha256.getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(mac.doFinal());
    }

    boolean check(String id, byte[] metadataJson, String sha256, String expected) {
        if (expected == null) {
            return false;
        }
        return MessageDigest.isEqual(compute(id, metadataJson, sha256).getBytes(StandardCharsets.US_ASCII),
                expected.getBytes(StandardCharsets.US_ASCII));
    }

    /** Length-prefixed, so no two different inputs give the same MAC input. */
    private static void field(Mac mac, byte[] value) {
        mac.update(ByteBuffer.allocate(8).putLong(value.length).array());
        mac.update(value);
    }

    static void writeFile(Path file, String id, String mac) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("version", FILE_VERSION);
        n.put("id", id);
        n.put("algorithm", "HMAC-SHA256");
        n.put("mac", mac);
        OwnerOnlyFiles.writeAtomically(file, JSON.writeValueAsBytes(n));
    }

    /** The MAC recorded in a {@code .mac} file, or {@code null} if missing or unreadable. */
    static String readFile(Path file, String id) {
        try {
            JsonNode n = JSON.readTree(Files.readAllBytes(file));
            if (n.path("version").asInt() == FILE_VERSION && id.equals(n.path("id").asText())) {
                return n.path("mac").asText(null);
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
