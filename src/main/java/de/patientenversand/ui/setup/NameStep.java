package de.patientenversand.ui.setup;

import de.patientenversand.ui.common.Controls;
import de.patientenversand.ui.common.UiContext;
import java.util.function.Consumer;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/** Step 4: the patient's name, shown to practices on the sending page and in the consent. */
final class NameStep {
    private final VBox view;

    NameStep(UiContext ctx, String current, Consumer<String> next) {
        Controls c = new Controls(ctx.i18n());
        TextField name = c.field("setup.name.field");
        name.setId("patientName");
        name.setText(current);
        Label message = c.message();
        Button go = c.primary("setup.next", () -> {
            String n = name.getText().strip();
            if (n.isEmpty()) {
                message.setText(ctx.text("setup.name.missing"));
            } else {
                next.accept(n);
            }
        });
        go.setId("nameNext");
        view = new VBox(12, c.title("setup.name.title"), c.label("setup.name.text"), name, message,
                SetupWizard.buttons(go));
    }

    Parent view() {
        return view;
    }
}
