package de.patientenversand.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.patientenversand.vault.DocumentInfo;
import de.patientenversand.vault.UnlockedVault;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code inbox list [--json]}: needs the password, because names and senders are sealed. */
@Command(name = "list", description = "List the documents (newest first).")
final class InboxListCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    UnlockOptions unlock;

    @Option(names = "--json", description = "One JSON array with stable field names (DESIGN.md section 9).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (UnlockedVault vault = VaultAccess.unlock(common.dataDir(), unlock, spec.commandLine().getErr())) {
            vault.adoptNew();
            List<DocumentInfo> docs = vault.documents();
            if (json) {
                out.println(toJson(docs));
            } else if (docs.isEmpty()) {
                out.println(VaultAccess.text("cli.inbox.empty"));
            } else {
                for (DocumentInfo d : docs) {
                    out.printf("%s  %s  %10d  %-11s  %s%n", d.id(), d.receivedAt(), d.size(), d.state(), d.name());
                }
            }
            out.flush();
            return 0;
        }
    }

    static String toJson(List<DocumentInfo> docs) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode array = mapper.createArrayNode();
        for (DocumentInfo d : docs) {
            ObjectNode n = array.addObject();
            n.put("id", d.id());
            n.put("submission", d.submission());
            n.put("name", d.name());
            n.put("size", d.size());
            n.put("sha256", d.sha256());
            n.put("type", d.type());
            n.put("receivedAt", d.receivedAt().toString());
            n.put("sender", d.sender());
            n.put("link", d.link());
            n.put("verified", d.verified());
            // added after the first release of the shape: the practice's message with the delivery
            n.put("message", d.message());
        }
        return mapper.writeValueAsString(array);
    }
}
