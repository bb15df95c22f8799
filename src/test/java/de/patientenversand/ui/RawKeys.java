package de.patientenversand.ui;

import static org.assertj.core.api.Assertions.assertThat;

import de.patientenversand.ui.common.I18n;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.text.Text;
import org.testfx.api.FxRobot;

/** Walks a window's controls and fails if any shows a bundle key instead of a text. */
final class RawKeys {
    private RawKeys() {
    }

    static void assertNone(FxRobot robot) {
        Set<String> keys = I18n.forLanguage("de").bundle().keySet();
        List<String> shown = new ArrayList<>();
        robot.interact(() -> robot.listTargetWindows().forEach(w -> collect(w.getScene().getRoot(), shown)));
        assertThat(shown).as("texts on screen").isNotEmpty();
        assertThat(shown).as("no control shows a raw key").noneMatch(keys::contains)
                .noneMatch(s -> s.matches("[a-z]+(\\.[a-zA-Z0-9]+)+"));
    }

    private static void collect(Node node, List<String> out) {
        add(out, node.getAccessibleText());
        if (node instanceof Labeled l) {
            add(out, l.getText());
        } else if (node instanceof TextInputControl t) {
            add(out, t.getPromptText());
        } else if (node instanceof Text t) {
            add(out, t.getText());
        }
        if (node instanceof TabPane tabs) {
            for (Tab tab : tabs.getTabs()) {
                add(out, tab.getText());
            }
        }
        if (node instanceof TableView<?> table) {
            table.getColumns().forEach(c -> add(out, c.getText()));
        }
        if (node instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(child -> collect(child, out));
        }
    }

    private static void add(List<String> out, String text) {
        if (text != null && !text.isBlank()) {
            out.add(text);
        }
    }
}
