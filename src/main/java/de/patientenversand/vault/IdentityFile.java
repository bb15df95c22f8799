package de.patientenversand.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.patientenversand.common.OwnerOnlyFiles;
import de.patientenversand.common.UserException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code identity.key}: the identity wrapped twice with AES-256-GCM, once under a key from the
 * password and once under a key from the recovery code (Argon2id each, parameters and salt
 * stored with each wrapping). The associated data binds each wrapping to its kind and to the
 * public key, so neither can be swapped or edited unnoticed. Format in docs/formats.md.
 */
final class IdentityFile {
    static final String FORMAT = "patientenversand-identity";
    static final int VERSION = 1;
    static final String PASSPHRASE = "passphrase";
    static final String RECOVERY = "recovery";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecureRandom random;

    IdentityFile(SecureRandom random) {
        this.random = random;
    }

    /** Writes a new file with both wrappings (atomically, 0600). */
    void write(Path file, Identity identity, char[] passphrase, char[] recoveryCode, KdfParams kdf) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("recipient", identity.recipient().value());
        ArrayNode wrappings = root.putArray("wrappings");
        wrappings.add(wrap(identity, PASSPHRASE, normalisePassphrase(passphrase), kdf));
        char[] code = RecoveryCode.normalise(recoveryCode);
        wrappings.add(wrap(identity, RECOVERY, code, kdf));
        Arrays.fill(code, '\0');
        OwnerOnlyFiles.writeAtomically(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }

    /** Replaces the password wrapping, keeping the recovery wrapping as it is. */
    void rewrapPassphrase(Path file, Identity identity, char[] newPassphrase, KdfParams kdf) throws IOException {
        ObjectNode root = (ObjectNode) read(file);
        ArrayNode wrappings = (ArrayNode) root.get("wrappings");
        ArrayNode replaced = JSON.createArrayNode();
        replaced.add(wrap(identity, PASSPHRASE, normalisePassphrase(newPassphrase), kdf));
        for (JsonNode w : wrappings) {
            if (!PASSPHRASE.equals(w.path("kind").asText())) {
                replaced.add(w);
            }
        }
        root.set("wrappings", replaced);
        OwnerOnlyFiles.writeAtomically(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }

    /** Unwraps with a password or recovery code; a wrong one gives a clear {@link UserException}. */
    Identity unwrap(Path file, String kind, char[] secret) throws IOException {
        JsonNode root = read(file);
        char[] normalised = RECOVERY.equals(kind) ? RecoveryCode.normalise(secret) : normalisePassphrase(secret);
        String wrongKey = RECOVERY.equals(kind) ? "vault.wrongRecoveryCode" : "vault.wrongPassphrase";
        if (normalised == null) {
            throw new UserException(wrongKey);
        }
        try {
            String recipient = root.path("recipient").asText();
            for (JsonNode w : root.path("wrappings")) {
                if (kind.equals(w.path("kind").asText())) {
                    return unwrapOne(w, kind, recipient, normalised, wrongKey);
                }
            }
            throw new UserException("vault.identityCorrupt");
        } finally {
            Arrays.fill(normalised, '\0');
        }
    }

    private Identity unwrapOne(JsonNode w, String kind, String recipient, char[] secret, String wrongKey) {
        byte[] key = null;
        byte[] plain = null;
        try {
            JsonNode k = w.path("kdf");
            if (!"argon2id".equals(k.path("algorithm").asText()) || k.path("version").asInt() != KdfParams.ARGON2_VERSION
                    || !"AES-256-GCM".equals(w.path("cipher").asText())) {
                throw new UserException("vault.identityCorrupt");
            }
            KdfParams params = new KdfParams(k.path("memoryKiB").asInt(), k.path("iterations").asInt(),
                    k.path("parallelism").asInt());
            byte[] salt = b64(k.path("salt").asText());
            byte[] nonce = b64(w.path("nonce").asText());
            byte[] ct = b64(w.path("ciphertext").asText());
            key = Argon2Kdf.derive(secret, salt, params);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            gcm.updateAAD(aad(kind, recipient));
            plain = gcm.doFinal(ct);
            CharBuffer chars = StandardCharsets.US_ASCII.decode(ByteBuffer.wrap(plain));
            char[] text = new char[chars.remaining()];
            chars.get(text);
            Arrays.fill(chars.array(), '\0');
            return new Identity(text, new Recipient(recipient));
        } catch (AEADBadTagException e) {
            throw new UserException(e, wrongKey);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new UserException(e, "vault.identityCorrupt");
        } finally {
            Argon2Kdf.wipe(key);
            Argon2Kdf.wipe(plain);
        }
    }

    private ObjectNode wrap(Identity identity, String kind, char[] secret, KdfParams kdf) throws IOException {
        byte[] salt = new byte[16];
        byte[] nonce = new byte[12];
        random.nextBytes(salt);
        random.nextBytes(nonce);
        byte[] key = Argon2Kdf.derive(secret, salt, kdf);
        byte[] plain = identity.encoded();
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            gcm.updateAAD(aad(kind, identity.recipient().value()));
            byte[] ct = gcm.doFinal(plain);
            ObjectNode w = JSON.createObjectNode();
            w.put("kind", kind);
            ObjectNode k = w.putObject("kdf");
            k.put("algorithm", "argon2id");
            k.put("version", KdfParams.ARGON2_VERSION);
            k.put("memoryKiB", kdf.memoryKiB());
            k.put("iterations", kdf.iterations());
            k.put("parallelism", kdf.parallelism());
            k.put("salt", Base64.getEncoder().encodeToString(salt));
            w.put("cipher", "AES-256-GCM");
            w.put("nonce", Base64.getEncoder().encodeToString(nonce));
            w.put("ciphertext", Base64.getEncoder().encodeToString(ct));
            return w;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot wrap the identity", e);
        } finally {
            Argon2Kdf.wipe(key);
            Argon2Kdf.wipe(plain);
        }
    }

    /** The KDF parameters of the password wrapping (tests pin production values with this). */
    static KdfParams passphraseKdf(Path file) throws IOException {
        for (JsonNode w : read(file).path("wrappings")) {
            if (PASSPHRASE.equals(w.path("kind").asText())) {
                JsonNode k = w.path("kdf");
                return new KdfParams(k.path("memoryKiB").asInt(), k.path("iterations").asInt(),
                        k.path("parallelism").asInt());
            }
        }
        throw new UserException("vault.identityCorrupt");
    }

    static JsonNode read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new UserException(e, "vault.identityMissing", file.toString());
        } catch (IOException e) {
            throw new UserException(e, "vault.identityCorrupt");
        }
        if (root == null || !FORMAT.equals(root.path("format").asText()) || !root.path("wrappings").isArray()) {
            throw new UserException("vault.identityCorrupt");
        }
        if (root.path("version").asInt() != VERSION) {
            throw new UserException("vault.newerVersion");
        }
        return root;
    }

    private static byte[] aad(String kind, String recipient) {
        return (FORMAT + " v" + VERSION + " " + kind + " " + recipient).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] b64(String s) {
        return Base64.getDecoder().decode(s);
    }

    /** NFC, so the same password typed on macOS (NFD) and Windows (NFC) gives the same key. */
    static char[] normalisePassphrase(char[] p) {
        return Normalizer.normalize(CharBuffer.wrap(p), Normalizer.Form.NFC).toCharArray();
    }
}
