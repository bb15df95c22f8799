package de.patientenversand.launcher;

import static de.patientenversand.launcher.InProcessCli.run;
import static org.assertj.core.api.Assertions.assertThat;

import de.patientenversand.common.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(InProcessCli.class)
@DisplayName("link create refuses options that make no sense, with a plain message and no link")
class LinkOptionsTest {
    @TempDir
    Path tmp;
    private Path data;
    private Path pw;

    @BeforeEach
    void init() throws Exception {
        data = tmp.resolve("vault");
        pw = tmp.resolve("pw");
        Files.writeString(pw, "ein langer Satz zum Test\n");
        assertThat(run("init", "--data-dir", data.toString(), "--new-passphrase-file", pw.toString()).code()).isZero();
    }

    @ParameterizedTest(name = "--expires {0}")
    @ValueSource(strings = {"0d", "-3d", "366d", "99999999999d", "30", "x", "30w"})
    @DisplayName("an unreadable, empty or longer-than-a-year validity")
    void badExpiry(String expires) {
        var r = run("link", "create", "--data-dir", data.toString(), "--label", "Praxis Dr. Muster", "--expires", expires);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(UserException.format(Locale.GERMAN, "link.badExpiry", expires));
    }

    @ParameterizedTest(name = "--quota {0}")
    @ValueSource(strings = {"0", "-1"})
    @DisplayName("a quota below one document")
    void badQuota(String quota) {
        var r = run("link", "create", "--data-dir", data.toString(), "--label", "Praxis Dr. Muster", "--quota", quota);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(UserException.format(Locale.GERMAN, "link.badQuota", Integer.parseInt(quota)));
    }

    @Test
    @DisplayName("an empty label or one longer than 200 characters; 365 days and a quota of 1 are fine")
    void labels() {
        for (String label : new String[] {"   ", "x".repeat(201)}) {
            var r = run("link", "create", "--data-dir", data.toString(), "--label", label);
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).contains(UserException.format(Locale.GERMAN, "link.badLabel", 200));
        }
        var ok = run("link", "create", "--data-dir", data.toString(), "--label", "  Praxis Dr. Muster  ", "--expires", "365d",
                "--quota", "1");
        assertThat(ok.code()).isZero();
        assertThat(ok.out()).contains("/u/");
        assertThat(run("link", "list", "--data-dir", data.toString(), "--json", "--passphrase-file", pw.toString()).out()).contains("\"label\":\"Praxis Dr. Muster\"");
    }
}
