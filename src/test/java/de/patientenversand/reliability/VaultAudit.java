package de.patientenversand.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import de.patientenversand.launcher.Main;
import de.patientenversand.vault.DocumentInfo;
import de.patientenversand.vault.KdfParams;
import de.patientenversand.vault.UnlockedVault;
import de.patientenversand.vault.Unlocker;
import de.patientenversand.vault.VaultCreator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the reliability suites check on a vault after a fault, from outside the server: the
 * {@code verify} command as a patient runs it, the inbox as the unlocked app lists it (each
 * document decrypted and hashed), and a scan of every file for a plaintext marker.
 */
final class VaultAudit {
    static final String PASSPHRASE = "Ein langer Satz als Passwort für den Tresor";

    private final Path dataDir;
    private final Path passphraseFile;
    /** Files already scanned, by path, with the size and time they had then. */
    private final Map<Path, String> scanned = new HashMap<>();

    private VaultAudit(Path dataDir, Path passphraseFile) {
        this.dataDir = dataDir;
        this.passphraseFile = passphraseFile;
    }

    /** Creates a vault (cheap Argon2) in {@code dataDir}; the passphrase file goes to {@code work}. */
    static VaultAudit create(Path dataDir, Path work) throws IOException {
        new VaultCreator(new SecureRandom()).create(dataDir, PASSPHRASE.toCharArray(), new KdfParams(1024, 1, 1));
        Path file = work.resolve("passphrase.txt");
        Files.writeString(file, PASSPHRASE + "\n");
        return new VaultAudit(dataDir, file);
    }

    /** A vault made by {@link #create} earlier, with its passphrase file in {@code work}. */
    static VaultAudit open(Path dataDir, Path work) {
        return new VaultAudit(dataDir, work.resolve("passphrase.txt"));
    }

    Path dataDir() {
        return dataDir;
    }

    Path passphraseFile() {
        return passphraseFile;
    }

    /** Exit code and output of one command line, run in this JVM. */
    record Cli(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n" + out + err;
        }
    }

    Cli cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", dataDir.toString()));
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
        return new Cli(code, out.toString(), err.toString());
    }

    /** {@code verify} with the password, as the patient runs it. */
    Cli verify() {
        return cli("verify", "--passphrase-file", passphraseFile.toString());
    }

    Cli rebuild() {
        return cli("verify", "--rebuild", "--passphrase-file", passphraseFile.toString());
    }

    /** The full link of a new link for a practice, made with {@code link create}. */
    String createLinkPath(String label) {
        Cli r = cli("link", "create", "--label", label);
        assertThat(r.code()).as(r.toString()).isZero();
        String url = r.out().lines().filter(l -> l.contains("/u/")).findFirst().orElseThrow().strip();
        return url.substring(url.indexOf("/u/"));
    }

    /** A document of the inbox with the SHA-256 of its decrypted bytes. */
    record Listed(DocumentInfo info, String decryptedSha256) {
    }

    /** Unlocks as the app does and lists every document, each decrypted and hashed. */
    List<Listed> inbox() throws IOException {
        try (UnlockedVault v = new Unlocker(new SecureRandom()).withPassphrase(dataDir, PASSPHRASE.toCharArray())) {
            List<Listed> out = new ArrayList<>();
            for (DocumentInfo d : v.documents()) {
                String sha;
                try (InputStream in = v.open(d.id())) {
                    sha = sha256(in);
                } catch (IOException | RuntimeException e) {
                    sha = "unreadable: " + e.getClass().getSimpleName();
                }
                out.add(new Listed(d, sha));
            }
            return out;
        }
    }

    /** Files below the data dir's tmp/ (encrypted partial uploads). */
    List<Path> partials() throws IOException {
        Path tmp = dataDir.resolve("tmp");
        if (!Files.isDirectory(tmp)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(tmp)) {
            return s.toList();
        }
    }

    /**
     * Fails if any file below the roots (or its name) contains the marker; files unchanged since
     * an earlier scan are skipped. Returns the number of files read.
     */
    int assertNoPlaintext(String marker, Path... roots) throws IOException {
        byte[] needle = marker.getBytes(StandardCharsets.US_ASCII);
        int read = 0;
        for (Path root : roots) {
            List<Path> files;
            try (Stream<Path> s = Files.walk(root)) {
                files = s.toList();
            }
            for (Path f : files) {
                assertThat(f.getFileName().toString()).as("a file name on disk").doesNotContain(marker);
                if (!Files.isRegularFile(f)) {
                    continue;
                }
                String stamp = Files.size(f) + "@" + Files.getLastModifiedTime(f).toMillis();
                if (stamp.equals(scanned.get(f))) {
                    continue;
                }
                byte[] content = Files.readAllBytes(f);
                read++;
                assertThat(indexOf(content, needle)).as("plaintext marker in " + f).isEqualTo(-1);
                scanned.put(f, stamp);
            }
        }
        return read;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).indexOf(new String(needle, StandardCharsets.ISO_8859_1));
    }

    static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (DigestInputStream d = new DigestInputStream(in, md)) {
                d.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
