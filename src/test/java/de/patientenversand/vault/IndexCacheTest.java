package de.patientenversand.vault;

import static org.assertj.core.api.Assertions.assertThat;

import de.patientenversand.common.OwnerOnlyFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The encrypted index cache ({@code index.cache}, DESIGN.md section 4): the inbox lists from it
 * what it would list without it, and a cache that is tampered with, stale, of another vault or
 * of deleted documents never shows anything wrong.
 */
@DisplayName("The encrypted index cache")
class IndexCacheTest {
    private static final String MARKER = "Qx7Markerbefund";
    private static final String SENDER_MARKER = "Dr. Zyxmarkerfrau";

    @TempDir
    Path dir;

    @TempDir
    Path other;

    private VaultLayout layout;
    private final Unlocker unlocker = new Unlocker(new SecureRandom());
    private final List<StoredDocument> stored = new ArrayList<>();

    @BeforeEach
    void createVault() throws IOException {
        TestVaults.create(dir);
        layout = new VaultLayout(dir);
        for (int i = 0; i < 6; i++) {
            stored.add(store(dir, "Dokument " + i + " " + MARKER + ".pdf"));
        }
    }

    private static StoredDocument store(Path vault, String name) throws IOException {
        try (WriteSide w = WriteSide.open(vault)) {
            String s = w.documents().openSubmission("link-1");
            return w.documents().store(new ByteArrayInputStream(("Inhalt von " + name).getBytes(StandardCharsets.UTF_8)),
                    new IncomingDocument(s, "link-1", "Praxis Dr. Muster", name, "application/pdf", SENDER_MARKER,
                            "Ihr Befund " + MARKER));
        }
    }

    private UnlockedVault unlock() throws IOException {
        return unlocker.withPassphrase(dir, TestVaults.PASSPHRASE.toCharArray());
    }

    private Path cacheFile() {
        return dir.resolve(IndexCache.FILE_NAME);
    }

    /** The listing without any cache: every metadata opened from its sealed row. */
    private List<DocumentInfo> slowListing() throws IOException {
        Path saved = dir.resolve("cache.saved");
        boolean had = Files.exists(cacheFile());
        if (had) {
            Files.move(cacheFile(), saved);
        }
        try (UnlockedVault v = unlock()) {
            List<DocumentInfo> docs = v.documents();
            assertThat(v.lastListing().cached()).isZero();
            return docs;
        } finally {
            Files.deleteIfExists(cacheFile());
            if (had) {
                Files.move(saved, cacheFile());
            }
        }
    }

    /** Adopts everything and lists once, which writes the cache. */
    private List<DocumentInfo> adoptAndList() throws IOException {
        try (UnlockedVault v = unlock()) {
            v.adoptNew();
            return v.documents();
        }
    }

    @Test
    @DisplayName("an unlock lists from the cache alone, with every field equal to the slow path's, "
            + "also for documents not confirmed and damaged")
    void sameAsSlowPath() throws IOException {
        adoptAndList();
        // one not confirmed (arrived after the adoption), one damaged (its blob is gone)
        StoredDocument late = store(dir, "spät " + MARKER + ".pdf");
        Files.delete(layout.blob(stored.get(2).id()));
        List<DocumentInfo> cachedListing;
        try (UnlockedVault v = unlock()) {
            cachedListing = v.documents();
            assertThat(v.cache().loaded()).isEqualTo(IndexCache.Loaded.READ);
            assertThat(v.lastListing()).isEqualTo(new UnlockedVault.Listing(6, 1)); // only the new one opened
        }
        try (UnlockedVault v = unlock()) {
            assertThat(v.documents()).isEqualTo(cachedListing);
            assertThat(v.lastListing()).isEqualTo(new UnlockedVault.Listing(7, 0));
        }
        List<DocumentInfo> slow = slowListing();
        assertThat(cachedListing).isEqualTo(slow).hasSize(7);
        assertThat(slow).extracting(DocumentInfo::name).contains("Dokument 0 " + MARKER + ".pdf");
        assertThat(slow).filteredOn(d -> d.id().equals(late.id())).extracting(DocumentInfo::state)
                .containsExactly("unconfirmed");
        assertThat(slow).filteredOn(d -> d.id().equals(stored.get(2).id())).extracting(DocumentInfo::state)
                .containsExactly("damaged");
    }

