package de.patientenversand.launcher;

import de.patientenversand.common.OwnerOnlyFiles;
import de.patientenversand.common.UserException;
import de.patientenversand.consent.ConsentData;
import de.patientenversand.consent.ConsentPdf;
import de.patientenversand.consent.ConsentService;
import de.patientenversand.consent.LinkBoundFiles;
import de.patientenversand.consent.ReceiptPdf;
import de.patientenversand.consent.ReceiptStore;
import de.patientenversand.links.AgeSealer;
import de.patientenversand.links.LinkInfo;
import de.patientenversand.upload.ErrorResponder;
import de.patientenversand.upload.documents.LinkDocuments;
import de.patientenversand.vault.Database;
import de.patientenversand.vault.UnlockedVault;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code consent set|show|versions}: the patient's consent for a link. Needs the password,
 * because the link's token (the key to its link-bound data) is sealed for the unlocked app.
 */
@Command(name = "consent", description = "Make, show or list the consent (Einwilligung) for a link.",
        subcommands = {ConsentCommand.Set.class, ConsentCommand.Show.class, ConsentCommand.Versions.class})
final class ConsentCommand {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    static ConsentService service(Path dataDir) {
        return new ConsentService(new LinkBoundFiles(dataDir.resolve("links"), new SecureRandom()),
                new ConsentPdf(ZoneId.systemDefault()), Clock.systemUTC());
    }

    /** The serve side: consent and receipts fetched through a link. */
    static LinkDocuments documents(Path dataDir, String recipient, SecureRandom random, ErrorResponder errors) {
        LinkBoundFiles files = new LinkBoundFiles(dataDir.resolve("links"), random);
        return new LinkDocuments(new ConsentService(files, new ConsentPdf(ZoneId.systemDefault()), Clock.systemUTC()),
                new ReceiptStore(files, new AgeSealer(recipient), Clock.systemUTC()),
                new ReceiptPdf(ZoneId.systemDefault()), errors);
    }

    /** The link with its label and token opened by the unlocked vault. */
    static LinkInfo link(Path dataDir, UnlockedVault vault, String id) throws IOException {
        try (Database db = LinkCommand.database(dataDir)) {
            List<LinkInfo> all = LinkCommand.service(dataDir, db).list(vault::unseal);
            return all.stream().filter(l -> l.id().equals(id)).findFirst()
                    .orElseThrow(() -> new UserException("consent.linkUnknown", id));
        }
    }

    static LocalDate date(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new UserException("consent.bad.dateFormat", field, text);
        }
    }

    static Path dataDir(CommonOptions common, CommandSpec spec) {
        return common.dataDir != null ? common.dataDir() : VaultAccess.dataDir(spec);
    }

    @Command(name = "set", description = "Make a new version of the consent for a link (old versions stay).")
    static final class Set implements Callable<Integer> {
        @Mixin
        CommonOptions common;
        @Mixin
        UnlockOptions unlock;
        @Spec
        CommandSpec spec;
        @Option(names = "--link", required = true, paramLabel = "ID", description = "The link's id (see link list).")
        String linkId;
        @Option(names = "--name", paramLabel = "TEXT", description = "Your full name.")
        String name;
        @Option(names = "--birth", paramLabel = "YYYY-MM-DD", description = "Your date of birth.")
        String birth;
        @Option(names = "--address", paramLabel = "TEXT", description = "Your postal address (optional).")
        String address;
        @Option(names = "--practice", paramLabel = "TEXT", description = "The practice (default: the link's label).")
        String practice;
        @Option(names = "--scope", paramLabel = "TEXT", description = "Which records (default: findings, letters, images...).")
        String scope;
        @Option(names = "--typed-signature", paramLabel = "TEXT", description = "Sign by typing your name.")
        String typedSignature;
        @Option(names = "--signature-png", paramLabel = "FILE", description = "Sign with a drawn signature (PNG).")
        Path signaturePng;
        @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Date of signing (default: today).")
        String date;

        @Override
        public Integer call() throws Exception {
            Path dataDir = dataDir(common, spec);
            PrintWriter out = spec.commandLine().getOut();
            try (UnlockedVault vault = VaultAccess.unlock(dataDir, unlock, spec.commandLine().getErr())) {
                LinkInfo link = link(dataDir, vault, linkId);
                byte[] png = signaturePng == null ? null : Files.readAllBytes(signaturePng);
                ConsentData data = new ConsentData(name, date(birth, "--birth"), address,
                        practice != null ? practice : link.label(), scope != null ? scope : ConsentData.DEFAULT_SCOPE,
                        png, typedSignature, date == null ? LocalDate.now() : date(date, "--date"));
                var version = service(dataDir).set(link.id(), link.token(), link.expiresAt(), data);
                out.println(VaultAccess.text("cli.consent.saved", version.number()));
                out.flush();
                return 0;
            }
        }
    }

    @Command(name = "show", description = "Write the consent PDF of a link to a file.")
    static final class Show implements Callable<Integer> {
        @Mixin
        CommonOptions common;
        @Mixin
        UnlockOptions unlock;
        @Spec
        CommandSpec spec;
        @Option(names = "--link", required = true, paramLabel = "ID")
        String linkId;
        @Option(names = "--version", paramLabel = "N", description = "An older version (default: the newest).")
        Integer version;
        @Option(names = "--out", required = true, paramLabel = "FILE")
        Path out;

        @Override
        public Integer call() throws Exception {
            Path dataDir = dataDir(common, spec);
            try (UnlockedVault vault = VaultAccess.unlock(dataDir, unlock, spec.commandLine().getErr())) {
                LinkInfo link = link(dataDir, vault, linkId);
                ConsentService consents = service(dataDir);
                byte[] pdf = version == null ? consents.latest(link.id(), link.token())
                        : consents.version(link.id(), link.token(), version);
                if (pdf == null) {
                    throw new UserException("consent.none");
                }
                OwnerOnlyFiles.writeAtomically(out.toAbsolutePath(), pdf);
                return 0;
            }
        }
    }

    @Command(name = "versions", description = "List the consent versions of a link.")
    static final class Versions implements Callable<Integer> {
        @Mixin
        CommonOptions common;
        @Spec
        CommandSpec spec;
        @Option(names = "--link", required = true, paramLabel = "ID")
        String linkId;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            if (!linkId.matches("[0-9a-f]{16,64}")) {
                throw new UserException("consent.linkUnknown", linkId);
            }
            service(dataDir(common, spec)).versions(linkId).forEach(out::println);
            out.flush();
            return 0;
        }
    }
}
