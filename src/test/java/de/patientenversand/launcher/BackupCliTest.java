package de.patientenversand.launcher;

import static de.patientenversand.launcher.InProcessCli.run;
import static org.assertj.core.api.Assertions.assertThat;

import de.patientenversand.launcher.InProcessCli.Result;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.patientenversand.vault.IncomingDocument;
import de.patientenversand.vault.WriteSide;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("backup, restore and log on the command line")
@org.junit.jupiter.api.extension.ExtendWith(InProcessCli.class)
class BackupCliTest {

    @TempDir
    Path tmp;

    private List<String> vaultWithDocuments(Path data, Path pw, int count) throws Exception {
        Files.writeString(pw, "ein langer Satz als Passwort\n");
        assertThat(run("init", "--data-dir", data.toString(), "--new-passphrase-file", pw.toString()).code()).isZero();
        List<String> ids = new ArrayList<>();
        try (WriteSide vault = WriteSide.open(data)) {
            String submission = vault.documents().openSubmission("link-1");
            for (int i = 0; i < count; i++) {
                ids.add(vault.documents().store(new ByteArrayInputStream(("Befund " + i).getBytes(StandardCharsets.UTF_8)),
                        new IncomingDocument(submission, "link-1", "Praxis", "Befund-" + i + ".pdf", "application/pdf",
                                "Dr. Muster", "")).id());
            }
        }
        assertThat(run("verify", "--data-dir", data.toString(), "--passphrase-file", pw.toString()).code()).isZero();
        return ids;
    }

    @Test
    @DisplayName("backup --out, then restore into an empty folder reports every document; a second restore is refused without --force")
    void backupAndRestoreFile() throws Exception {
        Path data = tmp.resolve("data");
        Path pw = tmp.resolve("pw.txt");
        vaultWithDocuments(data, pw, 3);
        Path out = tmp.resolve("sicherung.pvbackup");
        Result backup = run("backup", "--out", out.toString(), "--data-dir", data.toString());
        assertThat(backup.code()).as(backup.err()).isZero();
        assertThat(backup.out()).contains("Sicherung angelegt: 3 Dokumente");
        Result again = run("backup", "--out", out.toString(), "--data-dir", data.toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("gibt es schon");

        Path target = tmp.resolve("neu");
        Result restore = run("restore", out.toString(), "--data-dir", target.toString(), "--passphrase-file", pw.toString());
        assertThat(restore.code()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("Wiederhergestellt: 3 Dokumente, davon 3 in Ordnung");
        Result twice = run("restore", out.toString(), "--data-dir", target.toString(), "--passphrase-file", pw.toString());
        assertThat(twice.code()).isEqualTo(1);
        assertThat(twice.err()).contains("--force");
        assertThat(twice.err()).doesNotContain("Exception");
    }

    @Test
    @DisplayName("restore of a folder with one damaged document names it, restores nothing, and restores the rest with --partial")
    void damagedFolder() throws Exception {
        Path data = tmp.resolve("data");
        Path pw = tmp.resolve("pw.txt");
        List<String> ids = vaultWithDocuments(data, pw, 4);
        Path folder = tmp.resolve("ordner");
        Result backup = run("backup", "--to", folder.toString(), "--data-dir", data.toString());
        assertThat(backup.code()).as(backup.err()).isZero();
        String victim = ids.get(2);
        Path blob = folder.resolve("blobs/" + victim.substring(0, 2) + "/" + victim + ".age");
        Files.write(blob, java.util.Arrays.copyOf(Files.readAllBytes(blob), 40));

        Path target = tmp.resolve("neu");
        Result refused = run("restore", folder.toString(), "--data-dir", target.toString(), "--passphrase-file", pw.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.out()).contains("beschädigte Datei in der Sicherung: blobs/" + victim.substring(0, 2) + "/" + victim + ".age")
                .contains("beschädigt: " + victim).contains("Es wurde nichts wiederhergestellt");
        assertThat(target.resolve("vault.db")).doesNotExist();
        Result partial = run("restore", folder.toString(), "--data-dir", target.toString(), "--passphrase-file",
                pw.toString(), "--partial");
        assertThat(partial.code()).isEqualTo(1);
        assertThat(partial.out()).contains("Wiederhergestellt: 4 Dokumente, davon 3 in Ordnung");
    }

    @Test
    @DisplayName("log needs no password, lists the backup and unlocks as JSON, and says clearly when --since is unreadable")
    void logCommand() throws Exception {
        Path data = tmp.resolve("data");
        Path pw = tmp.resolve("pw.txt");
        vaultWithDocuments(data, pw, 1);
        Path wrong = tmp.resolve("wrong.txt");
        Files.writeString(wrong, "falsch\n");
        assertThat(run("verify", "--data-dir", data.toString(), "--passphrase-file", wrong.toString()).code()).isEqualTo(1);
        assertThat(run("backup", "--out", tmp.resolve("b").toString(), "--data-dir", data.toString()).code()).isZero();

        Result json = run("log", "--json", "--data-dir", data.toString());
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode array = new ObjectMapper().readTree(json.out());
        List<String> kinds = new ArrayList<>();
        array.forEach(e -> kinds.add(e.path("kind").asText()));
        assertThat(kinds).contains("unlock_succeeded", "unlock_failed", "backup_created");
        array.forEach(e -> {
            if (e.path("kind").asText().equals("unlock_failed")) {
                assertThat(e.path("unusual").asBoolean()).isTrue();
            }
        });
        Result plain = run("log", "--data-dir", data.toString());
        assertThat(plain.out()).contains("Eine Sicherung wurde angelegt (1 Dokument)")
                .contains("[Auffällig] Ein falsches Passwort wurde eingegeben.");
        Result bad = run("log", "--since", "eine Woche", "--data-dir", data.toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("7d");
    }
}
