package de.patientenversand.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.patientenversand.common.UserException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Creating and unlocking a vault")
class UnlockTest {
    @TempDir
    Path dir;

    private final Unlocker unlocker = new Unlocker(new SecureRandom());

    private static String key(Throwable e) {
        return ((UserException) e).key();
    }

    @Test
    @DisplayName("the password and the recovery code both unlock the same identity")
    void passwordAndRecoveryCode() throws IOException {
        String code = TestVaults.create(dir);
        assertThat(code).matches("[0-9A-Z]{5}(-[0-9A-Z]{5}){4}");
        String recipient = Files.readString(dir.resolve("recipient.txt")).strip();
        try (UnlockedVault v = unlocker.withPassphrase(dir, TestVaults.PASSPHRASE.toCharArray())) {
            assertThat(v.recipientMismatch()).isFalse();
        }
        String sloppy = " " + code.toLowerCase().replace("-", " ") + " ";
        try (UnlockedVault v = unlocker.withRecoveryCode(dir, sloppy.toCharArray())) {
            assertThat(v.recipientMismatch()).isFalse();
        }
        assertThat(Files.readString(dir.resolve("recipient.txt")).strip()).isEqualTo(recipient).startsWith("age1");
    }

    @Test
    @DisplayName("a wrong password or recovery code gives a clear message and changes nothing")
    void wrongSecrets() throws IOException {
        TestVaults.create(dir);
        byte[] before = Files.readAllBytes(dir.resolve("identity.key"));
        assertThatThrownBy(() -> unlocker.withPassphrase(dir, "falsch".toCharArray()))
                .isInstanceOf(UserException.class).extracting(UnlockTest::key).isEqualTo("vault.wrongPassphrase");
        assertThatThrownBy(() -> unlocker.withRecoveryCode(dir, "AAAAA-AAAAA-AAAAA-AAAAA-AAAAA".toCharArray()))
                .isInstanceOf(UserException.class).extracting(UnlockTest::key).isEqualTo("vault.wrongRecoveryCode");
        assertThatThrownBy(() -> unlocker.withRecoveryCode(dir, "too short".toCharArray()))
                .isInstanceOf(UserException.class).extracting(UnlockTest::key).isEqualTo("vault.wrongRecoveryCode");
        assertThat(Files.readAllBytes(dir.resolve("identity.key"))).isEqualTo(before);
        assertThat(new UserException("vault.wrongPassphrase").text(java.util.Locale.GERMAN)).contains("Passwort");
    }

    @Test
    @DisplayName("a missing or corrupt identity.key is named clearly")
    void missingOrCorruptIdentity() throws IOException {
        TestVaults.create(dir);
        Path key = dir.resolve("identity.key");
        String json = Files.readString(key);
        Files.writeString(key, json.substring(0, json.length() / 2));
        assertThatThrownBy(() -> unlocker.withPassphrase(dir, TestVaults.PASSPHRASE.toCharArray()))
                .isInstanceOf(UserException.class).extracting(UnlockTest::key).isEqualTo("vault.identityCorrupt");
        // a flipped byte inside the ciphertext: AES-GCM refuses, it never yields a wrong key
        String tampered = json.replaceFirst("\"ciphertext\" : \"(.)", "\"ciphertext\" : \"" + "Z");
        if (tampered.equals(json)) {
            tampered = json.replaceFirst("\"ciphertext\" : \"(.)", "\"ciphertext\" : \"A");
        }
        Files.writeString(key, tampered);
        assertThatThrownBy(() -> unlocker.withPassphrase(dir, TestVaults.PASSPHRASE.toCharArray()))
                .isInstanceOf(UserException.class);
        Files.delete(key);
        assertThatThrownBy(() -> unlocker.withPassphrase(dir, TestVaults.PASSPHRASE.toCharArray()))
                .isInstanceOf(UserException.class).extracting(UnlockTest::key).isEqualTo("vault.identityMissing");
    }

    @Test
    @DisplayName("recipient.txt that does not match the identity raises the loud mismatch alert")
    void recipientMismatch() throws IOException {
        TestVaults.create(dir);
        Path other = dir.resolve("other");
        TestVaults.create(other);
        Files.copy(other.resolve("recipient.txt"), dir.resolve("recipient.txt"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (UnlockedVault v = unlocker.withPassphrase(dir, TestVaults.PASSPHRASE.toCharArray())) {
            assertThat(v.recipientMismatch()).isTrue();
            assertThatThrownBy(v::requireRecipientMatches).isInstanceOf(UserException.class)
                    .extracting(UnlockTest::key).isEqualTo("vault.recipientMismatch");
            assertThat(v.verify().recipientMismatch()).isTrue();
        }
    }

    @Test
    @DisplayName("passwd re-wraps the identity: the new password works, the old does not, the recovery code still does")
    void changePassphrase() throws IOException {
        String code = TestVaults.create(dir);
        try (UnlockedVault v = unlocker.withPassphrase(dir, TestVaults.PASSPHRASE.toCharArray())) {
            v.changePassphrase("neues Passwort".toCharArray(), TestVaults.CHEAP);
        }
        assertThatThrownBy(() -> unlocker.withPassphrase(dir, TestVaults.PASSPHRASE.toCharArray()))
                .isInstanceOf(UserException.class);
        unlocker.withPassphrase(dir, "neues Passwort".toCharArray()).close();
        unlocker.withRecoveryCode(dir, code.toCharArray()).close();
    }

    @Test
    @DisplayName("a password typed in decomposed Unicode (macOS) unlocks a vault set up in composed form")
    void unicodeNormalisation() throws IOException {
        new VaultCreator(new SecureRandom()).create(dir, "Grüße".toCharArray(), TestVaults.CHEAP);
        unlocker.withPassphrase(dir, "Gru\u0308ße".toCharArray()).close();
    }

    @Test
    @DisplayName("a second init on the same folder is refused and the vault is untouched")
    void noOverwrite() throws IOException {
        TestVaults.create(dir);
        byte[] before = Files.readAllBytes(dir.resolve("identity.key"));
        assertThatThrownBy(() -> TestVaults.create(dir)).isInstanceOf(UserException.class)
                .extracting(UnlockTest::key).isEqualTo("vault.exists");
        assertThat(Files.readAllBytes(dir.resolve("identity.key"))).isEqualTo(before);
    }

    @Test
    @DisplayName("production KDF parameters are pinned: Argon2id with at least 64 MiB, stored in identity.key")
    void productionParameters() throws IOException {
        KdfParams p = KdfParams.production();
        assertThat(p.memoryKiB()).isGreaterThanOrEqualTo(64 * 1024);
        assertThat(p.iterations()).isGreaterThanOrEqualTo(3);
        new VaultCreator(new SecureRandom()).create(dir, "pw".toCharArray(), p);
        assertThat(IdentityFile.passphraseKdf(dir.resolve("identity.key"))).isEqualTo(new KdfParams(65536, 3, 1));
        String json = Files.readString(dir.resolve("identity.key"), StandardCharsets.UTF_8);
        assertThat(json).contains("\"algorithm\" : \"argon2id\"").contains("\"cipher\" : \"AES-256-GCM\"")
                .contains("\"kind\" : \"recovery\"").doesNotContain("AGE-SECRET-KEY");
        unlocker.withPassphrase(dir, "pw".toCharArray()).close();
    }
}
