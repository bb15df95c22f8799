package de.patientenversand.upload;

import de.patientenversand.common.events.AppEvent;
import de.patientenversand.links.AgeSealer;
import de.patientenversand.links.CreatedLink;
import de.patientenversand.links.LinkPageData;
import de.patientenversand.links.LinkService;
import de.patientenversand.consent.ConsentPdf;
import de.patientenversand.consent.ConsentService;
import de.patientenversand.consent.LinkBoundFiles;
import de.patientenversand.consent.ReceiptPdf;
import de.patientenversand.consent.ReceiptStore;
import de.patientenversand.upload.compliance.CompliancePage;
import de.patientenversand.upload.documents.LinkDocuments;
import de.patientenversand.upload.tus.ResumableModule;
import de.patientenversand.vault.DocumentInfo;
import de.patientenversand.vault.KdfParams;
import de.patientenversand.vault.UnlockedVault;
import de.patientenversand.vault.Unlocker;
import de.patientenversand.vault.VaultCreator;
import de.patientenversand.vault.WriteSide;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The practice-facing server as {@code serve} builds it: a real vault in a temp folder, a real
 * link, the upload stack with the page, submissions and tus registered, Undertow on loopback.
 */
public final class PracticeServer implements AutoCloseable {
    public static final char[] PASSPHRASE = "Ein langer Satz als Passwort".toCharArray();
    public static final KdfParams CHEAP = new KdfParams(1024, 1, 1);

    public final Path dataDir;
    public final WriteSide vault;
    public final LinkService links;
    public final CreatedLink link;
    public final UploadServer server;
    public final ResumableModule resumable;
    public final ConsentService consents;
    public final ReceiptStore receipts;
    public final List<AppEvent> events = new CopyOnWriteArrayList<>();

    public PracticeServer(Path dataDir, UploadLimits limits, Duration expireAfter) throws IOException {
        this(dataDir, limits, expireAfter, Clock.systemUTC());
    }

    /** With a clock of the test's choosing for links, limits and receipts. */
    public PracticeServer(Path dataDir, UploadLimits limits, Duration expireAfter, Clock clock) throws IOException {
        this.dataDir = dataDir;
        new VaultCreator(new SecureRandom()).create(dataDir, PASSPHRASE, CHEAP);
        vault = WriteSide.open(dataDir);
        SecureRandom random = new SecureRandom();
        String recipient = vault.recipient().value();
        links = new LinkService(vault.database(), new LinkPageData(dataDir.resolve("links"), random),
                new AgeSealer(recipient), recipient, clock, random);
        link = links.create("Praxis Dr. Muster", Duration.ofDays(30), null, "Erika Mustermann");
        UploadPolicy policy = new UploadPolicy(limits, vault.documents(), links, new TypeDetector(),
                new FileNameSanitizer(), DiskSpace.of(dataDir), new UploadSlots(limits.maxConcurrentUploads()),
                events::add, clock);
        UploadStack stack = new UploadStack(policy);
        // consent, receipts and the compliance page as serve wires them
        LinkBoundFiles boundFiles = new LinkBoundFiles(dataDir.resolve("links"), random);
        consents = new ConsentService(boundFiles, new ConsentPdf(ZoneId.of("Europe/Berlin")), clock);
        receipts = new ReceiptStore(boundFiles, new AgeSealer(recipient), clock);
        LinkDocuments documents = new LinkDocuments(consents, receipts, new ReceiptPdf(ZoneId.of("Europe/Berlin")),
                stack.errors()).register(stack.routes());
        new CompliancePage(stack.errors()).register(stack.routes());
        resumable = new ResumableModule(policy, stack.errors(), expireAfter, documents.consentHook(),
                documents.receiptHook()).register(stack.routes());
        server = stack.server(List.of(new UploadServer.Listener("127.0.0.1", 0, ClientAddressResolver.PEER)));
        server.start();
    }

    /** Small limits for fast tests: 1 MiB per file. */
    public static UploadLimits limits() {
        return UploadLimits.defaults().withMaxFileBytes(1024 * 1024).withMaxFiles(5).withDiskReserveBytes(0);
    }

    public int port() {
        return server.port();
    }

    public String base() {
        return "http://127.0.0.1:" + port();
    }

    public String linkPath() {
        return "/u/" + link.token();
    }

    public int documentCount() throws IOException {
        return vault.database().read(c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM documents")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /** Files in the vault's tmp/ (encrypted partial uploads). */
    public List<Path> partialFiles() throws IOException {
        Path tmp = vault.layout().tmp();
        if (!Files.isDirectory(tmp)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(tmp)) {
            return s.toList();
        }
    }

    /** Unlocks the vault as the patient's app does and returns each document with its decrypted bytes. */
    public List<Decrypted> unlockAndRead() throws IOException {
        try (UnlockedVault inbox = new Unlocker(new SecureRandom()).withPassphrase(dataDir, PASSPHRASE.clone())) {
            List<Decrypted> all = new java.util.ArrayList<>();
            for (DocumentInfo info : inbox.documents()) {
                try (InputStream in = inbox.open(info.id())) {
                    all.add(new Decrypted(info, in.readAllBytes()));
                }
            }
            return all;
        }
    }

    public record Decrypted(DocumentInfo info, byte[] bytes) {
        public String sha256() {
            return PracticeServer.sha256(bytes);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String b64(String s) {
        return java.util.Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        resumable.close();
        server.close();
        vault.close();
    }
}
