package de.patientenversand.reliability;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real small file system (tmpfs of a fixed size, mounted by root) that a test can fill to the
 * last byte and free again, so the server meets a genuine "No space left on device".
 */
final class SmallDisk implements AutoCloseable {
    private final Path mountPoint;
    private final Path filler;

    private SmallDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
        this.filler = mountPoint.resolve("filler.bin");
    }

    /** Mounts a tmpfs of {@code megabytes} at {@code mountPoint}; null with the reason in {@code why} if it cannot. */
    static SmallDisk mount(Path mountPoint, int megabytes, StringBuilder why) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        String out = run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m,mode=0700", "pv-small-disk",
                mountPoint.toString());
        if (out != null) {
            why.append(out);
            return null;
        }
        return new SmallDisk(mountPoint);
    }

    Path root() {
        return mountPoint;
    }

    long free() throws IOException {
        return Files.getFileStore(mountPoint).getUsableSpace();
    }

    /** Writes a file until the disk refuses with "No space left on device"; returns that message. */
    String fill() throws IOException {
        byte[] block = new byte[256 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException e) {
            if (free() > 0) {
                throw e;
            }
            return String.valueOf(e.getMessage());
        }
    }

    /** Space is back: the filler goes. */
    void makeRoom() throws IOException {
        Files.deleteIfExists(filler);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        String out = run("umount", mountPoint.toString());
        if (out != null) {
            run("umount", "-l", mountPoint.toString());
        }
    }

    /** Runs a command; null if it succeeded, else what it printed. */
    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
        } catch (IOException e) {
            return e.getMessage();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "timed out";
        }
        return p.exitValue() == 0 ? null : out.strip() + " (exit " + p.exitValue() + ")";
    }
}
