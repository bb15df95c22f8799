package de.patientenversand.ui.common;

import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unexpected errors: logged with a short id, shown to the patient as one sentence with that id.
 * The log gets exception types and stack frames only, never exception messages, because those
 * may carry file names or other personal data.
 */
public final class ErrorReporter {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorReporter.class);
    private final I18n i18n;
    private final Consumer<String> show;

    /** @param show displays one sentence to the patient (called on the FX thread) */
    public ErrorReporter(I18n i18n, Consumer<String> show) {
        this.i18n = i18n;
        this.show = show;
    }

    /** Logs and shows; returns the id. */
    public String unexpected(Throwable error) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("Unexpected error {}: {}", id, describe(error));
        show.accept(i18n.text("error.unexpected", id));
        return id;
    }

    /** Exception types and frames, without messages. */
    static String describe(Throwable error) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            out.append(t == error ? "" : "\n caused by ").append(t.getClass().getName());
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, 12); i++) {
                out.append("\n   at ").append(frames[i]);
            }
        }
        return out.toString();
    }
}
