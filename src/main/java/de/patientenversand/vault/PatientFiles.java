package de.patientenversand.vault;

import de.patientenversand.common.OwnerOnlyFiles;
import de.patientenversand.common.UserException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Writes to a file the patient chose — the only way plaintext or the identity leave the vault.
 * New files only (never overwrites), 0600, fsynced. The folder is left as the patient has it
 * (unlike {@link OwnerOnlyFiles#writeAtomically}, which tightens its folder).
 */
final class PatientFiles {
    private PatientFiles() {
    }

    /** Copies a checked plaintext stream to {@code target} via a hidden part file; no partial result stays. */
    static void export(InputStream plaintext, Path target) throws IOException {
        Path out = target.toAbsolutePath();
        if (Files.exists(out)) {
            throw new UserException("vault.exportExists", out.toString());
        }
        Path part = out.resolveSibling("." + out.getFileName() + ".part");
        Files.deleteIfExists(part);
        try (FileChannel ch = create(part); OutputStream os = Channels.newOutputStream(ch)) {
            plaintext.transferTo(os);
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        Files.move(part, out, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes small content to a new file. */
    static void writeNew(Path target, byte[] content) throws IOException {
        if (Files.exists(target)) {
            throw new UserException("cli.outExists", target.toString());
        }
        try (FileChannel ch = create(target)) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    private static FileChannel create(Path file) throws IOException {
        return FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                OwnerOnlyFiles.fileAttributes());
    }
}
