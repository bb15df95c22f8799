package de.patientenversand.links;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.patientenversand.common.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the upload page shows to the link's holder (label and patient's name), kept in
 * {@code links/<id>.bin} encrypted with AES-256-GCM under the token-derived key for purpose
 * "page". The link id is the associated data, so a file cannot be moved to another link.
 * Format (docs/formats.md): "PVL" 0x01, 12-byte nonce, ciphertext of UTF-8 JSON
 * {@code {"v":1,"label":…,"patientName":…}} with the 16-byte tag.
 */
public final class LinkPageData {
    static final String PURPOSE = "page";
    private static final byte[] MAGIC = {'P', 'V', 'L', 1};
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path folder;
    private final SecureRandom random;

    public record Page(String label, String patientName) {
    }

    public LinkPageData(Path linksFolder, SecureRandom random) {
        this.folder = linksFolder;
        this.random = random;
    }

    public void write(String linkId, String token, Page page) throws IOException {
        ObjectNode node = JSON.createObjectNode().put("v", 1).put("label", page.label())
                .put("patientName", page.patientName());
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        byte[] ct = cipher(Cipher.ENCRYPT_MODE, linkId, token, nonce, JSON.writeValueAsBytes(node));
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + nonce.length + ct.length).put(MAGIC).put(nonce).put(ct);
        OwnerOnlyFiles.createDirectories(folder);
        OwnerOnlyFiles.writeAtomically(file(linkId), out.array());
    }

    /** The page data, or {@code null} if the file is missing or does not open with this token. */
    public Page read(String linkId, String token) throws IOException {
        byte[] all;
        try {
            all = Files.readAllBytes(file(linkId));
        } catch (NoSuchFileException e) {
            return null;
        }
        if (all.length < MAGIC.length + 12 + 16 || !Arrays.equals(all, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return null;
        }
        byte[] nonce = Arrays.copyOfRange(all, MAGIC.length, MAGIC.length + 12);
        byte[] ct = Arrays.copyOfRange(all, MAGIC.length + 12, all.length);
        byte[] plain;
        try {
            plain = cipher(Cipher.DECRYPT_MODE, linkId, token, nonce, ct);
        } catch (IOException e) {
            return null;
        }
        var node = JSON.readTree(plain);
        return new Page(node.path("label").asText(""), node.path("patientName").asText(""));
    }

    public void delete(String linkId) throws IOException {
        Files.deleteIfExists(file(linkId));
    }

    private Path file(String linkId) {
        if (!linkId.matches("[0-9a-f]{16,64}")) {
            throw new IllegalArgumentException("bad link id");
        }
        return folder.resolve(linkId + ".bin");
    }

    private static byte[] cipher(int mode, String linkId, String token, byte[] nonce, byte[] input) throws IOException {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(LinkKeys.derive(token, PURPOSE), "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(linkId.getBytes(StandardCharsets.US_ASCII));
            return c.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IOException("link data does not open", e);
        }
    }
}
