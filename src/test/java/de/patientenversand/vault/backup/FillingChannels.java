package de.patientenversand.vault.backup;

import de.patientenversand.vault.TempChannels;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/** A disk that is full after {@code capacity} bytes in total: writes then fail like ENOSPC. */
final class FillingChannels implements TempChannels {
    private final long capacity;
    private long used;

    FillingChannels(long capacity) {
        this.capacity = capacity;
    }

    @Override
    public PartialFile create(Path file) throws IOException {
        PartialFile real = TempChannels.FILES.create(file);
        return new PartialFile() {
            @Override
            public void sync() throws IOException {
                real.sync();
            }

            @Override
            public int write(ByteBuffer src) throws IOException {
                if (used + src.remaining() > capacity) {
                    throw new IOException("No space left on device");
                }
                used += src.remaining();
                return real.write(src);
            }

            @Override
            public boolean isOpen() {
                return real.isOpen();
            }

            @Override
            public void close() throws IOException {
                real.close();
            }
        };
    }
}
