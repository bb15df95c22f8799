package de.patientenversand.ui;

import atlantafx.base.theme.PrimerLight;
import de.patientenversand.settings.Settings;
import de.patientenversand.ui.common.AppServices;
import de.patientenversand.ui.common.FileDialogs;
import de.patientenversand.ui.common.FxFileDialogs;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/** The JavaFX application: sets the theme and opens the main window. */
public final class FxApp extends Application {
    /*
     * Application.launch() instantiates this class reflectively through its no-argument
     * constructor, so the services built by the composition root cannot be passed in directly.
     * This one-shot hand-off is read and cleared exactly once; tests use the other constructor.
     */
    private static final AtomicReference<AppServices> HAND_OFF = new AtomicReference<>();
    private final AppServices services;
    private final FileDialogs dialogs;
    private final Tray tray;
    private AppWindow window;

    public FxApp() {
        this(HAND_OFF.getAndSet(null), new FxFileDialogs(), new AwtTray());
    }

    /** Without a tray icon: closing the window ends the app. */
    public FxApp(AppServices services, FileDialogs dialogs) {
        this(services, dialogs, Tray.none());
    }

    FxApp(AppServices services, FileDialogs dialogs, Tray tray) {
        if (services == null) {
            throw new IllegalStateException("FxApp started without services");
        }
        this.services = services;
        this.dialogs = dialogs;
        this.tray = tray;
    }

    static void handOff(AppServices services) {
        HAND_OFF.set(services);
    }

    @Override
    public void start(Stage stage) {
        // Decoded images stay in memory: no ImageIO cache files in java.io.tmpdir.
        ImageIO.setUseCache(false);
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        Settings settings = services.settings().load();
        window = new AppWindow(services, dialogs, stage, settings, tray);
        window.open();
    }

    @Override
    public void stop() {
        if (window != null) {
            window.shutdown();
        }
    }

    /** The window, for tests. */
    public AppWindow window() {
        return window;
    }
}
