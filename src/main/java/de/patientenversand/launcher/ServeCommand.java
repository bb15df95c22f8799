package de.patientenversand.launcher;

import de.patientenversand.common.UserException;
import de.patientenversand.common.events.EventSink;
import de.patientenversand.links.AgeSealer;
import de.patientenversand.links.LinkPageData;
import de.patientenversand.links.LinkService;
import de.patientenversand.settings.Settings;
import de.patientenversand.settings.SettingsStore;
import de.patientenversand.tunnel.TunnelMode;
import de.patientenversand.upload.ClientAddressResolver;
import de.patientenversand.upload.DiskSpace;
import de.patientenversand.upload.FileNameSanitizer;
import de.patientenversand.upload.JsonLineEvents;
import de.patientenversand.upload.ServerInfo;
import de.patientenversand.upload.TypeDetector;
import de.patientenversand.upload.UploadLimits;
import de.patientenversand.upload.UploadPolicy;
import de.patientenversand.upload.UploadServer;
import de.patientenversand.upload.UploadSlots;
import de.patientenversand.upload.UploadStack;
import de.patientenversand.vault.VaultLayout;
import de.patientenversand.upload.compliance.CompliancePage;
import de.patientenversand.upload.documents.LinkDocuments;
import de.patientenversand.vault.Retention;
import de.patientenversand.upload.tus.ResumableModule;
import de.patientenversand.vault.ActivityEvents;
import de.patientenversand.vault.ActivityLog;
import de.patientenversand.vault.VaultLock;
import de.patientenversand.vault.WriteSide;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code serve}: the internet-facing process (DESIGN.md section 2). It opens the vault's write
 * side only (public key, never the password), takes the serve lock, writes {@code server.json}
 * and only then prints {@code Listening on …}; events go to stdout as JSON lines. SIGTERM/SIGINT
 * (and, with {@code --exit-with-stdin}, the parent closing our stdin) stop it cleanly.
 */
