package de.patientenversand.launcher;

import de.patientenversand.common.OwnerOnlyFiles;
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

    private AppComposition(AppServices services, VaultLock lock) {
        this.services = services;
        this.lock = lock;
    }

    /** Builds the app for {@code dataDir}; {@code kdf} are the Argon2 parameters for a new vault. */
    public static AppComposition create(Path dataDir, KdfParams kdf) {
        SettingsStore settings = new SettingsStore(dataDir);
        VaultLock lock = null;
        String problem = null;
        try {
            OwnerOnlyFiles.createDirectories(dataDir);
            lock = VaultLock.app(new VaultLayout(dataDir));
        } catch (UserException e) {
            problem = e.text(locale(settings));
        } catch (IOException e) {
            problem = new UserException(e, "vault.notWritable", dataDir.toString()).text(locale(settings));
        }
        ExecutorService background = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("app-work-", 0).factory());
        ServeChild serve = new ServeChild(() -> serveCommand(dataDir, settings));
        AppServices services = new AppServices(dataDir, settings, new AppVault(dataDir, kdf),
                new AppLinks(dataDir, settings, Clock.systemUTC()), new AppConsents(dataDir), serve, background, Clock.systemUTC(),
                ZoneId.systemDefault(), new FolderOpener(), problem);
        return new AppComposition(services, lock);
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

    /** Releases the app lock (after the window closed). */
    @Override
    public void close() {
        services.server().stop();
        if (lock != null) {
            lock.close();
        }
    }
}
