package de.patientenversand.launcher;

import de.patientenversand.links.CreatedLink;
import de.patientenversand.links.LinkInfo;
import de.patientenversand.links.LinkPageData;
import de.patientenversand.links.LinkService;
import de.patientenversand.links.AgeSealer;
import de.patientenversand.settings.SettingsStore;
import de.patientenversand.ui.common.LinkAccess;
import de.patientenversand.upload.ServerInfo;
import de.patientenversand.vault.Inbox;
import de.patientenversand.vault.UnlockedVault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Links for the share panel on top of {@link LinkService}, using the unlocked vault's database and
 * its key to open the sealed labels and tokens. Links start with the running server's address
 * ({@code server.json}: the public one if there is one).
 */
final class AppLinks implements LinkAccess {
    private final Path dataDir;
    private final SettingsStore settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    AppLinks(Path dataDir, SettingsStore settings, Clock clock) {
        this.dataDir = dataDir;
        this.settings = settings;
        this.clock = clock;
    }

    private LinkService service(UnlockedVault vault) throws IOException {
        String recipient = Files.readString(vault.layout().recipientFile(), StandardCharsets.US_ASCII).strip();
        return new LinkService(vault.database(), new LinkPageData(dataDir.resolve("links"), random),
                new AgeSealer(recipient), recipient, clock, random);
    }

    private static UnlockedVault vault(Inbox inbox) {
        if (inbox instanceof UnlockedVault v) {
            return v;
        }
        throw new IllegalArgumentException("links need the unlocked vault");
    }

    private String base() {
        return ServerInfo.read(dataDir).filter(ServerInfo::alive).map(ServerInfo::baseUrl)
                .orElseGet(() -> LinkCommand.fallbackBase(dataDir, settings.load()));
    }

    @Override
    public synchronized List<ShareLink> list(Inbox inbox) throws IOException {
        UnlockedVault vault = vault(inbox);
        LinkService service = service(vault);
        String base = base();
        List<ShareLink> out = new ArrayList<>();
        for (LinkInfo l : service.list(vault::openSealed)) {
            String url = l.token() == null ? null : base + "/u/" + l.token();
            String code = l.token() == null ? "" : service.checkCode(l.token());
            out.add(new ShareLink(l.id(), l.label(), url, l.expiresAt(), code, l.revoked()));
        }
        return out;
    }

    @Override
    public synchronized ShareLink create(Inbox inbox, String label, Duration validFor) throws IOException {
        CreatedLink l = service(vault(inbox)).create(label, validFor, null, settings.load().patientName());
        return new ShareLink(l.id(), label, l.url(base()), l.expiresAt(), l.checkCode(), false);
    }

    @Override
    public synchronized void revoke(Inbox inbox, String id) throws IOException {
        service(vault(inbox)).revoke(id);
    }
}
