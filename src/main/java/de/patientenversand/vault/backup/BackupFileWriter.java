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
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * {@code backup --out FILE}: one ZIP file, {@code manifest.json} first (so even a truncated
 * copy names what it should hold), then every file of the snapshot. The files are hashed in a
 * first pass and hashed again while written; a file that changed in between fails the backup.
 * It is written to {@code .NAME.part} beside the target and renamed only when complete and
 * fsynced, so a half backup never carries the real name.
 */
public final class BackupFileWriter {
    private final TempChannels channels;
    private final Clock clock;
    private final String appVersion;

    public BackupFileWriter(TempChannels channels, Clock clock, String appVersion) {
        this.channels = channels;
        this.clock = clock;
        this.appVersion = appVersion;
    }

    public BackupResult write(Snapshot snapshot, Path target) throws IOException {
        Path out = target.toAbsolutePath().normalize();
        if (Files.exists(out)) {
            throw new UserException("cli.outExists", out.toString());
        }
        if (!Files.isDirectory(out.getParent())) {
            throw new UserException("backup.targetNotWritable", out.toString());
        }
        List<BackupManifest.Entry> entries = new ArrayList<>();
        List<Snapshot.Item> present = new ArrayList<>();
        int vanished = 0;
        for (Snapshot.Item item : snapshot.items()) {
            try (InputStream in = item.open()) {
                Hashing.Sum sum = Hashing.copy(in, null);
                entries.add(new BackupManifest.Entry(item.path(), sum.size(), sum.sha256()));
                present.add(item);
            } catch (NoSuchFileException e) {
                vanished++;
            }
        }
        BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, BackupManifest.CURRENT_VERSION,
                appVersion, clock.instant().toString(), snapshot.schemaVersion(), entries, List.of());
        Path part = out.resolveSibling("." + out.getFileName() + ".part");
        long bytes = 0;
        try {
            Files.deleteIfExists(part);
            try (TempChannels.PartialFile ch = channels.create(part)) {
                OutputStream os = Channels.newOutputStream(ch);
                ZipOutputStream zip = new ZipOutputStream(os);
                zip.setLevel(Deflater.NO_COMPRESSION);
                zip.putNextEntry(new ZipEntry(BackupManifest.FILE_NAME));
                zip.write(manifest.toJson());
                zip.closeEntry();
                for (int i = 0; i < present.size(); i++) {
                    Snapshot.Item item = present.get(i);
                    zip.putNextEntry(new ZipEntry(item.path()));
                    try (InputStream in = item.open()) {
                        Hashing.Sum sum = Hashing.copy(in, zip);
                        if (!sum.sha256().equals(entries.get(i).sha256())) {
                            throw new IOException("a file changed during the backup");
                        }
                        bytes += sum.size();
                    }
                    zip.closeEntry();
                }
                zip.finish();
                os.flush();
                ch.sync();
            }
            Files.move(part, out, StandardCopyOption.ATOMIC_MOVE);
            OwnerOnlyFiles.fsyncDirectory(out.getParent());
        } catch (IOException | RuntimeException e) {
            deleteQuietly(part);
            if (e instanceof IOException io) {
                throw BackupFailure.of(io, out);
            }
            throw e;
        }
        return new BackupResult(snapshot.documents(), entries.size(), entries.size(), bytes, 0, 0, vanished);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // nothing more to do; the name marks it as incomplete
        }
    }
}
