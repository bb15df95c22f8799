package de.patientenversand.launcher;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the command line in the test's JVM as a German-speaking patient would see it, with cheap
 * Argon2 parameters for the test class ({@code @ExtendWith(InProcessCli.class)}); both settings
 * are restored afterwards.
 */
final class InProcessCli implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(InProcessCli.class);

    /** Exit code and what the command printed. */
    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NS).put(Locale.class, Locale.getDefault());
        System.setProperty(VaultAccess.CHEAP_KDF_PROPERTY, "true");
        Locale.setDefault(Locale.GERMAN);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        System.clearProperty(VaultAccess.CHEAP_KDF_PROPERTY);
        Locale.setDefault(context.getStore(NS).get(Locale.class, Locale.class));
    }
}
