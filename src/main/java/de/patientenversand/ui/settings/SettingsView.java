package de.patientenversand.ui.settings;

import de.patientenversand.settings.Settings;
import de.patientenversand.ui.common.Controls;
import de.patientenversand.ui.common.UiContext;
import de.patientenversand.ui.setup.ConnectionStep;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** Language, auto-lock time, file size limit, data folder and how practices reach the computer. */
public final class SettingsView {
    private final UiContext ctx;
    private final Runnable restartServer;
    private final ScrollPane root;

    public SettingsView(UiContext ctx, Runnable restartServer) {
        this.ctx = ctx;
        this.restartServer = restartServer;
        Controls c = new Controls(ctx.i18n());
        Settings s = ctx.services().settings().load();

        ChoiceBox<String> language = new ChoiceBox<>();
        language.getItems().addAll("de", "en");
        language.setValue(s.language());
        language.setConverter(new StringConverter<>() {
            @Override
            public String toString(String code) {
                return code == null ? "" : ctx.text("settings.language." + code);
            }

            @Override
            public String fromString(String text) {
                return null;
            }
        });
        language.setAccessibleText(ctx.text("settings.language"));
        language.setId("settingsLanguage");
        Spinner<Integer> autoLock = new Spinner<>(1, 240, s.autoLockMinutes());
        autoLock.setEditable(true);
        autoLock.setAccessibleText(ctx.text("settings.autoLock"));
        autoLock.setId("settingsAutoLock");
        Spinner<Integer> maxSize = new Spinner<>(1, 2048, s.maxFileSizeMb());
        maxSize.setEditable(true);
        maxSize.setAccessibleText(ctx.text("settings.maxFileSize"));
        maxSize.setId("settingsMaxSize");
        Label folder = new Label(ctx.services().dataDir().toString());
        folder.setId("settingsDataDir");
        folder.setAccessibleText(ctx.text("settings.dataDir") + " " + folder.getText());
        Button openFolder = c.button("settings.openFolder", this::openFolder);
        ToggleGroup mode = new ToggleGroup();
        javafx.scene.control.PasswordField token = ConnectionStep.tokenField(ctx);
        if (s.namedTunnelToken() != null) {
            token.setPromptText(ctx.text("connection.named.tokenSaved"));
        }
        VBox modes = ConnectionStep.choices(ctx, mode, s.tunnelMode(), token);
        Label message = new Label();
        message.setId("settingsMessage");
        message.accessibleTextProperty().bind(message.textProperty());
        Button save = c.primary("settings.save", () -> save(language.getValue(), autoLock.getValue(),
                maxSize.getValue(), (String) mode.getSelectedToggle().getUserData(), token.getText().strip(), message));
        save.setId("settingsSave");

        CheckBox startAtLogin = startAtLogin(message);

        GridPane grid = new GridPane(16, 12);
        grid.addRow(0, c.label("settings.language"), language);
        grid.addRow(1, c.label("settings.autoLock"), autoLock);
        grid.addRow(2, c.label("settings.maxFileSize"), maxSize);
        grid.addRow(3, c.label("settings.dataDir"), new VBox(6, folder, openFolder));
        grid.add(startAtLogin, 0, 4, 2, 1);
        VBox box = new VBox(16, c.title("settings.title"), grid, c.title("setup.connection.title"), modes,
                save, message, new BackupPane(ctx).view());
        box.setPadding(new Insets(16));
        root = new ScrollPane(box);
        root.setFitToWidth(true);
    }

    public Parent view() {
        return root;
    }

    /** The system's own autostart entry is the setting: read it, and change it at once on a click. */
    private CheckBox startAtLogin(Label message) {
        CheckBox box = new CheckBox(ctx.text("settings.startAtLogin"));
        box.setId("settingsStartAtLogin");
        box.setDisable(true);
        ctx.run(ctx.task(() -> ctx.services().desktop().startsAtLogin()).onSuccess(on -> {
            box.setSelected(on);
            box.setDisable(false);
        }).onError(java.io.IOException.class, e -> box.setDisable(true)));
        box.setOnAction(e -> {
            boolean wanted = box.isSelected();
            box.setDisable(true);
            ctx.run(ctx.task(() -> {
                ctx.services().desktop().startAtLogin(wanted);
                return wanted;
            }).onSuccess(on -> message.setText(ctx.text(on ? "settings.startAtLogin.on" : "settings.startAtLogin.off")))
                    .onError(java.io.IOException.class, ex -> {
                        box.setSelected(!wanted);
                        message.setText(ctx.text("settings.startAtLogin.failed"));
                    }).andFinally(() -> box.setDisable(false)));
        });
        return box;
    }

    private void openFolder() {
        ctx.run(ctx.task(() -> {
            ctx.services().folderOpener().open(ctx.services().dataDir());
            return null;
        }));
    }

    private void save(String language, int autoLock, int maxSize, String tunnelMode, String token, Label message) {
        ctx.run(ctx.task(() -> {
            Settings old = ctx.services().settings().load();
            Settings s = old.withLanguage(language).withAutoLockMinutes(autoLock).withMaxFileSizeMb(maxSize)
                    .withTunnelMode(tunnelMode);
            boolean newToken = !token.isEmpty();
            if (newToken) {
                s = s.withNamedTunnel(token, s.namedTunnelPort());
            }
            ctx.services().settings().save(s);
            return newToken || !old.tunnelMode().equals(tunnelMode) || old.maxFileSizeMb() != maxSize;
        }).onSuccess(serverChanged -> {
            message.setText(ctx.text("settings.saved"));
            if (serverChanged) {
                restartServer.run();
            }
        }));
    }
}
