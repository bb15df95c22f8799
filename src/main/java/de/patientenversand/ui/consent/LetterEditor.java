package de.patientenversand.ui.consent;

import de.patientenversand.common.OwnerOnlyFiles;
import de.patientenversand.common.UserException;
import de.patientenversand.consent.RequestLetter;
import de.patientenversand.ui.common.Controls;
import de.patientenversand.ui.common.LinkAccess.ShareLink;
import de.patientenversand.ui.common.UiContext;
import de.patientenversand.vault.Inbox;
import java.time.LocalDate;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;

/**
 * The letter to a practice asking for copies of the records (Art. 15 DSGVO) with the link and
 * its check code: practice name and address editable, saved as PDF (with the newest consent
 * attached, all in memory) or copied as text for an e-mail.
 */
public final class LetterEditor {
    private final UiContext ctx;
    private final Inbox inbox;
    private final ShareLink link;
    private final Stage stage = new Stage();
    private final TextField practice;
    private final TextArea practiceAddress = new TextArea();
    private final TextField name;
    private final Label message;

    public LetterEditor(UiContext ctx, Inbox inbox, ShareLink link) {
        this.ctx = ctx;
        this.inbox = inbox;
        this.link = link;
        Controls c = new Controls(ctx.i18n());
        practice = c.field("letter.practice");
        practice.setId("letterPractice");
        practice.setText(link.label());
        practiceAddress.setId("letterAddress");
        practiceAddress.setPrefRowCount(3);
        practiceAddress.setAccessibleText(ctx.text("letter.address"));
        name = c.field("letter.name");
        name.setId("letterName");
        name.setText(ctx.services().settings().load().patientName());
        message = c.message();
        message.setId("letterMessage");
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        grid.addRow(0, labelFor(c, "letter.practice", practice), practice);
        grid.addRow(1, labelFor(c, "letter.address", practiceAddress), practiceAddress);
        grid.addRow(2, labelFor(c, "letter.name", name), name);
        Button pdf = c.primary("letter.savePdf", this::savePdf);
        pdf.setId("letterPdf");
        Button copy = c.button("letter.copyText", this::copyText);
        copy.setId("letterCopy");
        Button close = c.button("consent.close", stage::close);
        HBox actions = new HBox(12, pdf, copy, close);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(12, c.title("letter.title", link.label()), c.label("letter.intro"), grid, actions, message);
        box.setPadding(new Insets(16));
        stage.setTitle(ctx.text("letter.title", link.label()));
        stage.initOwner(ctx.stage());
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setScene(new Scene(box, 680, 460));
    }

    private static Label labelFor(Controls c, String key, javafx.scene.Node field) {
        Label l = c.label(key);
        l.setLabelFor(field);
        l.setMinWidth(140);
        return l;
    }

    public void show() {
        stage.show();
    }

    private RequestLetter.Data data() {
        String address = practiceAddress.getText() == null ? "" : practiceAddress.getText().strip();
        return new RequestLetter.Data(name.getText().strip(), null, null, practice.getText().strip(), address,
                link.url(), link.checkCode(), LocalDate.now(ctx.services().clock().withZone(ctx.services().zone())))
                .validated();
    }

    private void copyText() {
        try {
            String text = new RequestLetter(ctx.services().zone()).text(data());
            ClipboardContent content = new ClipboardContent();
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
            say("success", ctx.text("letter.copied"));
        } catch (UserException e) {
            say("danger", e.text(ctx.i18n().locale()));
        }
    }

    private void savePdf() {
        RequestLetter.Data data;
        try {
            data = data();
        } catch (UserException e) {
            say("danger", e.text(ctx.i18n().locale()));
            return;
        }
        ctx.dialogs().saveFile(stage, ctx.text("letter.savePdf"), ctx.text("letter.fileName")).ifPresent(target ->
                ctx.run(ctx.task(() -> {
                    List<Integer> versions = ctx.services().consents().versions(inbox, link.id());
                    byte[] consent = versions.isEmpty() ? null
                            : ctx.services().consents().pdf(inbox, link.id(), versions.get(versions.size() - 1));
                    OwnerOnlyFiles.writeAtomically(target.toAbsolutePath(),
                            new RequestLetter(ctx.services().zone()).pdf(data, consent));
                    return consent != null;
                }).onSuccess(withConsent -> say("success",
                        ctx.text(withConsent ? "letter.saved" : "letter.savedNoConsent", target.getFileName())))
                        .onError(UserException.class, e -> say("danger", e.text(ctx.i18n().locale())))));
    }

    private void say(String style, String text) {
        message.getStyleClass().setAll("label", style);
        message.setText(text);
    }
}
