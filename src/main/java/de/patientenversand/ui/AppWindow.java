package de.patientenversand.ui;

import de.patientenversand.settings.Settings;
import de.patientenversand.ui.common.AppServices;
import de.patientenversand.ui.common.ErrorReporter;
import de.patientenversand.ui.common.FileDialogs;
import de.patientenversand.ui.common.Formats;
import de.patientenversand.ui.common.I18n;
import de.patientenversand.ui.common.IdleLock;
import de.patientenversand.ui.common.ServerEvent;
import de.patientenversand.ui.common.ServerStatus;
import de.patientenversand.ui.common.UiContext;
import de.patientenversand.ui.common.VaultAccess;
import de.patientenversand.ui.setup.SetupWizard;
import de.patientenversand.ui.unlock.UnlockView;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;

/**
 * The main window and its flow: setup (no vault yet) or unlock, then the main view; locking
 * (by hand or after idle time) drops the unlocked inbox and every decrypted view.
 * The {@code serve} child runs the whole time, so uploads arrive while the inbox is locked.
 */
public final class AppWindow {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AppWindow.class);
    private final AppServices services;
    private final Stage stage;
    private final UiContext ctx;
    private final ServerStatus status;
    private final Scene scene;
    private final IdleLock idleLock;
    private final Tray tray;
    private boolean inTray;
    private boolean toldRunningInBackground;
    private MainView main;
    private UnlockView unlock;

    AppWindow(AppServices services, FileDialogs dialogs, Stage stage, Settings settings, Tray tray) {
        this.services = services;
        this.stage = stage;
        this.tray = tray;
        I18n i18n = I18n.forLanguage(settings.language());
        ErrorReporter errors = new ErrorReporter(i18n, this::showError);
        this.ctx = new UiContext(services, i18n, new Formats(i18n, services.zone()), errors, dialogs, stage);
        this.status = new ServerStatus(i18n);
        status.tunnelMode(settings.tunnelMode());
        this.scene = new Scene(new javafx.scene.layout.StackPane(), 1180, 760);
        this.idleLock = new IdleLock(scene, this::lock);
    }

    void open() {
        stage.setOnShown(e -> LOG.info("Window visible {} ms after the process started",
                ProcessHandle.current().info().startInstant()
                        .map(t -> java.time.Duration.between(t, java.time.Instant.now()).toMillis()).orElse(-1L)));
        stage.setScene(scene);
        stage.setTitle(ctx.text("window.title"));
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        AppIcons.apply(stage);
        if (services.startupProblem() != null) {
            show(new ProblemView(ctx, services.startupProblem()).view());
            stage.show();
            return;
        }
        services.desktop().onSecondStart(() -> Platform.runLater(this::bringToFront));
        installTray();
        if (services.vault().exists()) {
            showUnlock();
        } else {
            show(new SetupWizard(ctx, this::setupDone, () -> {
                showUnlock();
                startServer();
            }).view());
        }
        if (!(inTray && services.desktop().startInBackground() && services.vault().exists())) {
            stage.show();
        }
        if (services.vault().exists()) {
            // Without a vault there is nothing to receive into; setup starts it when done.
            startServer();
        }
    }

    /**
     * With a tray icon, closing the window keeps the app receiving: the inbox locks, the window
     * hides, and the icon brings it back. Without one (or before a vault exists) closing ends it.
     */
    private void installTray() {
        inTray = tray.install(new Tray.Labels(ctx.text("tray.tooltip"), ctx.text("tray.open"), ctx.text("tray.quit")),
                () -> Platform.runLater(this::bringToFront), () -> Platform.runLater(Platform::exit));
        if (!inTray) {
            stage.setOnCloseRequest(null);
            return;
        }
        Platform.setImplicitExit(false);
        stage.setOnCloseRequest(e -> {
            if (services.vault().exists()) {
                e.consume();
                toBackground();
            } else {
                Platform.exit();
            }
        });
    }

    /** Hides the window (locking the inbox first); {@code serve} goes on receiving. */
    public void toBackground() {
        if (main != null) {
            lock();
        }
        stage.hide();
        if (!toldRunningInBackground) {
            toldRunningInBackground = true;
            tray.notify(ctx.text("window.title"), ctx.text("tray.runningInBackground"));
        }
    }

    /** Shows the window in front of the others (a second start, the tray icon). */
    public void bringToFront() {
        if (!stage.isShowing()) {
            stage.show();
        }
        stage.setIconified(false);
        stage.toFront();
        stage.requestFocus();
    }

    private void startServer() {
        services.server().start(event -> Platform.runLater(() -> onServerEvent(event)));
    }

    private void setupDone(VaultAccess.Unlocked unlocked) {
        restartServer();
        showMain(unlocked, true);
    }

    private void showUnlock() {
        unlock = new UnlockView(ctx, unlocked -> showMain(unlocked, false));
        show(unlock.view());
        stage.setTitle(ctx.text("window.title"));
    }

    private void showMain(VaultAccess.Unlocked unlocked, boolean sharePanelFirst) {
        unlock = null;
        main = new MainView(ctx, status, unlocked, this::lock, this::restartServer);
        show(main.view());
        main.start(sharePanelFirst);
        idleLock.start(services.settings().load().autoLockMinutes());
    }

    /** Locks: closes the inbox (wiping its key) and throws away every decrypted view. */
    public void lock() {
        idleLock.stop();
        if (main != null) {
            main.close();
            main = null;
        }
        showUnlock();
    }

    private void onServerEvent(ServerEvent event) {
        status.apply(event);
        if ("upload_received".equals(event.type()) && inTray && !stage.isShowing()) {
            tray.notify(ctx.text("window.title"), ctx.text("tray.newDocument"));
        }
        if (event.type().startsWith("upload")) {
            if (main != null) {
                main.uploadArrived();
            } else if (unlock != null) {
                unlock.uploadArrived();
            }
        }
    }

    private void restartServer() {
        status.tunnelMode(services.settings().load().tunnelMode());
        services.server().stop();
        startServer();
    }

    private void show(Parent root) {
        scene.setRoot(root);
    }

    private void showError(String text) {
        Alert alert = new Alert(Alert.AlertType.ERROR, text, ButtonType.OK);
        alert.setHeaderText(null);
        alert.setTitle(ctx.text("window.title"));
        alert.initOwner(stage);
        alert.show();
    }

    void shutdown() {
        tray.remove();
        idleLock.stop();
        if (main != null) {
            main.close();
        }
        services.server().stop();
        services.background().shutdownNow();
    }

    public UiContext context() {
        return ctx;
    }
}
