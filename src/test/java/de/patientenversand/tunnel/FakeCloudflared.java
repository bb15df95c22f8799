package de.patientenversand.tunnel;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Puts an executable {@code cloudflared} into a folder that runs the fake script with bash
 * (Maven drops the run bit of resources). It uses {@code exec}, so its pid is the fake's pid.
 */
public final class FakeCloudflared {
    private FakeCloudflared() {
    }

    public static Path script() {
        try {
            return Path.of(FakeCloudflared.class.getResource("/tunnel/fake-cloudflared.sh").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path install(Path dir) throws IOException {
        return install(dir, "");
    }

    /** With fixed settings, e.g. {@code FAKE_CF_MODE=slow FAKE_CF_DELAY=5}. */
    public static Path install(Path dir, String envAssignments) throws IOException {
        Files.createDirectories(dir);
        Path bin = dir.resolve("cloudflared");
        String env = envAssignments.isBlank() ? "" : "export " + envAssignments + "\n";
        Files.writeString(bin, "#!/bin/sh\n" + env + "exec bash '" + script() + "' \"$@\"\n");
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwx------"));
        return bin;
    }

    public static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                && !isZombie(pid);
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits up to {@code millis} for the process to be gone. */
    public static boolean gone(long pid, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (!alive(pid)) {
                return true;
            }
            Thread.sleep(50);
        }
        return !alive(pid);
    }
}
