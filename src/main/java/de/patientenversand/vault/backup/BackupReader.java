package de.patientenversand.vault.backup;

import de.patientenversand.common.OwnerOnlyFiles;
import de.patientenversand.common.UserException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Unpacks a backup (file or folder) into a staging folder and checks every file against the
 * manifest. Damaged files (wrong size or hash, missing, cut off) are named and left out; the
 * rest are written. A ZIP is read front to back, so a truncated file still yields everything
 * before the cut and names what is missing.
 */
final class BackupReader {

    /** The manifest and the paths of damaged files (those not written to the staging folder). */
    record Extracted(BackupManifest manifest, List<String> damaged) {
    }

    Extracted extract(Path source, Path staging) throws IOException {
        if (Files.isDirectory(source)) {
            return fromFolder(source, staging);
        }
        if (!Files.isRegularFile(source)) {
            throw new UserException("backup.notFound", source.toString());
        }
        return fromZip(source, staging);
    }

    private Extracted fromFolder(Path dir, Path staging) throws IOException {
        Path manifestFile = dir.resolve(BackupManifest.FILE_NAME);
        if (!Files.isRegularFile(manifestFile)) {
            throw new UserException(Files.exists(dir.resolve(FolderBackup.PREVIOUS)) ? "backup.incomplete"
                    : "backup.notABackup");
        }
        BackupManifest m = BackupManifest.parse(Files.readAllBytes(manifestFile));
        List<String> damaged = new ArrayList<>();
        for (BackupManifest.Entry e : m.files()) {
            try (InputStream in = Files.newInputStream(FolderBackup.target(dir, e.path()))) {
                if (!write(in, e, staging)) {
                    damaged.add(e.path());
                }
            } catch (NoSuchFileException x) {
                damaged.add(e.path());
            }
        }
        return new Extracted(m, damaged);
    }

    private Extracted fromZip(Path file, Path staging) throws IOException {
        BackupManifest m;
        Set<String> seen = new LinkedHashSet<>();
        List<String> damaged = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            ZipEntry first;
            try {
                first = zip.getNextEntry();
            } catch (IOException e) {
                throw new UserException(e, "backup.notABackup");
            }
            if (first == null || !BackupManifest.FILE_NAME.equals(first.getName())) {
                throw new UserException("backup.notABackup");
            }
            byte[] json;
            try {
                json = zip.readAllBytes();
            } catch (IOException e) {
                throw new UserException(e, "backup.manifestUnreadable");
            }
            m = BackupManifest.parse(json);
            Map<String, BackupManifest.Entry> expected = new HashMap<>();
            m.files().forEach(e -> expected.put(e.path(), e));
            while (true) {
                ZipEntry entry;
                try {
                    entry = zip.getNextEntry();
                } catch (IOException e) {
                    break; // cut off: everything not seen yet counts as missing
                }
                if (entry == null) {
                    break;
                }
                BackupManifest.Entry e = expected.get(entry.getName());
                if (e == null || !seen.add(e.path())) {
                    continue; // not in the manifest: never restored
                }
                boolean ok;
                try {
                    ok = write(zip, e, staging);
                } catch (IOException x) {
                    ok = false;
                }
                if (!ok) {
                    damaged.add(e.path());
                }
            }
            for (BackupManifest.Entry e : m.files()) {
                if (!seen.contains(e.path())) {
                    damaged.add(e.path());
                }
            }
        }
        return new Extracted(m, damaged);
    }

    /** Writes one file to the staging folder if it matches the manifest; false (nothing kept) if not. */
    private static boolean write(InputStream in, BackupManifest.Entry e, Path staging) throws IOException {
        Path dest = FolderBackup.target(staging, e.path());
        OwnerOnlyFiles.createDirectories(dest.getParent());
        Hashing.Sum sum;
        try (OutputStream out = Files.newOutputStream(dest, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE).toArray(new StandardOpenOption[0]))) {
            OwnerOnlyFiles.restrict(dest);
            sum = Hashing.copy(in, out);
        } catch (IOException x) {
            Files.deleteIfExists(dest);
            throw x;
        }
        if (sum.size() != e.size() || !sum.sha256().equals(e.sha256())) {
            Files.deleteIfExists(dest);
            return false;
        }
        return true;
    }
}
