package de.patientenversand.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.concurrent.Task;

/**
 * Runs work off the FX thread and hands the result back on it:
 * {@code Tasks.create(work).onSuccess(..).onError(Type.class, ..).runOn(executor)}.
 * Errors without a matching handler go to the {@link ErrorReporter} (short message with an id).
 */
public final class Tasks {
    private Tasks() {
    }

    public static <T> Builder<T> create(Callable<T> work) {
        return new Builder<>(work);
    }

    public static Builder<Void> create(ThrowingRunnable work) {
        return new Builder<>(() -> {
            work.run();
            return null;
        });
    }

    /** Work without a result. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    public static final class Builder<T> {
        private final Callable<T> work;
        private Consumer<T> success = r -> { };
        private final List<Handler<?>> handlers = new ArrayList<>();
        private Runnable finallyDo = () -> { };
        private ErrorReporter fallback;

        private Builder(Callable<T> work) {
            this.work = work;
        }

        public Builder<T> onSuccess(Consumer<T> action) {
            this.success = action;
            return this;
        }

        public <E extends Throwable> Builder<T> onError(Class<E> type, Consumer<E> action) {
            handlers.add(new Handler<>(type, action));
            return this;
        }

        public Builder<T> andFinally(Runnable action) {
            this.finallyDo = action;
            return this;
        }

        /** Where unexpected errors go (logged with an id, short message shown). */
        public Builder<T> reportTo(ErrorReporter reporter) {
            this.fallback = reporter;
            return this;
        }

        public Task<T> runOn(Executor executor) {
            Task<T> task = new Task<>() {
                @Override
                protected T call() throws Exception {
                    return work.call();
                }
            };
            task.setOnSucceeded(e -> {
                try {
                    success.accept(task.getValue());
                } finally {
                    finallyDo.run();
                }
            });
            task.setOnFailed(e -> {
                try {
                    handle(task.getException());
                } finally {
                    finallyDo.run();
                }
            });
            executor.execute(task);
            return task;
        }

        private void handle(Throwable error) {
            for (Handler<?> h : handlers) {
                if (h.accept(error)) {
                    return;
                }
            }
            if (fallback != null) {
                fallback.unexpected(error);
            }
        }
    }

    private record Handler<E extends Throwable>(Class<E> type, Consumer<E> action) {
        boolean accept(Throwable error) {
            if (type.isInstance(error)) {
                action.accept(type.cast(error));
                return true;
            }
            return false;
        }
    }
}
