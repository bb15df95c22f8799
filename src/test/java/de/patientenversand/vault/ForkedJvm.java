package de.patientenversand.vault;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts {@link StoreProcess} in a fresh JVM with the test class path. */
final class ForkedJvm {
    private ForkedJvm() {
    }

    static Process start(Path tmpDir, String maxHeap, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElseThrow());
        cmd.add("-Xmx" + maxHeap);
        cmd.add("-Djava.io.tmpdir=" + tmpDir);
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(StoreProcess.class.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }
}
