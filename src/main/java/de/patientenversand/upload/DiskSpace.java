package de.patientenversand.upload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Free space on the vault's disk. The server keeps a reserve (200 MB by default) beyond each
 * file, so that an upload never fills the patient's disk to the last byte.
 */
@FunctionalInterface
public interface DiskSpace {

    long usableBytes() throws IOException;

    static DiskSpace of(Path dir) {
        return () -> Files.getFileStore(dir).getUsableSpace();
    }
}
