package de.patientenversand.ui.common;

import javafx.stage.Stage;

/**
 * What every controller of one window gets through its constructor: the services, the words,
 * the formats, the error reporter, the file dialogs and the stage.
 */
public record UiContext(AppServices services, I18n i18n, Formats formats, ErrorReporter errors,
                        FileDialogs dialogs, Stage stage) {

    /** Runs {@code work} in the background; unexpected errors go to the reporter. */
    public <T> Tasks.Builder<T> task(java.util.concurrent.Callable<T> work) {
        return Tasks.create(work).reportTo(errors);
    }

    public void run(Tasks.Builder<?> builder) {
        builder.runOn(services.background());
    }

    public String text(String key, Object... args) {
        return i18n.text(key, args);
    }
}
