package de.patientenversand.launcher;

import de.patientenversand.common.UserException;
import de.patientenversand.consent.ConsentData;
import de.patientenversand.consent.ConsentService;
import de.patientenversand.links.LinkInfo;
import de.patientenversand.ui.common.ConsentAccess;
import de.patientenversand.vault.Inbox;
import de.patientenversand.vault.UnlockedVault;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The app's consent editor on top of {@link ConsentService}: the link's token is opened with the
 * unlocked vault for each call (as {@code consent set} does) and never handed to the UI.
 */
final class AppConsents implements ConsentAccess {
    private final Path dataDir;

    AppConsents(Path dataDir) {
        this.dataDir = dataDir;
    }

    private LinkInfo link(Inbox inbox, String linkId) throws IOException {
        if (!(inbox instanceof UnlockedVault vault)) {
            throw new IllegalArgumentException("consents need the unlocked vault");
        }
        LinkInfo link = ConsentCommand.link(dataDir, vault, linkId);
        if (link.token() == null) {
            throw new UserException("consent.linkUnknown", linkId);
        }
        return link;
    }

    @Override
    public synchronized List<Integer> versions(Inbox inbox, String linkId) throws IOException {
        return ConsentCommand.service(dataDir).versions(link(inbox, linkId).id());
    }

    @Override
    public synchronized int save(Inbox inbox, String linkId, ConsentData data) throws IOException {
        LinkInfo link = link(inbox, linkId);
        return ConsentCommand.service(dataDir).set(link.id(), link.token(), link.expiresAt(), data).number();
    }

    @Override
    public synchronized byte[] pdf(Inbox inbox, String linkId, int version) throws IOException {
        LinkInfo link = link(inbox, linkId);
        byte[] pdf = ConsentCommand.service(dataDir).version(link.id(), link.token(), version);
        if (pdf == null) {
            throw new UserException("consent.none");
        }
        return pdf;
    }
}
