package de.patientenversand.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where the reliability suites write down what they tried and what held, so that one report can
 * add it up (docs/reliability.md). Each call appends one tab-separated line
 * {@code suite  metric  count} to {@code target/reliability/ledger.tsv} (or the file named by the
 * system property {@code pv.ledger}). The tests assert their own outcomes; the ledger only counts.
 *
 * <p>Metric names the report knows: {@link #FAULTS_INJECTED}, {@link #FAULTS_SURVIVED},
 * {@link #DOCS_CONFIRMED}, {@link #DOCS_INTACT}, {@link #HOSTILE_TRIED}, {@link #HOSTILE_HANDLED},
 * {@link #LOAD_UPLOADS}, {@link #LOAD_INTACT}.
 */
public final class ReliabilityLedger {

    public static final String FAULTS_INJECTED = "faults.injected";
    public static final String FAULTS_SURVIVED = "faults.survived";
    public static final String DOCS_CONFIRMED = "documents.confirmed";
    public static final String DOCS_INTACT = "documents.intact";
    public static final String HOSTILE_TRIED = "hostile.tried";
    public static final String HOSTILE_HANDLED = "hostile.handled";
    public static final String LOAD_UPLOADS = "load.uploads";
    public static final String LOAD_INTACT = "load.intact";

    private ReliabilityLedger() {
    }

    public static synchronized void record(String suite, String metric, long count) {
        Path file = Path.of(System.getProperty("pv.ledger", "target/reliability/ledger.tsv"));
        String line = suite + "\t" + metric + "\t" + count + "\n";
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reliability ledger " + file, e);
        }
    }
}
