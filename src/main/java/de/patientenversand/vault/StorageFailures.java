package de.patientenversand.vault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Tells a full disk (→ {@link StorageFullException}, HTTP 507) from other write failures. */
public final class StorageFailures {
    /** Below this much free space a failed write counts as "disk full". */
    private static final long NEARLY_FULL = 1L << 20;

    private StorageFailures() {
    }

    /** The exception to throw for a failed write: {@link StorageFullException} if the disk is full. */
    static RuntimeException orFull(IOException e, Path where) throws IOException {
        if (isDiskFull(e, where)) {
            return new StorageFullException(e);
        }
        throw e;
    }

    public static boolean isDiskFull(Throwable e, Path where) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("no space left") || m.contains("not enough space") || m.contains("disk full") || m.contains("disk is full")
                    || m.contains("enospc") || m.contains("quota exceeded")) {
                return true;
            }
        }
        try {
            return where != null && Files.getFileStore(where).getUsableSpace() < NEARLY_FULL;
        } catch (IOException | RuntimeException ignored) {
            return false;
        }
    }
}