    @ParameterizedTest(name = "byte {0} of the file flipped")
    @ValueSource(ints = {0, 9, 14, 40, -20, -1})
    @DisplayName("a tampered cache is ignored, the listing is still right, and the cache is written anew")
    void tampered(int offset) throws IOException {
        List<DocumentInfo> expected = adoptAndList();
        byte[] raw = Files.readAllBytes(cacheFile());
        int at = offset >= 0 ? offset : raw.length + offset;
        raw[at] ^= 0x01;
        Files.write(cacheFile(), raw);
        try (UnlockedVault v = unlock()) {
            assertThat(v.documents()).isEqualTo(expected);
            assertThat(v.cache().loaded()).isEqualTo(IndexCache.Loaded.REJECTED);
            assertThat(v.lastListing()).isEqualTo(new UnlockedVault.Listing(0, 6));
        }
        assertThat(Files.readAllBytes(cacheFile())).isNotEqualTo(raw);
        try (UnlockedVault v = unlock()) {
            assertThat(v.documents()).isEqualTo(expected);
            assertThat(v.cache().loaded()).isEqualTo(IndexCache.Loaded.READ);
            assertThat(v.lastListing().opened()).isZero();
        }
    }

    @Test
    @DisplayName("a truncated or empty cache file is ignored")
    void truncated() throws IOException {
        List<DocumentInfo> expected = adoptAndList();
        byte[] raw = Files.readAllBytes(cacheFile());
        for (int length : new int[] {0, 5, raw.length / 2, raw.length - 1}) {
            Files.write(cacheFile(), java.util.Arrays.copyOf(raw, length));
            try (UnlockedVault v = unlock()) {
                assertThat(v.documents()).isEqualTo(expected);
                assertThat(v.cache().loaded()).isEqualTo(IndexCache.Loaded.REJECTED);
            }
        }
    }

