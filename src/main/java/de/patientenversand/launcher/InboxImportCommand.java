package de.patientenversand.launcher;

import de.patientenversand.common.UserException;
import de.patientenversand.vault.DocumentSink;
import de.patientenversand.vault.IncomingDocument;
import de.patientenversand.vault.StoredDocument;
import de.patientenversand.vault.WriteSide;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.tika.Tika;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code inbox import FILE…}: the patient's own files, sealed with the public key only (no
 * password asked). The type is detected from the first bytes, in memory.
 */
@Command(name = "import", description = "Add your own files to the vault (no password needed).")
final class InboxImportCommand implements Callable<Integer> {
    private static final int SNIFF = 64 * 1024;


    @Mixin
    CommonOptions common;

    @Parameters(arity = "1..*", paramLabel = "FILE")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        for (Path f : files) {
            if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
                throw new UserException("cli.fileUnreadable", f.toString());
            }
        }
        Tika tika = new Tika();
        try (WriteSide vault = WriteSide.open(common.dataDir())) {
            DocumentSink sink = vault.documents();
            String submission = sink.openSubmission(null);
            for (Path f : files) {
                StoredDocument doc = importOne(sink, tika, submission, f);
                out.println(doc.id() + "  " + f.getFileName());
            }
        }
        out.flush();
        return 0;
    }

    private static StoredDocument importOne(DocumentSink sink, Tika tika, String submission, Path f) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            byte[] head = in.readNBytes(SNIFF);
            String type = tika.detect(head);
            IncomingDocument doc = new IncomingDocument(submission, null, null, f.getFileName().toString(), type,
                    "", "");
            return sink.store(new SequenceInputStream(new ByteArrayInputStream(head), in), doc);
        }
    }
}