@Command(name = "serve", description = "Run the upload server for practices.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", description = "Local port (default: from the settings, else a free one).")
    Integer port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1", description = "Address to bind (default 127.0.0.1).")
    String bind;

    @Option(names = "--tunnel", paramLabel = "MODE", defaultValue = "off", description = "off, quick or named (default off).")
    String tunnel;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "The public address of your own Cloudflare tunnel (named), e.g. https://upload.example.org.")
    String publicUrl;

    @Option(names = "--exit-with-stdin", hidden = true, description = "Exit when stdin closes (the parent app died).")
    boolean exitWithStdin;

    @Override
    public Integer call() throws Exception {
        if (!List.of("off", "quick", "named").contains(tunnel)) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--tunnel must be off, quick or named");
        }
        if (publicUrl != null) {
            if (!publicUrl.matches("https://[A-Za-z0-9.-]+(:\\d+)?/?")) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--public-url must be an https address without a path, e.g. https://upload.example.org");
            }
            publicUrl = publicUrl.replaceAll("/$", "");
        }
        if (port != null && (port < 0 || port > 65535)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    UserException.format(java.util.Locale.getDefault(), "serve.badPort"));
        }
        Path dataDir = common.dataDir != null ? common.dataDir() : VaultAccess.dataDir(spec);
        PrintStream out = System.out;
        // The lock first: startup recovery (inside WriteSide.open) must never run beside another serve,
        // whose partial uploads in tmp/ it would remove.
        VaultLock lock = VaultLock.serve(new VaultLayout(dataDir));
        WriteSide vault;
        try {
            vault = WriteSide.open(dataDir);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
        var settings = new SettingsStore(dataDir).load();
        int chosenPort = port != null ? port : settings.port();
        SecureRandom random = new SecureRandom();
        String recipient = vault.recipient().value();
        LinkService links = new LinkService(vault.database(), new LinkPageData(dataDir.resolve("links"), random),
                new AgeSealer(recipient), recipient, Clock.systemUTC(), random);
        UploadLimits limits = limits(settings);
        // every event goes to the app (JSON lines on stdout) and to the activity log (no personal data)
        EventSink events = EventSink.all(new JsonLineEvents(out),
                new ActivityEvents(new ActivityLog(vault.database(), Clock.systemUTC())));
        UploadPolicy policy = new UploadPolicy(limits, vault.documents(), links, new TypeDetector(),
                new FileNameSanitizer(), DiskSpace.of(dataDir), new UploadSlots(limits.maxConcurrentUploads()),
                events, Clock.systemUTC());
        TunnelMode mode = TunnelMode.parse(tunnel);
        List<UploadServer.Listener> listeners = new ArrayList<>(List.of(new UploadServer.Listener(bind, chosenPort, ClientAddressResolver.PEER)));
        if (mode != TunnelMode.OFF) {
            // cloudflared's own loopback listener: the only one where CF-Connecting-IP counts
            // a quick tunnel's address is new at every start: the page tells practices so when it breaks
            listeners.add(new UploadServer.Listener("127.0.0.1", ServeTunnel.tunnelListenerPort(mode, settings),
                    ClientAddressResolver.trustedHeader("CF-Connecting-IP"), mode == TunnelMode.QUICK));
        }
        UploadStack stack = new UploadStack(policy);
        LinkDocuments documents = ConsentCommand.documents(dataDir, recipient, random, stack.errors())
                .register(stack.routes());
        new CompliancePage(stack.errors()).register(stack.routes());
        // the upload page, submissions and tus; partial uploads expire after 6 quiet hours
        ResumableModule resumable = new ResumableModule(policy, stack.errors(), Duration.ofHours(6),
                documents.consentHook(), documents.receiptHook()).register(stack.routes());
        // automatic deletion after N days (settings), now and once a day; needs no private key
        RetentionTask retention = new RetentionTask(new Retention(vault.database(), vault.layout(), Clock.systemUTC()),
                settings.retentionDays());
        retention.start(Duration.ofDays(1));
        UploadServer server = stack.server(listeners);
        ServeTunnel tunnelRunner = new ServeTunnel(events, url -> writeServerInfo(dataDir, server.port(), url), out,
                System.err, Locale.getDefault());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            tunnelRunner.close();
            server.stop();
            retention.close();
            resumable.close();
            documents.close(); // the receipt PDFs still being written
            try {
                ServerInfo.delete(dataDir);
            } catch (IOException e) {
                // a stale server.json is recognised by its dead pid
            }
            lock.close();
            vault.close();
            stopped.countDown();
        }, "serve-shutdown"));
        try {
            server.start();
        } catch (RuntimeException e) {
            if (causedByBind(e)) {
                throw new UserException(e, "serve.portInUse", String.valueOf(chosenPort));
            }
            throw e;
        }
        resumable.start(Duration.ofMinutes(1));
        String host = bind.contains(":") ? "[" + bind + "]" : bind;
        String localUrl = "http://" + ("0.0.0.0".equals(bind) ? "127.0.0.1" : host) + ":" + server.port();
        this.localUrl = localUrl;
        writeServerInfo(dataDir, server.port(), null);
        out.println("Listening on " + localUrl);
        out.flush();
        if (mode != TunnelMode.OFF) {
            tunnelRunner.start(mode, settings, dataDir, server.port(1), publicUrl);
        }
        if (exitWithStdin) {
            Thread watchdog = new Thread(() -> {
                try (InputStream in = System.in) {
                    while (in.read() != -1) {
                        // drain; the parent never writes
                    }
                } catch (IOException e) {
                    // the pipe broke: same as closed
                }
                System.exit(0);
            }, "stdin-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
        }
        stopped.await();
        return 0;
    }

    private String localUrl;

    /** server.json with the current public URL (or none): written before the URL is printed. */
    private void writeServerInfo(Path dataDir, int localPort, String publicBase) {
        try {
            new ServerInfo(ServerInfo.CURRENT_VERSION, ProcessHandle.current().pid(), localPort, localUrl, publicBase)
                    .write(dataDir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The limits of DESIGN.md section 6, with the largest file the patient chose in the settings. */
    static UploadLimits limits(Settings settings) {
        UploadLimits defaults = UploadLimits.defaults();
        int mb = settings.maxFileSizeMb();
        return mb > 0 ? defaults.withMaxFileBytes(mb * UploadLimits.MIB) : defaults;
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException) {
                return true;
            }
        }
        return false;
    }
}
