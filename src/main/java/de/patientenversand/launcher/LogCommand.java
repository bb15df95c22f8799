package de.patientenversand.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.patientenversand.common.UserException;
import de.patientenversand.vault.ActivityEntry;
import de.patientenversand.vault.ActivityLog;
import de.patientenversand.vault.ActivityText;
import de.patientenversand.vault.Database;
import de.patientenversand.vault.VaultLayout;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code log [--since 7d] [--json]}: the activity log. Needs no password, because nothing
 * personal is in it (see {@link ActivityLog}).
 */
@Command(name = "log", mixinStandardHelpOptions = true, description = "Show the activity log (no personal data).")
final class LogCommand implements Callable<Integer> {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})([dhm])");

    @Mixin
    CommonOptions common;

    @Option(names = "--since", paramLabel = "DURATION", defaultValue = "7d",
            description = "How far back, e.g. 7d, 12h, 90m (default 7d).")
    String since;

    @Option(names = "--json", description = "One JSON array: time, kind, detail, unusual.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Duration back = parse(since);
        VaultLayout layout = new VaultLayout(common.dataDir());
        if (!layout.exists()) {
            throw new UserException("vault.notFound", layout.dataDir().toString());
        }
        Clock clock = Clock.systemUTC();
        List<ActivityEntry> entries;
        try (Database db = Database.open(layout.database())) {
            entries = new ActivityLog(db, clock).list(clock.instant().minus(back));
        }
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ArrayNode array = mapper.createArrayNode();
            for (ActivityEntry e : entries) {
                ObjectNode n = array.addObject();
                n.put("time", e.time().toString());
                n.put("kind", e.kind());
                n.set("detail", mapper.valueToTree(e.detail()));
                n.put("unusual", e.unusual());
            }
            out.println(mapper.writeValueAsString(array));
        } else if (entries.isEmpty()) {
            out.println(VaultAccess.text("log.empty"));
        } else {
            ActivityText text = new ActivityText(Locale.getDefault(), ZoneId.systemDefault());
            entries.forEach(e -> out.println(text.line(e)));
        }
        out.flush();
        return 0;
    }

    static Duration parse(String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new UserException("log.badSince", String.valueOf(text));
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "d" -> Duration.ofDays(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofMinutes(n);
        };
    }
}
