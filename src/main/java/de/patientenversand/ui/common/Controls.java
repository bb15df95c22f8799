package de.patientenversand.ui.common;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.PasswordField;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/** Small factories so every control gets its text and its screen-reader label from the bundle. */
public final class Controls {
    private final I18n i18n;

    public Controls(I18n i18n) {
        this.i18n = i18n;
    }

    public Label label(String key, Object... args) {
        Label l = new Label(i18n.text(key, args));
        l.setWrapText(true);
        l.setAccessibleText(l.getText());
        return l;
    }

    public Label title(String key, Object... args) {
        Label l = label(key, args);
        l.getStyleClass().add("title-3");
        return l;
    }

    public Button button(String key, Runnable action) {
        Button b = new Button(i18n.text(key));
        b.setAccessibleText(b.getText());
        b.setOnAction(e -> action.run());
        return b;
    }

    public Button primary(String key, Runnable action) {
        Button b = button(key, action);
        b.getStyleClass().add("accent");
        b.setDefaultButton(true);
        return b;
    }

    public TextField field(String accessibleKey) {
        TextField f = new TextField();
        f.setAccessibleText(i18n.text(accessibleKey));
        f.setPromptText(i18n.text(accessibleKey));
        return f;
    }

    public PasswordField password(String accessibleKey) {
        PasswordField f = new PasswordField();
        f.setAccessibleText(i18n.text(accessibleKey));
        f.setPromptText(i18n.text(accessibleKey));
        return f;
    }

    /** A message line that is empty until something is to be said; screen readers read it. */
    public Label message() {
        Label l = new Label();
        l.setWrapText(true);
        l.getStyleClass().add("danger");
        l.accessibleTextProperty().bind(l.textProperty());
        return l;
    }

    public TextFlow paragraph(String key, Object... args) {
        Text t = new Text(i18n.text(key, args));
        TextFlow flow = new TextFlow(t);
        flow.setAccessibleText(t.getText());
        return flow;
    }
}
