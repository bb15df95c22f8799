package de.patientenversand.launcher;

import de.patientenversand.common.OwnerOnlyFiles;
import de.patientenversand.consent.RequestLetter;
import de.patientenversand.links.CheckCode;
import de.patientenversand.links.LinkInfo;
import de.patientenversand.settings.Settings;
import de.patientenversand.settings.SettingsStore;
import de.patientenversand.vault.UnlockedVault;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code letter}: the request to a practice for copies of the records (Art. 15 DSGVO, § 630g
 * BGB) with the link, its check code and the consent attached; as PDF and, with {@code --text},
 * as plain text for an e-mail.
 */
@Command(name = "letter", description = "Write a letter asking a practice for copies of your records.")
final class LetterCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;
    @Mixin
    UnlockOptions unlock;
    @Spec
    CommandSpec spec;
    @Option(names = "--link", required = true, paramLabel = "ID", description = "The link's id (see link list).")
    String linkId;
    @Option(names = "--practice", paramLabel = "TEXT", description = "The practice's name (default: the link's label).")
    String practice;
    @Option(names = "--address", paramLabel = "TEXT", description = "The practice's postal address (use \\n for new lines).")
    String address;
    @Option(names = "--name", paramLabel = "TEXT", description = "Your name (default: from the settings).")
    String name;
    @Option(names = "--birth", paramLabel = "YYYY-MM-DD", description = "Your date of birth (helps the practice find your file).")
    String birth;
    @Option(names = "--my-address", paramLabel = "TEXT", description = "Your postal address.")
    String myAddress;
    @Option(names = "--out", required = true, paramLabel = "FILE.pdf", description = "Where to write the PDF.")
    Path out;
    @Option(names = "--text", paramLabel = "FILE.txt", description = "Also write the letter as text for an e-mail.")
    Path text;

    @Override
    public Integer call() throws Exception {
        Path dataDir = ConsentCommand.dataDir(common, spec);
        Settings settings = new SettingsStore(dataDir).load();
        try (UnlockedVault vault = VaultAccess.unlock(dataDir, unlock, spec.commandLine().getErr())) {
            LinkInfo link = ConsentCommand.link(dataDir, vault, linkId);
            String base = LinkCommand.runningBase(dataDir).orElseGet(() -> LinkCommand.fallbackBase(dataDir, settings));
            String recipient = LinkCommand.recipient(dataDir);
            RequestLetter.Data data = new RequestLetter.Data(name != null ? name : settings.patientName(),
                    ConsentCommand.date(birth, "--birth"), lines(myAddress),
                    practice != null ? practice : link.label(), lines(address), base + "/u/" + link.token(),
                    CheckCode.of(link.token(), recipient), LocalDate.now());
            RequestLetter letter = new RequestLetter(ZoneId.systemDefault());
            byte[] consent = ConsentCommand.service(dataDir).latest(link.id(), link.token());
            OwnerOnlyFiles.writeAtomically(out.toAbsolutePath(), letter.pdf(data, consent));
            if (text != null) {
                OwnerOnlyFiles.writeAtomically(text.toAbsolutePath(), letter.text(data).getBytes(StandardCharsets.UTF_8));
            }
            PrintWriter w = spec.commandLine().getOut();
            w.println(VaultAccess.text(consent == null ? "cli.letter.writtenNoConsent" : "cli.letter.written", out));
            w.flush();
            return 0;
        }
    }

    private static String lines(String s) {
        return s == null ? null : s.replace("\\n", "\n");
    }
}
