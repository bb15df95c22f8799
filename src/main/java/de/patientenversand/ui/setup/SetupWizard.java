package de.patientenversand.ui.setup;

import de.patientenversand.settings.Settings;
import de.patientenversand.ui.common.Controls;
import de.patientenversand.ui.common.UiContext;
import de.patientenversand.ui.common.VaultAccess;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * First run, one step at a time: welcome, password, recovery code, name, how practices reach
 * the computer; then straight into the share panel.
 */
public final class SetupWizard {
    private final UiContext ctx;
    private final Controls c;
    private final Consumer<VaultAccess.Unlocked> done;
    private final BorderPane root = new BorderPane();
    private final Label stepLabel;
    private VaultAccess.Unlocked unlocked;
    private String patientName = "";

    private final Runnable restored;

    public SetupWizard(UiContext ctx, Consumer<VaultAccess.Unlocked> done, Runnable restored) {
        this.restored = restored;
        this.ctx = ctx;
        this.c = new Controls(ctx.i18n());
        this.done = done;
        this.stepLabel = c.label("setup.step", 1, 5);
        stepLabel.getStyleClass().add("text-muted");
        root.setPadding(new Insets(32, 48, 32, 48));
        root.getStyleClass().add("setup");
        welcome();
    }

    public Parent view() {
        return root;
    }

    private void step(int number, Node content) {
        stepLabel.setText(ctx.text("setup.step", number, 5));
        VBox box = new VBox(16, stepLabel, content);
        box.setMaxWidth(640);
        box.setAlignment(Pos.TOP_LEFT);
        BorderPane.setMargin(box, new Insets(24, 0, 0, 0));
        root.setCenter(box);
    }

    static HBox buttons(Node... nodes) {
        HBox row = new HBox(12, nodes);
        row.setAlignment(Pos.CENTER_LEFT);
        row.setPadding(new Insets(12, 0, 0, 0));
        return row;
    }

    private void welcome() {
        Button next = c.primary("setup.welcome.start", this::password);
        next.setId("welcomeStart");
        Button restore = c.button("restore.start", this::restore);
        restore.setId("welcomeRestore");
        step(1, new VBox(16, c.title("setup.welcome.title"), c.label("setup.welcome.text"), buttons(next, restore)));
        next.requestFocus();
    }

    private void restore() {
        step(1, new RestoreStep(ctx, this::welcome, restored).view());
    }

    private void password() {
        step(2, new PasswordStep(ctx, this::vaultCreated).view());
    }

    private void vaultCreated(String recoveryCode, VaultAccess.Unlocked opened) {
        this.unlocked = opened;
        step(3, new RecoveryCodeStep(ctx, recoveryCode, this::name).view());
    }

    private void name() {
        step(4, new NameStep(ctx, patientName, n -> {
            patientName = n;
            connection();
        }).view());
    }

    private void connection() {
        step(5, new ConnectionStep(ctx, "quick", this::finish).view());
    }

    private void finish(String tunnelMode, String namedToken) {
        ctx.run(ctx.task(() -> {
            Settings s = ctx.services().settings().load().withPatientName(patientName).withTunnelMode(tunnelMode);
            if ("named".equals(tunnelMode) && !namedToken.isEmpty()) {
                s = s.withNamedTunnel(namedToken, s.namedTunnelPort());
            }
            ctx.services().settings().save(s);
            return null;
        }).onSuccess(x -> done.accept(unlocked)));
    }
}