    @Test
    @DisplayName("a cache from another vault (another identity) is ignored and none of its entries is shown")
    void foreignVault() throws IOException {
        List<DocumentInfo> expected = adoptAndList();
        TestVaults.create(other);
        String foreignName = "Fremdes Dokument.pdf";
        store(other, foreignName);
        try (UnlockedVault v = unlocker.withPassphrase(other, TestVaults.PASSPHRASE.toCharArray())) {
            v.adoptNew();
            assertThat(v.documents()).extracting(DocumentInfo::name).containsExactly(foreignName);
        }
        Files.copy(other.resolve(IndexCache.FILE_NAME), cacheFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (UnlockedVault v = unlock()) {
            List<DocumentInfo> docs = v.documents();
            assertThat(docs).isEqualTo(expected);
            assertThat(docs).extracting(DocumentInfo::name).doesNotContain(foreignName);
            assertThat(v.cache().loaded()).isEqualTo(IndexCache.Loaded.REJECTED);
        }
    }

    @Test
    @DisplayName("an entry whose sealed metadata changed in vault.db is not used: the row's metadata is opened")
    void staleEntry() throws IOException {
        adoptAndList();
        String id = stored.get(1).id();
        // anyone with the public key can seal new metadata for an id; the listing must show what the row says
        DocumentMetadata forged = new DocumentMetadata(DocumentMetadata.VERSION, id, "Umbenannt.pdf", "jemand", "",
                "application/pdf", 5, "00".repeat(32), stored.get(1).submissionId(), "link-1", "Praxis",
                stored.get(1).receivedAt().toString());
        byte[] sealed = AgeFiles.seal(forged.toJson(), Recipient.load(layout.recipientFile()));
        try (Database db = Database.open(layout.database())) {
            db.inTransaction(c -> {
                try (PreparedStatement p = c.prepareStatement("UPDATE documents SET sealed_meta = ? WHERE id = ?")) {
                    p.setBytes(1, sealed);
                    p.setString(2, id);
                    return p.executeUpdate();
                }
            });
        }
        List<DocumentInfo> viaCache;
        try (UnlockedVault v = unlock()) {
            viaCache = v.documents();
            assertThat(v.lastListing()).isEqualTo(new UnlockedVault.Listing(5, 1));
        }
        DocumentInfo shown = viaCache.stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
        assertThat(shown.name()).isEqualTo("Umbenannt.pdf");
        assertThat(shown.state()).isEqualTo("damaged"); // its MAC was recorded over the real metadata
        assertThat(viaCache).isEqualTo(slowListing());
    }

    @Test
    @DisplayName("a document deleted while the cache holds it is not listed, whoever deleted it")
    void deletedNotListed() throws IOException {
        adoptAndList();
        String byApp = stored.get(0).id();
        String byRow = stored.get(3).id();
        try (UnlockedVault v = unlock()) {
            v.documents();
            v.delete(byApp);
            assertThat(v.cache().size()).isEqualTo(5); // dropped at once, and written
        }
        try (UnlockedVault v = unlock()) {
            assertThat(v.documents()).extracting(DocumentInfo::id).doesNotContain(byApp).hasSize(5);
            assertThat(v.cache().size()).isEqualTo(5);
        }
        // a document removed without the key, as automatic deletion in serve removes it: files, then row
        Files.delete(layout.blob(byRow));
        Files.delete(layout.metadata(byRow));
        Files.delete(layout.mac(byRow));
        try (Database db = Database.open(layout.database())) {
            new DocumentRows(db).delete(byRow);
        }
        try (UnlockedVault v = unlock()) {
            assertThat(v.documents()).extracting(DocumentInfo::id).doesNotContain(byApp, byRow).hasSize(4);
            assertThat(v.cache().size()).isEqualTo(4);
        }
        assertThat(slowListing()).extracting(DocumentInfo::id).doesNotContain(byApp, byRow).hasSize(4);
    }

    @Test
    @DisplayName("automatic deletion in serve (no key) removes documents from the listing; their entries go at the next listing")
    void automaticDeletion() throws IOException {
        adoptAndList();
        try (WriteSide w = WriteSide.open(dir)) {
            Clock later = Clock.offset(Clock.systemUTC(), Duration.ofDays(31));
            assertThat(new Retention(w.database(), w.layout(), later).prune(30)).isEqualTo(6);
        }
        StoredDocument fresh = store(dir, "neu.pdf");
        try (UnlockedVault v = unlock()) {
            assertThat(v.documents()).extracting(DocumentInfo::id).containsExactly(fresh.id());
            assertThat(v.cache().size()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("a new document not in the cache is listed, then cached; adoption caches what it opened")
    void newDocument() throws IOException {
        adoptAndList();
        StoredDocument one = store(dir, "neu eins.pdf");
        try (UnlockedVault v = unlock()) {
            assertThat(v.documents()).extracting(DocumentInfo::id).contains(one.id()).hasSize(7);
            assertThat(v.lastListing()).isEqualTo(new UnlockedVault.Listing(6, 1));
        }
        try (UnlockedVault v = unlock()) {
            assertThat(v.documents()).extracting(DocumentInfo::name).contains("neu eins.pdf");
            assertThat(v.lastListing()).isEqualTo(new UnlockedVault.Listing(7, 0));
        }
        StoredDocument two = store(dir, "neu zwei.pdf");
        try (UnlockedVault v = unlock()) {
            assertThat(v.adoptNew()).isEqualTo(2);
            List<DocumentInfo> docs = v.documents();
            assertThat(v.lastListing()).isEqualTo(new UnlockedVault.Listing(8, 0));
            assertThat(docs).filteredOn(d -> d.id().equals(two.id())).extracting(DocumentInfo::state)
                    .containsExactly("ok");
        }
    }

    @Test
    @DisplayName("the cache file is 0600 and holds no plaintext: no name, sender, message or id")
    void ciphertextOnly() throws IOException {
        adoptAndList();
        if (OwnerOnlyFiles.posix()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cacheFile()))).isEqualTo("rw-------");
        }
        byte[] raw = Files.readAllBytes(cacheFile());
        assertThat(raw.length).isGreaterThan(6 * 100); // it does hold the six entries
        for (String marker : new String[] {MARKER, SENDER_MARKER, "Dokument 0", "Praxis Dr. Muster", "application/pdf",
                stored.get(0).id(), stored.get(0).sha256()}) {
            assertThat(indexOf(raw, marker.getBytes(StandardCharsets.UTF_8))).as(marker).isEqualTo(-1);
            assertThat(indexOf(raw, marker.getBytes(StandardCharsets.UTF_16BE))).as(marker).isEqualTo(-1);
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".index.cache"));
        }
    }

    @Test
    @DisplayName("a new password keeps the cache usable (same identity, same key); a rebuild removes it")
    void passwdAndRebuild() throws IOException {
        List<DocumentInfo> expected = adoptAndList();
        try (UnlockedVault v = unlock()) {
            v.changePassphrase("ein ganz anderer Satz".toCharArray(), TestVaults.CHEAP);
        }
        try (UnlockedVault v = unlocker.withPassphrase(dir, "ein ganz anderer Satz".toCharArray())) {
            assertThat(v.documents()).isEqualTo(expected);
            assertThat(v.lastListing().opened()).isZero();
        }
        Unlocker.Rebuilt rebuilt = unlocker.rebuild(dir, "ein ganz anderer Satz".toCharArray(), false);
        try (UnlockedVault v = rebuilt.vault()) {
            assertThat(Files.exists(cacheFile())).isFalse();
            assertThat(v.documents()).extracting(DocumentInfo::id)
                    .containsExactlyInAnyOrderElementsOf(expected.stream().map(DocumentInfo::id).toList());
            assertThat(v.lastListing().cached()).isZero();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
