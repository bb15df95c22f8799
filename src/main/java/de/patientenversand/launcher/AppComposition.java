package de.patientenversand.launcher;

import de.patientenversand.common.Autostart;
import de.patientenversand.common.OwnerOnlyFiles;
import de.patientenversand.common.SingleInstance;
import de.patientenversand.common.UserException;
import de.patientenversand.settings.SettingsStore;
import de.patientenversand.ui.common.AppServices;
import de.patientenversand.vault.KdfParams;
import de.patientenversand.vault.VaultLayout;
import de.patientenversand.vault.VaultLock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The desktop app's composition root: builds every service once and hands them to the UI. It
 * takes the app lock of the vault (one app per vault), so a second window for the same data
 * folder gets a clear message instead of a half-working app.
 */
public final class AppComposition implements AutoCloseable {
    private final AppServices services;
    private final VaultLock lock;
    private final AppDesktop desktop;
    private final boolean handedOver;

    private AppComposition(AppServices services, VaultLock lock, AppDesktop desktop, boolean handedOver) {
        this.services = services;
        this.lock = lock;
        this.desktop = desktop;
        this.handedOver = handedOver;
    }

    /** Builds the app for {@code dataDir}; {@code kdf} are the Argon2 parameters for a new vault. */
    public static AppComposition create(Path dataDir, KdfParams kdf) {
        return create(dataDir, kdf, false);
    }

    /**
     * Builds the app for {@code dataDir}. If an app already runs for it, asks that one to show its
     * window instead ({@link #handedToRunningApp()}); {@code startHidden} keeps the window hidden
     * where a tray icon can bring it back (the start at login).
     */
    public static AppComposition create(Path dataDir, KdfParams kdf, boolean startHidden) {
        SettingsStore settings = new SettingsStore(dataDir);
        AppDesktop desktop = new AppDesktop(Autostart.forThisSystem(AppDesktop.startCommand(dataDir)), startHidden);
        VaultLock lock = null;
        String problem = null;
        try {
            OwnerOnlyFiles.createDirectories(dataDir);
            lock = VaultLock.app(new VaultLayout(dataDir));
            desktop.listen(dataDir);
        } catch (UserException e) {
            if ("vault.appRunning".equals(e.key()) && SingleInstance.activateRunning(dataDir)) {
                return new AppComposition(null, null, desktop, true);
            }
            problem = e.text(locale(settings));
        } catch (IOException e) {
            problem = new UserException(e, "vault.notWritable", dataDir.toString()).text(locale(settings));
        }
        ExecutorService background = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("app-work-", 0).factory());
        ServeChild serve = new ServeChild(() -> serveCommand(dataDir, settings));
        AppServices services = new AppServices(dataDir, settings, new AppVault(dataDir, kdf),
                new AppLinks(dataDir, settings, Clock.systemUTC()), new AppConsents(dataDir), serve, background, Clock.systemUTC(),
                ZoneId.systemDefault(), new FolderOpener(), desktop, problem);
        return new AppComposition(services, lock, desktop, false);
    }

    private static Locale locale(SettingsStore settings) {
        try {
            return "en".equals(settings.load().language()) ? Locale.ENGLISH : Locale.GERMAN;
        } catch (UserException e) {
            return Locale.GERMAN;
        }
    }

    private static List<String> serveCommand(Path dataDir, SettingsStore settings) {
        List<String> extra = new ArrayList<>();
        String mode;
        try {
            mode = settings.load().tunnelMode();
        } catch (UserException e) {
            mode = "off";
        }
        extra.add("--tunnel");
        extra.add(mode == null ? "off" : mode);
        return ServeChild.defaultCommand(dataDir, extra);
    }

    public AppServices services() {
        return services;
    }

    /** True if an app already ran for this vault and was asked to show its window: nothing to open. */
    public boolean handedToRunningApp() {
        return handedOver;
    }

    /** What a second start tells the patient, in the app's language. */
    static String handedOverMessage(Path dataDir) {
        return UserException.format(locale(new SettingsStore(dataDir)), "app.broughtToFront");
    }

    /** Releases the app lock (after the window closed). */
    @Override
    public void close() {
        if (services != null) {
            services.server().stop();
        }
        desktop.close();
        if (lock != null) {
            lock.close();
        }
    }
}
