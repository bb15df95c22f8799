package de.patientenversand.common;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Windows: a value under {@code HKCU\Software\Microsoft\Windows\CurrentVersion\Run}, set and
 * removed with the system's {@code reg.exe} (no administrator rights, no console window at login).
 */
final class WindowsRunKey implements Autostart {
    static final String KEY = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";
    private final List<String> command;

    WindowsRunKey(List<String> command) {
        this.command = List.copyOf(command);
    }

    @Override
    public boolean isEnabled() throws IOException {
        return reg(List.of("query", KEY, "/v", ENTRY)) == 0;
    }

    @Override
    public void enable() throws IOException {
        check(reg(addArguments()));
    }

    @Override
    public void disable() throws IOException {
        if (isEnabled()) {
            check(reg(List.of("delete", KEY, "/v", ENTRY, "/f")));
        }
    }

    List<String> addArguments() {
        return List.of("add", KEY, "/v", ENTRY, "/t", "REG_SZ", "/d", value(), "/f");
    }

    /** The command line Windows runs: every part in double quotes. */
    String value() {
        return command.stream().map(a -> "\"" + a.replace("\"", "\\\"") + "\"").collect(Collectors.joining(" "));
    }

    private static void check(int exit) throws IOException {
        if (exit != 0) {
            throw new IOException("reg.exe exit " + exit);
        }
    }

    private static int reg(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add("reg.exe");
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("reg.exe did not answer");
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
