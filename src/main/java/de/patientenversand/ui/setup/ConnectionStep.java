package de.patientenversand.ui.setup;

import de.patientenversand.ui.common.Controls;
import de.patientenversand.ui.common.UiContext;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;

/** Step 5 (also used in the settings): how practices reach this computer, one sentence each. */
public final class ConnectionStep {
    private final VBox view;

    ConnectionStep(UiContext ctx, String current, Consumer<String> done) {
        Controls c = new Controls(ctx.i18n());
        ToggleGroup group = new ToggleGroup();
        VBox choices = choices(ctx, group, current);
        Button finish = c.primary("setup.finish", () -> done.accept((String) group.getSelectedToggle().getUserData()));
        finish.setId("connectionFinish");
        view = new VBox(12, c.title("setup.connection.title"), choices, SetupWizard.buttons(finish));
    }

    /** The three choices as radio buttons with their explanation; user data is the mode. */
    public static VBox choices(UiContext ctx, ToggleGroup group, String current) {
        VBox box = new VBox(10);
        for (String mode : new String[] {"quick", "named", "off"}) {
            RadioButton radio = new RadioButton(ctx.text("connection." + mode));
            radio.setUserData(mode);
            radio.setToggleGroup(group);
            radio.setId("mode-" + mode);
            radio.setSelected(mode.equals(current));
            Label explain = new Label(ctx.text("connection." + mode + ".text"));
            explain.setWrapText(true);
            explain.getStyleClass().add("text-muted");
            radio.setAccessibleText(radio.getText() + ". " + explain.getText());
            Node entry = new VBox(2, radio, indent(explain));
            box.getChildren().add(entry);
        }
        if (group.getSelectedToggle() == null) {
            group.selectToggle(group.getToggles().getFirst());
        }
        return box;
    }

    private static Node indent(Label l) {
        l.setPadding(new javafx.geometry.Insets(0, 0, 0, 28));
        return l;
    }

    Parent view() {
        return view;
    }
}
