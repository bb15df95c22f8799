package de.patientenversand.vault;

import de.patientenversand.common.OwnerOnlyFiles;
import de.patientenversand.common.UserException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Operating-system file locks that keep one {@code serve} and one app per vault
 * ({@code serve.lock}, {@code app.lock}). A crashed process releases its lock with it, so a
 * stale lock file never blocks the patient. {@code restore} and {@code verify --rebuild} take
 * both, so they have the vault to themselves. Other commands take none and share the
 * database through WAL.
 */
public final class VaultLock implements AutoCloseable {
    public static final String SERVE = "serve";
    public static final String APP = "app";

    private final List<FileChannel> channels;
    private final List<FileLock> locks;

    private VaultLock(List<FileChannel> channels, List<FileLock> locks) {
        this.channels = channels;
        this.locks = locks;
    }

    /** The lock of the one {@code serve} process. */
    public static VaultLock serve(VaultLayout layout) throws IOException {
        return acquire(layout, "vault.serveRunning", SERVE);
    }

    /** The lock of the one desktop app. */
    public static VaultLock app(VaultLayout layout) throws IOException {
        return acquire(layout, "vault.appRunning", APP);
    }

    /** Both locks: nothing else may write to the vault meanwhile. */
    public static VaultLock exclusive(VaultLayout layout) throws IOException {
        return acquire(layout, "vault.inUse", SERVE, APP);
    }

    private static VaultLock acquire(VaultLayout layout, String messageKey, String... names) throws IOException {
        List<FileChannel> channels = new ArrayList<>();
        List<FileLock> locks = new ArrayList<>();
        try {
            for (String name : names) {
                Path file = layout.lockFile(name);
                FileChannel ch;
                try {
                    ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                            OwnerOnlyFiles.fileAttributes());
                } catch (IOException e) {
                    throw new UserException(e, "vault.notWritable", layout.dataDir().toString());
                }
                channels.add(ch);
                FileLock lock;
                try {
                    lock = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock == null) {
                    throw new UserException(messageKey, layout.dataDir().toString());
                }
                locks.add(lock);
            }
            return new VaultLock(channels, locks);
        } catch (IOException | RuntimeException e) {
            new VaultLock(channels, locks).close();
            throw e;
        }
    }

    @Override
    public void close() {
        for (FileLock l : locks) {
            try {
                l.release();
            } catch (IOException ignored) {
                // closing the channel releases it too
            }
        }
        for (FileChannel c : channels) {
            try {
                c.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}
