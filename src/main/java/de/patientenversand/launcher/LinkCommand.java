package de.patientenversand.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import de.patientenversand.common.UserException;
import de.patientenversand.links.AgeSealer;
import de.patientenversand.links.CreatedLink;
import de.patientenversand.links.LinkInfo;
import de.patientenversand.links.LinkPageData;
import de.patientenversand.links.LinkService;
import de.patientenversand.settings.Settings;
import de.patientenversand.settings.SettingsStore;
import de.patientenversand.upload.ServerInfo;
import de.patientenversand.vault.ActivityKind;
import de.patientenversand.vault.ActivityLog;
import de.patientenversand.vault.Database;
import de.patientenversand.vault.UnlockedVault;
import de.patientenversand.vault.VaultLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;

/**
 * {@code link create|list|revoke}. Creating and revoking need only the public key and the
 * database, so they never ask for the password and work beside a running {@code serve}.
 */
@Command(name = "link", description = "Create, list or revoke links for practices.",
        subcommands = {LinkCommand.Create.class, LinkCommand.ListLinks.class, LinkCommand.Revoke.class})
final class LinkCommand {

    /** Opens the database and the link service without any private key. */
    static LinkService service(Path dataDir, Database db) throws IOException {
        SecureRandom random = new SecureRandom();
        String recipient = recipient(dataDir);
        return new LinkService(db, new LinkPageData(dataDir.resolve("links"), random), new AgeSealer(recipient),
                recipient, Clock.systemUTC(), random);
    }

    static String recipient(Path dataDir) throws IOException {
        try {
            return Files.readString(new VaultLayout(dataDir).recipientFile(), StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            throw new UserException(e, "vault.notFound", dataDir.toString());
        }
    }

    static Database database(Path dataDir) throws IOException {
        recipient(dataDir);
        return Database.open(new VaultLayout(dataDir).database());
    }

    /** The running server's base URL, or empty when no server runs. */
    static Optional<String> runningBase(Path dataDir) {
        return ServerInfo.read(dataDir).filter(ServerInfo::alive).map(ServerInfo::baseUrl);
    }

    static String fallbackBase(Path dataDir, Settings settings) {
        int port = settings.port() > 0 ? settings.port() : ServerInfo.read(dataDir).map(ServerInfo::port).orElse(0);
        return "http://127.0.0.1:" + port;
    }

    /** A link for a practice lasts at most a year; a new one is one click away. */
    static final Duration MAX_VALIDITY = Duration.ofDays(365);
    static final int MAX_LABEL = 200;

    static Duration parseDuration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            Duration d = switch (t.charAt(t.length() - 1)) {
                case 'd' -> Duration.ofDays(n);
                case 'h' -> Duration.ofHours(n);
                case 'm' -> Duration.ofMinutes(n);
                default -> null;
            };
            if (d != null && !d.isNegative() && !d.isZero() && d.compareTo(MAX_VALIDITY) <= 0) {
                return d;
            }
        } catch (RuntimeException e) {
            // fall through
        }
        throw new UserException("link.badExpiry", text);
    }

    @Command(name = "create", description = "Create a link; prints it alone on stdout.")
    static final class Create implements Callable<Integer> {
        @Mixin
        CommonOptions common;
        @Spec
        CommandSpec spec;
        @Option(names = "--label", required = true, paramLabel = "TEXT", description = "Who the link is for, e.g. \"Praxis Dr. Muster\".")
        String label;
        @Option(names = "--expires", defaultValue = "30d", paramLabel = "DURATION", description = "Validity, e.g. 30d, 12h (default 30d).")
        String expires;
        @Option(names = "--quota", paramLabel = "N", description = "At most N documents through this link.")
        Integer quota;

        @Override
        public Integer call() throws IOException {
            Path dataDir = common.dataDir != null ? common.dataDir() : VaultAccess.dataDir(spec);
            Duration validity = parseDuration(expires);
            if (label.isBlank() || label.strip().length() > MAX_LABEL) {
                throw new UserException("link.badLabel", MAX_LABEL);
            }
            if (quota != null && quota < 1) {
                throw new UserException("link.badQuota", quota);
            }
            label = label.strip();
            Settings settings = new SettingsStore(dataDir).load();
            try (Database db = database(dataDir)) {
                CreatedLink link = service(dataDir, db).create(label, validity, quota, settings.patientName());
                new ActivityLog(db, Clock.systemUTC()).record(ActivityKind.LINK_CREATED, Map.of("link", link.id()));
                Optional<String> base = runningBase(dataDir);
                spec.commandLine().getOut().println(link.url(base.orElseGet(() -> fallbackBase(dataDir, settings))));
                spec.commandLine().getOut().flush();
                spec.commandLine().getErr().println(UserException.format(Locale.getDefault(), "link.checkCode", link.checkCode()));
                if (base.isEmpty()) {
                    spec.commandLine().getErr().println(UserException.format(Locale.getDefault(), "link.serverNotRunning"));
                }
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List the links.")
    static final class ListLinks implements Callable<Integer> {
        @Mixin
        CommonOptions common;
        @Spec
        CommandSpec spec;
        @Option(names = "--json", description = "One JSON array: id, label, url, expiresAt, revoked.")
        boolean json;
        @Mixin
        UnlockOptions unlock;

        @Override
        public Integer call() throws IOException {
            Path dataDir = common.dataDir != null ? common.dataDir() : VaultAccess.dataDir(spec);
            Settings settings = new SettingsStore(dataDir).load();
            String base = runningBase(dataDir).orElseGet(() -> fallbackBase(dataDir, settings));
            java.util.List<LinkInfo> links;
            // Labels and tokens are sealed to the vault's key: listing them needs the password.
            try (UnlockedVault vault = VaultAccess.unlock(dataDir, unlock, spec.commandLine().getErr())) {
                links = service(dataDir, vault.database()).list(vault::unseal);
            }
            if (json) {
                ObjectMapper mapper = new ObjectMapper();
                ArrayNode array = mapper.createArrayNode();
                for (LinkInfo l : links) {
                    var node = array.addObject();
                    node.put("id", l.id());
                    node.put("label", l.label());
                    node.put("url", l.token() == null ? null : base + "/u/" + l.token());
                    node.put("expiresAt", l.expiresAt().toString());
                    node.put("revoked", l.revoked());
                }
                spec.commandLine().getOut().println(array);
            } else {
                for (LinkInfo l : links) {
                    spec.commandLine().getOut().println(l.id() + "  " + l.label() + "  " + base + "/u/" + l.token() + "  "
                            + (l.revoked() ? "revoked" : "expires " + l.expiresAt()));
                }
            }
            return 0;
        }
    }

    @Command(name = "revoke", description = "Revoke a link; uploads through it stop at once.")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        CommonOptions common;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() throws IOException {
            Path dataDir = common.dataDir != null ? common.dataDir() : VaultAccess.dataDir(spec);
            try (Database db = database(dataDir)) {
                if (!service(dataDir, db).revoke(id)) {
                    throw new UserException("link.unknownId", id);
                }
                new ActivityLog(db, Clock.systemUTC()).record(ActivityKind.LINK_REVOKED, Map.of("link", id));
            }
            spec.commandLine().getErr().println(UserException.format(Locale.getDefault(), "link.revoked", id));
            return 0;
        }
    }
}
