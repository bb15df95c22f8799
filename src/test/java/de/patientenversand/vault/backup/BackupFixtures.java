package de.patientenversand.vault.backup;

import de.patientenversand.vault.IncomingDocument;
import de.patientenversand.vault.KdfParams;
import de.patientenversand.vault.StoredDocument;
import de.patientenversand.vault.UnlockedVault;
import de.patientenversand.vault.Unlocker;
import de.patientenversand.vault.VaultCreator;
import de.patientenversand.vault.WriteSide;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

/** A vault with cheap Argon2 parameters and known documents, for backup tests. */
final class BackupFixtures {
    static final KdfParams CHEAP = new KdfParams(1024, 1, 1);
    static final String PASSWORD = "ein langer Satz für Sicherungstests";

    private BackupFixtures() {
    }

    static void create(Path dir) throws IOException {
        new VaultCreator(new SecureRandom()).create(dir, PASSWORD.toCharArray(), CHEAP);
    }

    static byte[] content(int i) {
        return ("Befund Nummer " + i + " " + "x".repeat(i % 97)).getBytes(StandardCharsets.UTF_8);
    }

    /** Stores {@code count} documents numbered from {@code from}; returns id → content. */
    static Map<String, byte[]> store(WriteSide vault, int from, int count) throws IOException {
        Map<String, byte[]> out = new HashMap<>();
        String submission = vault.documents().openSubmission("link-1");
        for (int i = from; i < from + count; i++) {
            byte[] body = content(i);
            StoredDocument d = vault.documents().store(new ByteArrayInputStream(body), incoming(submission, i));
            out.put(d.id(), body);
        }
        return out;
    }

    static IncomingDocument incoming(String submission, int i) {
        return new IncomingDocument(submission, "link-1", "Praxis Dr. Muster", "Befund-" + i + ".pdf",
                "application/pdf", "Dr. Muster", "Ihr Befund");
    }

    static UnlockedVault unlock(Path dir) throws IOException {
        return new Unlocker(new SecureRandom()).withPassphrase(dir, PASSWORD.toCharArray());
    }

    /** The patient opens the inbox once: new documents are confirmed (adopted). */
    static void adopt(Path dir) throws IOException {
        try (UnlockedVault v = unlock(dir)) {
            v.adoptNew();
        }
    }

    /** id → content of every document in the vault. */
    static Map<String, byte[]> contents(Path dir) throws IOException {
        Map<String, byte[]> out = new HashMap<>();
        try (UnlockedVault v = unlock(dir)) {
            for (var d : v.documents()) {
                try (InputStream in = v.open(d.id())) {
                    out.put(d.id(), in.readAllBytes());
                }
            }
        }
        return out;
    }
}
