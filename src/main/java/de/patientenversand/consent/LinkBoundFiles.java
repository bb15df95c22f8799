package de.patientenversand.consent;

import de.patientenversand.common.OwnerOnlyFiles;
import de.patientenversand.links.LinkKeys;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Files a link's holder may fetch (the consent PDF, receipts), kept in {@code links/<id>.d/}
 * encrypted with AES-256-GCM under a key derived from the link's token ({@link LinkKeys}, one
 * purpose per kind). The server can write and read them only while a request carries the token;
 * a stolen data dir (which holds just the token's hash) opens none. Link id and file name are the
 * associated data, so a file moved to another link or name does not open.
 * Format (docs/formats.md): "PVB" 0x01, 12-byte nonce, ciphertext with the 16-byte tag.
 */
public final class LinkBoundFiles {
    private static final byte[] MAGIC = {'P', 'V', 'B', 1};
    private final Path linksFolder;
    private final SecureRandom random;

    public LinkBoundFiles(Path linksFolder, SecureRandom random) {
        this.linksFolder = linksFolder;
        this.random = random;
    }

    public void write(String linkId, String token, String purpose, String name, byte[] plain) throws IOException {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        byte[] ct = cipher(Cipher.ENCRYPT_MODE, linkId, token, purpose, name, nonce, plain);
        Path dir = folder(linkId);
        OwnerOnlyFiles.createDirectories(dir);
        OwnerOnlyFiles.writeAtomically(dir.resolve(fileName(name)),
                ByteBuffer.allocate(MAGIC.length + 12 + ct.length).put(MAGIC).put(nonce).put(ct).array());
    }

    /** The plaintext, or {@code null} when the file is missing or does not open with this token. */
    public byte[] read(String linkId, String token, String purpose, String name) throws IOException {
        byte[] all;
        try {
            all = Files.readAllBytes(folder(linkId).resolve(fileName(name)));
        } catch (NoSuchFileException e) {
            return null;
        }
        if (all.length < MAGIC.length + 12 + 16 || !Arrays.equals(all, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return null;
        }
        byte[] nonce = Arrays.copyOfRange(all, MAGIC.length, MAGIC.length + 12);
        try {
            return cipher(Cipher.DECRYPT_MODE, linkId, token, purpose, name, nonce,
                    Arrays.copyOfRange(all, MAGIC.length + 12, all.length));
        } catch (WrongKey e) {
            return null;
        }
    }

    public boolean exists(String linkId, String name) {
        return Files.isRegularFile(folder(linkId).resolve(fileName(name)));
    }

    /** Names of this link's files starting with {@code prefix}, sorted. */
    public List<String> names(String linkId, String prefix) throws IOException {
        Path dir = folder(linkId);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".bin") && n.startsWith(prefix))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        }
    }

    /** Files that may hold personal data must leave with their link. */
    public void delete(String linkId, String name) throws IOException {
        Files.deleteIfExists(folder(linkId).resolve(fileName(name)));
    }

    Path folder(String linkId) {
        if (!linkId.matches("[0-9a-f]{16,64}")) {
            throw new IllegalArgumentException("bad link id");
        }
        return linksFolder.resolve(linkId + ".d");
    }

    private static String fileName(String name) {
        if (!name.matches("[A-Za-z0-9_-]{1,80}")) {
            throw new IllegalArgumentException("bad file name");
        }
        return name + ".bin";
    }

    private static byte[] cipher(int mode, String linkId, String token, String purpose, String name, byte[] nonce,
                                 byte[] input) throws IOException {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(LinkKeys.derive(token, purpose), "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD((linkId + "/" + purpose + "/" + name).getBytes(StandardCharsets.US_ASCII));
            return c.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new WrongKey();
        } catch (GeneralSecurityException e) {
            throw new IOException("link-bound file does not open", e);
        }
    }

    private static final class WrongKey extends IOException {
        WrongKey() {
            super("wrong token");
        }
    }
}
