package de.patientenversand.ui;

import de.patientenversand.common.UserException;
import de.patientenversand.consent.ConsentData;
import de.patientenversand.consent.ConsentPdf;
import de.patientenversand.consent.ConsentService;
import de.patientenversand.consent.LinkBoundFiles;
import de.patientenversand.ui.common.ConsentAccess;
import de.patientenversand.ui.common.LinkAccess;
import de.patientenversand.vault.Inbox;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

/** The real {@link ConsentService} on files in the test's data dir; the token is the link URL's tail. */
final class TestConsents implements ConsentAccess {
    final ConsentService service;
    private final LinkAccess links;

    TestConsents(Path dataDir, LinkAccess links) {
        this.service = new ConsentService(new LinkBoundFiles(dataDir.resolve("links"), new SecureRandom()),
                new ConsentPdf(ZoneId.of("Europe/Berlin")), Clock.systemUTC());
        this.links = links;
    }

    LinkAccess.ShareLink link(Inbox inbox, String id) throws IOException {
        return links.list(inbox).stream().filter(l -> l.id().equals(id)).findFirst()
                .orElseThrow(() -> new UserException("consent.linkUnknown", id));
    }

    static String token(LinkAccess.ShareLink l) {
        return l.url().substring(l.url().lastIndexOf("/u/") + 3);
    }

    @Override
    public List<Integer> versions(Inbox inbox, String linkId) throws IOException {
        return service.versions(linkId);
    }

    @Override
    public int save(Inbox inbox, String linkId, ConsentData data) throws IOException {
        LinkAccess.ShareLink l = link(inbox, linkId);
        return service.set(linkId, token(l), l.expiresAt(), data).number();
    }

    @Override
    public byte[] pdf(Inbox inbox, String linkId, int version) throws IOException {
        return service.version(linkId, token(link(inbox, linkId)), version);
    }
}
