package de.patientenversand.vault.backup;

import de.patientenversand.common.OwnerOnlyFiles;
import de.patientenversand.common.UserException;
import de.patientenversand.vault.TempChannels;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code backup --to DIR}: an incremental copy into a folder (a USB disk, a synced cloud
 * folder). Only files whose size or SHA-256 differ from the folder's manifest are copied;
 * files the vault no longer has stay for a grace period (recorded as {@code missingSince}) and
 * are removed after it, so a mistaken deletion can still be undone from the folder. While a run
 * is in progress the folder has no {@code manifest.json} (the previous one waits as
 * {@code manifest.json.prev}), so an interrupted run is never taken for a good backup.
 */
public final class FolderBackup {
    /** How long a file the vault no longer has is kept in the folder. */
    public static final Duration DEFAULT_GRACE = Duration.ofDays(30);
    static final String PREVIOUS = BackupManifest.FILE_NAME + ".prev";

    private final TempChannels channels;
    private final Clock clock;
    private final String appVersion;
    private final Duration grace;

    public FolderBackup(TempChannels channels, Clock clock, String appVersion, Duration grace) {
        this.channels = channels;
        this.clock = clock;
        this.appVersion = appVersion;
        this.grace = grace;
    }

    public BackupResult write(Snapshot snapshot, Path folder) throws IOException {
        Path dir = folder.toAbsolutePath().normalize();
        try {
            OwnerOnlyFiles.createDirectories(dir);
        } catch (IOException e) {
            throw BackupFailure.of(e, dir.resolve(BackupManifest.FILE_NAME));
        }
        BackupManifest previous = previous(dir);
        Map<String, BackupManifest.Entry> before = new HashMap<>();
        previous.files().forEach(e -> before.put(e.path(), e));
        Map<String, BackupManifest.Entry> retainedBefore = new HashMap<>();
        previous.retained().forEach(e -> retainedBefore.put(e.path(), e));
        Instant now = clock.instant();
        try {
            Path manifestFile = dir.resolve(BackupManifest.FILE_NAME);
            if (Files.exists(manifestFile)) {
                Files.move(manifestFile, dir.resolve(PREVIOUS), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
            List<BackupManifest.Entry> files = new ArrayList<>();
            int copied = 0;
            long bytes = 0;
            int vanished = 0;
            for (Snapshot.Item item : snapshot.items()) {
                Hashing.Sum sum;
                try (InputStream in = item.open()) {
                    sum = Hashing.copy(in, null);
                } catch (NoSuchFileException e) {
                    vanished++;
                    continue;
                }
                BackupManifest.Entry entry = new BackupManifest.Entry(item.path(), sum.size(), sum.sha256());
                files.add(entry);
                BackupManifest.Entry old = before.containsKey(item.path()) ? before.get(item.path())
                        : retainedBefore.get(item.path());
                Path dest = target(dir, item.path());
                boolean same = old != null && old.size() == sum.size() && old.sha256().equals(sum.sha256())
                        && Files.isRegularFile(dest) && Files.size(dest) == sum.size();
                if (!same) {
                    copy(item, sum, dest);
                    copied++;
                    bytes += sum.size();
                }
            }
            List<BackupManifest.Entry> retained = new ArrayList<>();
            int removed = 0;
            var current = new java.util.HashSet<String>();
            files.forEach(e -> current.add(e.path()));
            List<BackupManifest.Entry> gone = new ArrayList<>(previous.files());
            gone.addAll(previous.retained());
            for (BackupManifest.Entry e : gone) {
                if (current.contains(e.path())) {
                    continue;
                }
                Instant since = e.missingSince() == null ? now : Instant.parse(e.missingSince());
                Path dest = target(dir, e.path());
                if (!since.plus(grace).isAfter(now)) {
                    Files.deleteIfExists(dest);
                    removed++;
                } else if (Files.isRegularFile(dest)) {
                    retained.add(new BackupManifest.Entry(e.path(), e.size(), e.sha256(), since.toString()));
                }
            }
            BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, BackupManifest.CURRENT_VERSION,
                    appVersion, now.toString(), snapshot.schemaVersion(), files, retained);
            writeFile(manifest.toJson(), manifestFile);
            Files.deleteIfExists(dir.resolve(PREVIOUS));
            OwnerOnlyFiles.fsyncDirectory(dir);
            return new BackupResult(snapshot.documents(), files.size(), copied, bytes, removed, retained.size(),
                    vanished);
        } catch (IOException e) {
            throw BackupFailure.of(e, dir.resolve(BackupManifest.FILE_NAME));
        }
    }

    private static BackupManifest previous(Path dir) throws IOException {
        for (String name : List.of(BackupManifest.FILE_NAME, PREVIOUS)) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return BackupManifest.parse(Files.readAllBytes(p));
            }
        }
        return new BackupManifest(BackupManifest.FORMAT, BackupManifest.CURRENT_VERSION, null, null, 0, List.of(),
                List.of());
    }

    /** The file for a manifest path; refuses paths that would leave the folder. */
    static Path target(Path dir, String path) {
        Path p = dir.resolve(path).normalize();
        if (!p.startsWith(dir) || p.equals(dir)) {
            throw new UserException("backup.manifestUnreadable");
        }
        return p;
    }

    private void copy(Snapshot.Item item, Hashing.Sum expected, Path dest) throws IOException {
        OwnerOnlyFiles.createDirectories(dest.getParent());
        Path part = dest.resolveSibling("." + dest.getFileName() + ".part");
        Files.deleteIfExists(part);
        try {
            try (TempChannels.PartialFile ch = channels.create(part); InputStream in = item.open()) {
                OutputStream os = Channels.newOutputStream(ch);
                Hashing.Sum sum = Hashing.copy(in, os);
                os.flush();
                if (!sum.equals(expected)) {
                    throw new IOException("a file changed during the backup");
                }
                ch.sync();
            }
            Files.move(part, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            throw e;
        }
    }

    private void writeFile(byte[] content, Path dest) throws IOException {
        Path part = dest.resolveSibling("." + dest.getFileName() + ".part");
        Files.deleteIfExists(part);
        try {
            try (TempChannels.PartialFile ch = channels.create(part)) {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.sync();
            }
            Files.move(part, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            throw e;
        }
    }
}
