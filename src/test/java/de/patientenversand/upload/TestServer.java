package de.patientenversand.upload;

import de.patientenversand.common.events.AppEvent;
import de.patientenversand.links.AgeSealer;
import de.patientenversand.links.CreatedLink;
import de.patientenversand.links.LinkPageData;
import de.patientenversand.links.LinkService;
import de.patientenversand.vault.KdfParams;
import de.patientenversand.vault.VaultCreator;
import de.patientenversand.vault.WriteSide;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** A real vault in a temp folder, a real link and a real Undertow server on loopback. */
final class TestServer implements AutoCloseable {
    static final char[] PASSPHRASE = "Ein langer Satz als Passwort".toCharArray();
    static final KdfParams CHEAP = new KdfParams(1024, 1, 1);

    final Path dataDir;
    final WriteSide vault;
    final LinkService links;
    final CreatedLink link;
    final UploadServer server;
    final UploadStack stack;
    final List<AppEvent> events = new CopyOnWriteArrayList<>();

    TestServer(Path dataDir, UploadLimits limits) throws IOException {
        this(dataDir, limits, null);
    }

    TestServer(Path dataDir, UploadLimits limits, DiskSpace disk) throws IOException {
        this.dataDir = dataDir;
        new VaultCreator(new SecureRandom()).create(dataDir, PASSPHRASE, CHEAP);
        vault = WriteSide.open(dataDir);
        SecureRandom random = new SecureRandom();
        String recipient = vault.recipient().value();
        links = new LinkService(vault.database(), new LinkPageData(dataDir.resolve("links"), random),
                new AgeSealer(recipient), recipient, Clock.systemUTC(), random);
        link = links.create("Praxis Dr. Muster", Duration.ofDays(30), null, "Erika Mustermann");
        UploadPolicy policy = new UploadPolicy(limits, vault.documents(), links, new TypeDetector(),
                new FileNameSanitizer(), disk != null ? disk : DiskSpace.of(dataDir), new UploadSlots(limits.maxConcurrentUploads()),
                events::add, Clock.systemUTC());
        stack = new UploadStack(policy);
        server = stack.server(List.of(new UploadServer.Listener("127.0.0.1", 0, ClientAddressResolver.PEER)));
        server.start();
    }

    static UploadLimits smallLimits() {
        return UploadLimits.defaults().withMaxFileBytes(64 * 1024).withMaxFiles(3).withDiskReserveBytes(0)
                .withTimeouts(Duration.ofSeconds(2), 1024, Duration.ofSeconds(2));
    }

    int port() {
        return server.port();
    }

    String uploadPath() {
        return "/u/" + link.token() + "/upload";
    }

    RawHttp.Response upload(Body body, String... headers) throws IOException {
        return RawHttp.post(port(), uploadPath(), Body.TYPE, body.bytes(), headers);
    }

    int documentCount() throws IOException {
        return vault.database().read(c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM documents")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    int submissionCount() throws IOException {
        return vault.database().read(c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM submissions")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /** Every regular file under the data dir (for "nothing left behind" checks). */
    List<Path> files() throws IOException {
        try (Stream<Path> s = Files.walk(dataDir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    /** The patient's view: the vault unlocked with the password (close it after use). */
    de.patientenversand.vault.UnlockedVault unlock() throws IOException {
        return new de.patientenversand.vault.Unlocker(new SecureRandom()).withPassphrase(dataDir, PASSPHRASE);
    }

    /** Names of all documents as the inbox shows them. */
    List<String> inboxNames() throws IOException {
        try (var inbox = unlock()) {
            return inbox.documents().stream().map(de.patientenversand.vault.DocumentInfo::name).sorted().toList();
        }
    }

    @Override
    public void close() {
        server.close();
        vault.close();
    }
}
