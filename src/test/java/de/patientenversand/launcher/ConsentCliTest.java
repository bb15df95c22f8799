package de.patientenversand.launcher;

import static de.patientenversand.launcher.InProcessCli.run;
import static org.assertj.core.api.Assertions.assertThat;

import de.patientenversand.launcher.InProcessCli.Result;
import de.patientenversand.settings.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("consent, letter and inbox prune on the command line")
@org.junit.jupiter.api.extension.ExtendWith(InProcessCli.class)
class ConsentCliTest {
    @TempDir
    Path tmp;
    Path data;
    Path pw;
    String linkId;

    @BeforeEach
    void init() throws Exception {
        data = tmp.resolve("data");
        pw = tmp.resolve("pw.txt");
        Files.writeString(pw, "ein langer geheimer Satz\n");
        assertThat(run("init", "--data-dir", data.toString(), "--new-passphrase-file", pw.toString()).code()).isZero();
        assertThat(run("link", "create", "--data-dir", data.toString(), "--label", "Praxis Dr. Ünal Öztürk").code()).isZero();
        try (var db = LinkCommand.database(data)) {
            linkId = db.read(c -> {
                try (var st = c.createStatement(); var rs = st.executeQuery("SELECT id FROM links")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
        }
    }

    static String text(Path pdf) throws Exception {
        try (var doc = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(doc);
        }
    }

    @Test
    @DisplayName("consent set stores a version with the link's label as practice; show writes it; a missing name is named in the message")
    void consent() throws Exception {
        Result missing = run("consent", "set", "--data-dir", data.toString(), "--passphrase-file", pw.toString(),
                "--link", linkId, "--birth", "1980-04-23", "--typed-signature", "Ł Ż");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("„Name“");
        Result noSignature = run("consent", "set", "--data-dir", data.toString(), "--passphrase-file", pw.toString(),
                "--link", linkId, "--name", "Łukasz Żółć", "--birth", "1980-04-23");
        assertThat(noSignature.err()).contains("„Unterschrift“");
        Result ok = run("consent", "set", "--data-dir", data.toString(), "--passphrase-file", pw.toString(),
                "--link", linkId, "--name", "Łukasz Żółć", "--birth", "1980-04-23", "--typed-signature", "Łukasz Żółć");
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("Fassung 1");
        assertThat(run("consent", "versions", "--data-dir", data.toString(), "--link", linkId).out().strip()).isEqualTo("1");
        Path out = tmp.resolve("einwilligung.pdf");
        assertThat(run("consent", "show", "--data-dir", data.toString(), "--passphrase-file", pw.toString(),
                "--link", linkId, "--out", out.toString()).code()).isZero();
        assertThat(text(out)).contains("Łukasz Żółć", "Praxis Dr. Ünal Öztürk");
        assertThat(run("consent", "set", "--data-dir", data.toString(), "--passphrase-file", pw.toString(),
                "--link", "ffffffffffffffff", "--name", "A", "--birth", "1980-04-23", "--typed-signature", "A").err())
                .contains("keinen Praxis-Link");
    }

    @Test
    @DisplayName("letter writes the PDF with the consent attached and a text for e-mail with link and check code")
    void letter() throws Exception {
        run("consent", "set", "--data-dir", data.toString(), "--passphrase-file", pw.toString(),
                "--link", linkId, "--name", "Łukasz Żółć", "--birth", "1980-04-23", "--typed-signature", "Łukasz Żółć");
        Path pdf = tmp.resolve("brief.pdf");
        Path txt = tmp.resolve("brief.txt");
        Result r = run("letter", "--data-dir", data.toString(), "--passphrase-file", pw.toString(), "--link", linkId,
                "--practice", "Praxis Dr. Öztürk", "--address", "Praxisweg 1\\n10115 Berlin", "--name", "Łukasz Żółć",
                "--out", pdf.toString(), "--text", txt.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String letter = text(pdf);
        assertThat(letter).contains("Praxis Dr. Öztürk", "10115 Berlin", "Art. 15", "/u/", "Einwilligung in die Übermittlung");
        assertThat(Files.readString(txt)).contains("Art. 12 Abs. 3 DSGVO", "/u/", "Prüfcode");
    }

    @Test
    @DisplayName("inbox prune says when automatic deletion is off and deletes nothing newer than N days")
    void prune() throws Exception {
        Path f = tmp.resolve("Befund.pdf");
        Files.writeString(f, "%PDF-1.4\n%%EOF\n");
        assertThat(run("inbox", "import", "--data-dir", data.toString(), f.toString()).code()).isZero();
        assertThat(run("inbox", "prune", "--data-dir", data.toString()).out()).contains("ausgeschaltet");
        new SettingsStore(data).save(new SettingsStore(data).load().withRetentionDays(30));
        Result r = run("inbox", "prune", "--data-dir", data.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("0 Dokumente gelöscht", "30 Tage");
        assertThat(run("inbox", "list", "--data-dir", data.toString(), "--passphrase-file", pw.toString()).out()).contains("Befund.pdf");
    }
}
