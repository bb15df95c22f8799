package de.patientenversand.vault;

import de.patientenversand.common.OwnerOnlyFiles;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code index.cache}: the opened metadata of listed documents, encrypted and authenticated
 * under a key derived from the identity (ChaCha20-Poly1305, the AEAD age itself uses; HKDF
 * purpose {@value #PURPOSE}), so an
 * unlock lists 10 000 documents without 10 000 X25519 operations (DESIGN.md section 4; format in
 * docs/formats.md, decision in docs/decisions/0007-index-cache.md).
 *
 * <p>Each entry is bound to the exact sealed metadata it was opened from (SHA-256 of the row's
 * {@code sealed_meta}): opening an age file is deterministic, so a cached entry whose hash matches
 * the row is exactly what decrypting the row would give. An entry that does not match, a file that
 * does not authenticate (tampered, truncated, of another vault or another version) is ignored and
 * the metadata is opened from the row as without a cache; nothing from the cache is ever shown
 * for a document that is not in vault.db, because the listing walks vault.db's rows. The cache is
 * an optimisation only: every failure to read or write it is silent and harmless.
 *
 * <p>Thread-safe: the app lists, adopts and deletes from background tasks.
 */
final class IndexCache {
    static final String FILE_NAME = "index.cache";
    static final String PURPOSE = "index-cache v1";
    static final int VERSION = 1;
    /** File magic: "PVINDEX" and a newline, 8 bytes. */
    static final byte[] MAGIC = "PVINDEX\n".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER = MAGIC.length + 4;
    static final int NONCE = 12;
    static final int TAG = 16;
    static final String CIPHER = "ChaCha20-Poly1305";
    /** A cache larger than this is not read (no vault has that much metadata; a bad file is skipped). */
    static final long MAX_BYTES = 512L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(IndexCache.class);

    /** What loading the file found (tests and the benchmark read it). */
    enum Loaded { NOT_YET, ABSENT, READ, REJECTED }

    private record Entry(byte[] sealedHash, byte[] json) {
    }

    private final Path file;
    private final SecretKeySpec key;
    private final byte[] associatedData;
    private final SecureRandom random;
    private final Map<String, Entry> entries = new HashMap<>();
    private Loaded loaded = Loaded.NOT_YET;
    private boolean dirty;

    IndexCache(Path file, byte[] key, Recipient recipient, SecureRandom random) {
        this.file = file;
        this.key = new SecretKeySpec(key, "ChaCha20");
        Arrays.fill(key, (byte) 0);
        this.random = random;
        byte[] r = recipient.value().getBytes(StandardCharsets.US_ASCII);
        this.associatedData = ByteBuffer.allocate(HEADER + r.length).put(MAGIC).putInt(VERSION).put(r).array();
    }

    static IndexCache of(VaultLayout layout, Identity identity) {
        return new IndexCache(file(layout), identity.deriveKey(PURPOSE), identity.recipient(), new SecureRandom());
    }

    static Path file(VaultLayout layout) {
        return layout.dataDir().resolve(FILE_NAME);
    }

    /** SHA-256 of a row's sealed metadata: what a cache entry is bound to. */
    static byte[] hash(byte[] sealed) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(sealed);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The opened metadata JSON for this document if cached for exactly these sealed bytes, else null. */
    synchronized byte[] lookup(String id, byte[] sealedHash) {
        load();
        Entry e = entries.get(id);
        return e != null && MessageDigest.isEqual(e.sealedHash(), sealedHash) ? e.json() : null;
    }

    synchronized void put(String id, byte[] sealedHash, byte[] json) {
        load();
        Entry old = entries.put(id, new Entry(sealedHash.clone(), json.clone()));
        if (old == null || !Arrays.equals(old.sealedHash(), sealedHash) || !Arrays.equals(old.json(), json)) {
            dirty = true;
        }
    }

    synchronized void remove(String id) {
        load();
        Entry old = entries.remove(id);
        if (old != null) {
            Arrays.fill(old.json(), (byte) 0);
            dirty = true;
        }
    }

    /** Drops entries of documents no longer in vault.db (deleted, also by automatic deletion in serve). */
    synchronized void retainOnly(Set<String> ids) {
        load();
        for (Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Entry> e = it.next();
            if (!ids.contains(e.getKey())) {
                Arrays.fill(e.getValue().json(), (byte) 0);
                it.remove();
                dirty = true;
            }
        }
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized Loaded loaded() {
        return loaded;
    }

    /** Writes the file if anything changed since it was read (atomically, 0600); failures are ignored. */
    synchronized void save() {
        if (!dirty) {
            return;
        }
        byte[] plain = null;
        try {
            plain = serialise();
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher aead = Cipher.getInstance(CIPHER);
            aead.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(nonce));
            aead.updateAAD(associatedData);
            byte[] out = new byte[HEADER + NONCE + aead.getOutputSize(plain.length)];
            ByteBuffer.wrap(out).put(MAGIC).putInt(VERSION).put(nonce);
            aead.doFinal(plain, 0, plain.length, out, HEADER + NONCE);
            OwnerOnlyFiles.writeAtomically(file, out);
            dirty = false;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // a cache that cannot be written is only slower; the message names no document
            LOG.debug("index cache not written: {}", e.getClass().getSimpleName());
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    /** Removes the file (after a rebuild, which trusts nothing but blobs and sidecars). */
    static void delete(VaultLayout layout) {
        try {
            Files.deleteIfExists(file(layout));
        } catch (IOException e) {
            LOG.debug("index cache not removed: {}", e.getClass().getSimpleName());
        }
    }

    /** Wipes the cached metadata from memory (on lock). */
    synchronized void clear() {
        for (Entry e : entries.values()) {
            Arrays.fill(e.json(), (byte) 0);
        }
        entries.clear();
        dirty = false;
    }

    private void load() {
        if (loaded != Loaded.NOT_YET) {
            return;
        }
        byte[] plain = null;
        try {
            if (!Files.isRegularFile(file)) {
                loaded = Loaded.ABSENT;
                return;
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new IOException("too large");
            }
            byte[] raw = Files.readAllBytes(file);
            ByteBuffer b = ByteBuffer.wrap(raw);
            if (raw.length < HEADER + NONCE + TAG
                    || !Arrays.equals(Arrays.copyOf(raw, MAGIC.length), MAGIC)) {
                throw new IOException("not an index cache");
            }
            b.position(MAGIC.length);
            if (b.getInt() != VERSION) {
                throw new IOException("another version");
            }
            Cipher aead = Cipher.getInstance(CIPHER);
            aead.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(raw, HEADER, NONCE));
            aead.updateAAD(associatedData);
            plain = aead.doFinal(raw, HEADER + NONCE, raw.length - HEADER - NONCE);
            parse(plain);
            loaded = Loaded.READ;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            clear();
            loaded = Loaded.REJECTED;
            dirty = true; // replace the bad file with a good one at the next save
            LOG.debug("index cache ignored: {}", e.getClass().getSimpleName());
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    /** Plaintext: count, then per entry id, sealed-metadata hash and metadata JSON (docs/formats.md). */
    private byte[] serialise() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + entries.size() * 600);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(entries.size());
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            byte[] id = e.getKey().getBytes(StandardCharsets.US_ASCII);
            out.writeShort(id.length);
            out.write(id);
            out.write(e.getValue().sealedHash());
            out.writeInt(e.getValue().json().length);
            out.write(e.getValue().json());
        }
        out.flush();
        return bytes.toByteArray();
    }

    private void parse(byte[] plain) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(plain);
        int n = b.getInt();
        if (n < 0) {
            throw new IOException("bad count");
        }
        Map<String, Entry> read = new HashMap<>();
        for (int i = 0; i < n; i++) {
            byte[] id = new byte[b.getShort() & 0xffff];
            b.get(id);
            byte[] hash = new byte[32];
            b.get(hash);
            int len = b.getInt();
            if (len < 0 || len > b.remaining()) {
                throw new IOException("bad entry");
            }
            byte[] json = new byte[len];
            b.get(json);
            String s = new String(id, StandardCharsets.US_ASCII);
            if (!Ids.valid(s)) {
                throw new IOException("bad id");
            }
            read.put(s, new Entry(hash, json));
        }
        if (b.hasRemaining()) {
            throw new IOException("trailing bytes");
        }
        entries.putAll(read);
    }
}
