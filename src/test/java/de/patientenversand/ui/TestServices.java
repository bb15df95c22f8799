package de.patientenversand.ui;

import de.patientenversand.settings.SettingsStore;
import de.patientenversand.ui.common.AppServices;
import de.patientenversand.ui.common.DesktopIntegration;
import de.patientenversand.ui.common.LinkAccess;
import de.patientenversand.ui.common.ServerEvent;
import de.patientenversand.ui.common.ServerProcess;
import de.patientenversand.ui.common.VaultAccess;
import de.patientenversand.vault.Inbox;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/** Services for window tests: a memory vault, no links, a server that only reports events. */
final class TestServices {
    private TestServices() {
    }

    static AppServices with(Path dataDir, VaultAccess vault, LinkAccess links, ServerProcess server) {
        return with(dataDir, vault, links, server, DesktopIntegration.none());
    }

    static AppServices with(Path dataDir, VaultAccess vault, LinkAccess links, ServerProcess server,
                            DesktopIntegration desktop) {
        return new AppServices(dataDir, new SettingsStore(dataDir), vault, links, new TestConsents(dataDir, links), server,
                Executors.newCachedThreadPool(Thread.ofPlatform().daemon().factory()), Clock.systemUTC(),
                ZoneId.of("Europe/Berlin"), folder -> { }, desktop, null);
    }

    /** A server that never starts a process; tests push events through it. */
    static final class EventServer implements ServerProcess {
        volatile Consumer<ServerEvent> listener;

        @Override
        public void start(Consumer<ServerEvent> l) {
            listener = l;
        }

        @Override
        public void stop() {
            listener = null;
        }
    }

    /** Links kept in a list. */
    static final class MemoryLinks implements LinkAccess {
        final List<ShareLink> links = new ArrayList<>();

        @Override
        public synchronized List<ShareLink> list(Inbox inbox) {
            return List.copyOf(links);
        }

        @Override
        public synchronized ShareLink create(Inbox inbox, String label, Duration validFor) {
            ShareLink l = new ShareLink("l" + links.size(), label, "http://127.0.0.1:1/u/token" + links.size(),
                    java.time.Instant.now().plus(validFor), "K7M2QX", false);
            links.add(l);
            return l;
        }

        @Override
        public synchronized void revoke(Inbox inbox, String id) {
            links.replaceAll(l -> l.id().equals(id)
                    ? new ShareLink(l.id(), l.label(), l.url(), l.expiresAt(), l.checkCode(), true) : l);
        }
    }
}
