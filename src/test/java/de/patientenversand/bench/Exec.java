package de.patientenversand.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command to its end and times it from spawn to exit (the wall clock a user sees). */
final class Exec {
    private Exec() {
    }

    record Result(int exit, double millis, String out, String err) {
        void requireExit(int expected, String what) {
            if (exit != expected) {
                throw new IllegalStateException(what + " exited with " + exit + ":\n" + out + err);
            }
        }
    }

    static Result run(List<String> command, Path dir, Map<String, String> env) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "exec", ".out");
        Path err = Files.createTempFile(dir, "exec", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().keySet().removeIf(k -> k.startsWith("PATIENTENVERSAND_"));
            pb.environment().putAll(env);
            long t0 = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + command.get(0));
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            return new Result(p.exitValue(), ms, Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** The first line a tool prints for its version flag, or "?". */
    static String version(String tool, String flag) {
        try {
            Result r = run(List.of(tool, flag), Path.of(System.getProperty("java.io.tmpdir")), Map.of());
            String s = (r.out() + r.err()).strip();
            return s.isEmpty() ? "?" : s.lines().findFirst().orElse("?");
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }
}
