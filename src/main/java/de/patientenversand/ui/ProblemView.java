package de.patientenversand.ui;

import de.patientenversand.ui.common.Controls;
import de.patientenversand.ui.common.UiContext;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** Shown instead of everything else when the app cannot run, e.g. it is already open for this vault. */
final class ProblemView {
    private final VBox root;

    ProblemView(UiContext ctx, String problem) {
        Controls c = new Controls(ctx.i18n());
        Label text = new Label(problem);
        text.setWrapText(true);
        text.setId("startupProblem");
        text.setAccessibleText(problem);
        text.getStyleClass().add("title-4");
        Button close = c.primary("problem.close", Platform::exit);
        root = new VBox(16, c.title("problem.title"), text, close);
        root.setPadding(new Insets(40));
        root.setMaxWidth(640);
    }

    Parent view() {
        return root;
    }
}
