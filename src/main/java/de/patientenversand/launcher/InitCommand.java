package de.patientenversand.launcher;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code init}: creates a vault (filled in by the vault work). */
@Command(name = "init", description = "Create a new vault.")
final class InitCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("init is built with the vault");
    }
}
