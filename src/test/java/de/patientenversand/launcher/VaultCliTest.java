package de.patientenversand.launcher;

import static de.patientenversand.launcher.InProcessCli.run;
import static org.assertj.core.api.Assertions.assertThat;

import de.patientenversand.launcher.InProcessCli.Result;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vault commands through {@link Main#run(PrintWriter, PrintWriter, String...)}, in-process. */
@DisplayName("The vault's command line")
@org.junit.jupiter.api.extension.ExtendWith(InProcessCli.class)
class VaultCliTest {

    @TempDir
    Path tmp;

    private Path data;
    private Path pw;
    private String recoveryCode;

    @BeforeEach
    void init() throws IOException {
        data = tmp.resolve("data");
        pw = tmp.resolve("pw.txt");
        Files.writeString(pw, "ein langer geheimer Satz\n");
        Result r = run("init", "--data-dir", data.toString(), "--new-passphrase-file", pw.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Wiederherstellungscode").contains("so geheim wie Ihr Passwort");
        Matcher m = Pattern.compile("[0-9A-Z]{5}(-[0-9A-Z]{5}){4}").matcher(r.out());
        assertThat(m.find()).isTrue();
        recoveryCode = m.group();
    }

    private String importFile(String name, byte[] content) throws IOException {
        Path f = tmp.resolve(name);
        Files.write(f, content);
        Result r = run("inbox", "import", "--data-dir", data.toString(), f.toString());
        assertThat(r.code()).as(r.err()).isZero();
        return r.out().strip().split("\\s+")[0];
    }

    @Test
    @DisplayName("init, import (no password), list --json with exactly the documented fields, export")
    void importListExport() throws IOException {
        byte[] pdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        String id = importFile("Befund.pdf", pdf);

        Result list = run("inbox", "list", "--json", "--data-dir", data.toString(), "--passphrase-file", pw.toString());
        assertThat(list.code()).as(list.err()).isZero();
        JsonNode array = new ObjectMapper().readTree(list.out());
        assertThat(array.isArray()).isTrue();
        JsonNode doc = array.get(0);
        List<String> fields = new ArrayList<>();
        for (Iterator<String> it = doc.fieldNames(); it.hasNext(); ) {
            fields.add(it.next());
        }
        assertThat(fields).containsExactly("id", "submission", "name", "size", "sha256", "type", "receivedAt",
                "sender", "link", "verified", "message");
        assertThat(doc.get("id").asText()).isEqualTo(id);
        assertThat(doc.get("name").asText()).isEqualTo("Befund.pdf");
        assertThat(doc.get("type").asText()).isEqualTo("application/pdf");
        assertThat(doc.get("size").asLong()).isEqualTo(pdf.length);
        assertThat(doc.get("verified").asBoolean()).isTrue();
        assertThat(doc.get("message").asText()).as("an imported document has no message").isEmpty();

        Path out = tmp.resolve("out.pdf");
        Result export = run("inbox", "export", id, "--out", out.toString(), "--data-dir", data.toString(),
                "--passphrase-file", pw.toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(pdf);

        Result again = run("inbox", "export", id, "--out", out.toString(), "--data-dir", data.toString(),
                "--passphrase-file", pw.toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("gibt es schon");
    }

    @Test
    @DisplayName("a wrong password exits 1 with a plain message and no stack trace; bad usage exits 2")
    void errors() throws IOException {
        Path wrong = tmp.resolve("wrong.txt");
        Files.writeString(wrong, "falsch");
        Result r = run("inbox", "list", "--data-dir", data.toString(), "--passphrase-file", wrong.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("Das Passwort ist falsch").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run("inbox", "list", "--no-such-option").code()).isEqualTo(2);
        Result none = run("inbox", "list", "--data-dir", tmp.resolve("nothing").toString(), "--passphrase-file",
                pw.toString());
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).contains("keinen Tresor");
        Result second = run("init", "--data-dir", data.toString(), "--new-passphrase-file", pw.toString());
        assertThat(second.code()).isEqualTo(1);
        assertThat(second.err()).contains("schon einen Tresor");
    }

    @Test
    @DisplayName("import asks for no password; list without a password source and without a console says how to give one")
    void noConsole() throws IOException {
        Assumptions.assumeTrue(System.console() == null && System.getenv(Secrets.ENV) == null,
                "needs a run without a terminal and without " + Secrets.ENV);
        importFile("x.txt", "x".getBytes(StandardCharsets.UTF_8));
        Result r = run("inbox", "list", "--data-dir", data.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("--passphrase-file").contains(Secrets.ENV);
    }

    @Test
    @DisplayName("init into a data dir that cannot be created (a file is in the way) gives a clear message")
    void initNotWritable() throws IOException {
        Path blocked = tmp.resolve("blocked");
        Files.writeString(blocked, "a file, not a folder");
        Result r = run("init", "--data-dir", blocked.resolve("vault").toString(), "--new-passphrase-file",
                pw.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("kann nicht geschrieben werden").doesNotContain("Exception");
    }

    @Test
    @DisplayName("passwd with the recovery code sets a new password; verify passes; verify --rebuild restores the list")
    void passwdVerifyRebuild() throws IOException {
        importFile("a.txt", "Hallo".getBytes(StandardCharsets.UTF_8));
        Path code = tmp.resolve("code.txt");
        Files.writeString(code, recoveryCode);
        Path fresh = tmp.resolve("new.txt");
        Files.writeString(fresh, "ganz neues Passwort");
        Result passwd = run("passwd", "--data-dir", data.toString(), "--recovery-code", "--passphrase-file",
                code.toString(), "--new-passphrase-file", fresh.toString());
        assertThat(passwd.code()).as(passwd.err()).isZero();

        Result verify = run("verify", "--data-dir", data.toString(), "--passphrase-file", fresh.toString());
        assertThat(verify.code()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("1 in Ordnung, 0 beschädigt");

        Files.write(data.resolve("vault.db"), "garbage, not SQLite".repeat(500).getBytes(StandardCharsets.US_ASCII));
        Result broken = run("inbox", "list", "--data-dir", data.toString(), "--passphrase-file", fresh.toString());
        assertThat(broken.code()).isEqualTo(1);
        assertThat(broken.err()).contains("verify --rebuild").doesNotContain("Fehler-ID");
        Result rebuild = run("verify", "--rebuild", "--data-dir", data.toString(), "--passphrase-file",
                fresh.toString());
        assertThat(rebuild.code()).as(rebuild.err()).isZero();
        assertThat(rebuild.out()).contains("1 bestätigte");
        Result list = run("inbox", "list", "--data-dir", data.toString(), "--passphrase-file", fresh.toString());
        assertThat(list.out()).contains("a.txt").contains(" ok ");
    }

    @Test
    @DisplayName("verify --rebuild refuses while serve holds the vault; plain verify works beside it")
    void rebuildNeedsTheVaultAlone() throws IOException {
        importFile("a.txt", "Hallo".getBytes(StandardCharsets.UTF_8));
        try (var serve = de.patientenversand.vault.VaultLock.serve(new de.patientenversand.vault.VaultLayout(data))) {
            Result rebuild = run("verify", "--rebuild", "--data-dir", data.toString(), "--passphrase-file",
                    pw.toString());
            assertThat(rebuild.code()).isEqualTo(1);
            assertThat(rebuild.err()).contains("wird gerade benutzt");
            Result verify = run("verify", "--data-dir", data.toString(), "--passphrase-file", pw.toString());
            assertThat(verify.code()).as(verify.err()).isZero();
        }
    }

    @Test
    @DisplayName("key export writes an identity that Debian's age decrypts a vault blob with")
    void ageInterop() throws Exception {
        Path age = Path.of("/usr/bin/age");
        Assumptions.assumeTrue(Files.isExecutable(age), "the age tool is not installed (apt-get install age)");
        byte[] content = new byte[70_000];
        new java.util.Random(7).nextBytes(content);
        String id = importFile("bild.bin", content);
        Path keys = Files.createDirectories(tmp.resolve("shared"));
        Files.setPosixFilePermissions(keys, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path key = keys.resolve("identity.txt");
        Result export = run("key", "export", "--out", key.toString(), "--data-dir", data.toString(),
                "--passphrase-file", pw.toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(export.err()).contains("so geheim wie Ihr Passwort");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                .isEqualTo("rw-------");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)))
                .as("the chosen folder is left as it was").isEqualTo("rwxr-xr-x");
        Path blob = data.resolve("blobs").resolve(id.substring(0, 2)).resolve(id + ".age");
        Path out = tmp.resolve("decrypted");
        Process p = new ProcessBuilder(age.toString(), "-d", "-i", key.toString(), "-o", out.toString(),
                blob.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(content);

        Path meta = data.resolve("blobs").resolve(id.substring(0, 2)).resolve(id + ".meta.age");
        Process m = new ProcessBuilder(age.toString(), "-d", "-i", key.toString(), meta.toString()).start();
        String json = new String(m.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(m.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(json).contains("\"name\":\"bild.bin\"").contains("\"version\":1");
    }

    @Test
    @DisplayName("init refuses a password shorter than 10 characters and creates no vault")
    void tooShortPassword() throws IOException {
        Path shortPw = tmp.resolve("short.txt");
        Files.writeString(shortPw, "x\n");
        Path other = tmp.resolve("other");
        Result r = run("init", "--data-dir", other.toString(), "--new-passphrase-file", shortPw.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("zu kurz").contains("10");
        assertThat(other.resolve("identity.key")).doesNotExist();
    }
}
