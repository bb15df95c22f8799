package de.patientenversand.vault;

import de.patientenversand.common.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Opens the encrypted partial file of a document in {@code tmp/}. A seam for tests (a disk
 * that fills up); the real one also locks the file so startup recovery in another process
 * leaves a partial upload that is still being written alone.
 */
@FunctionalInterface
public interface TempChannels {

    PartialFile create(Path file) throws IOException;

    /** The real files: created 0600, exclusive, locked while open. */
    TempChannels FILES = file -> {
        FileChannel ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                OwnerOnlyFiles.fileAttributes());
        FileLock lock = ch.tryLock();
        return new PartialFile() {
            @Override
            public int write(java.nio.ByteBuffer src) throws IOException {
                return ch.write(src);
            }

            @Override
            public boolean isOpen() {
                return ch.isOpen();
            }

            @Override
            public void sync() throws IOException {
                ch.force(true);
            }

            @Override
            public void close() throws IOException {
                if (lock != null && lock.isValid()) {
                    lock.release();
                }
                ch.close();
            }
        };
    };

    /** A partial file being written: a channel that can be made durable. */
    interface PartialFile extends WritableByteChannel {
        void sync() throws IOException;
    }
}
