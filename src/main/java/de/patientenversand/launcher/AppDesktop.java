package de.patientenversand.launcher;

import de.patientenversand.common.Autostart;
import de.patientenversand.common.SingleInstance;
import de.patientenversand.ui.common.DesktopIntegration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The desktop integration of the real app: the system's autostart entry and second starts. */
final class AppDesktop implements DesktopIntegration, AutoCloseable {
    /** The option the autostart entry passes, so a start at login opens no window. */
    static final String BACKGROUND_OPTION = "--background";
    private static final Logger LOG = LoggerFactory.getLogger(AppDesktop.class);

    private final Autostart autostart;
    private final boolean background;
    private final AtomicReference<Runnable> show = new AtomicReference<>(() -> { });
    private SingleInstance listener;

    AppDesktop(Autostart autostart, boolean background) {
        this.autostart = autostart;
        this.background = background;
    }

    /** Listens for second starts (call while holding the app lock). */
    void listen(Path dataDir) {
        try {
            listener = SingleInstance.listen(dataDir, () -> show.get().run());
        } catch (IOException | RuntimeException e) {
            // e.g. a data folder path too long for a socket: second starts then get the plain message
            LOG.warn("Second starts cannot reach this app ({})", e.getClass().getSimpleName());
        }
    }

    @Override
    public boolean startsAtLogin() throws IOException {
        return autostart.isEnabled();
    }

    @Override
    public void startAtLogin(boolean on) throws IOException {
        if (on) {
            autostart.enable();
        } else {
            autostart.disable();
        }
    }

    @Override
    public void onSecondStart(Runnable r) {
        show.set(r);
    }

    @Override
    public boolean startInBackground() {
        return background;
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close();
        }
    }

    /**
     * The command that starts this installation again: the installer's launcher where there is
     * one (jpackage sets {@code jpackage.app-path}), else this Java with this jar or class path.
     */
    static List<String> startCommand(Path dataDir) {
        List<String> cmd = new ArrayList<>();
        String launcher = System.getProperty("jpackage.app-path");
        if (launcher != null && !launcher.isBlank()) {
            cmd.add(launcher);
        } else {
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            String classPath = System.getProperty("java.class.path");
            if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator) && Files.isRegularFile(Path.of(classPath))) {
                cmd.add("-jar");
                cmd.add(Path.of(classPath).toAbsolutePath().toString());
            } else {
                cmd.add("-cp");
                cmd.add(classPath);
                cmd.add(Main.class.getName());
            }
        }
        // always named: at login the environment that chose this folder may be missing
        cmd.add("--data-dir");
        cmd.add(dataDir.toString());
        cmd.add(BACKGROUND_OPTION);
        return cmd;
    }
}
