package de.patientenversand;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Enforces the dependency table of DESIGN.md section 3. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("de.patientenversand");
    }

    @Test
    @DisplayName("each feature package uses only the packages DESIGN.md section 3 allows")
    void packagesFollowTheDesignTable() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("launcher").definedBy("de.patientenversand.launcher..")
                .layer("common").definedBy("de.patientenversand.common..")
                .layer("settings").definedBy("de.patientenversand.settings..")
                .layer("vault").definedBy("de.patientenversand.vault..")
                .layer("links").definedBy("de.patientenversand.links..")
                .layer("upload").definedBy("de.patientenversand.upload..")
                .layer("consent").definedBy("de.patientenversand.consent..")
                .layer("tunnel").definedBy("de.patientenversand.tunnel..")
                .layer("ui").definedBy("de.patientenversand.ui..")
                .whereLayer("launcher").mayNotBeAccessedByAnyLayer()
                .whereLayer("ui").mayOnlyBeAccessedByLayers("launcher")
                .whereLayer("upload").mayOnlyBeAccessedByLayers("launcher")
                .whereLayer("tunnel").mayOnlyBeAccessedByLayers("launcher", "ui")
                .whereLayer("consent").mayOnlyBeAccessedByLayers("launcher", "ui", "upload")
                .whereLayer("links").mayOnlyBeAccessedByLayers("launcher", "ui", "upload", "consent")
                .whereLayer("vault").mayOnlyBeAccessedByLayers("launcher", "ui", "upload", "consent", "links")
                .whereLayer("settings").mayOnlyBeAccessedByLayers("launcher", "ui", "upload", "tunnel", "vault")
                .check(classes);
    }

    @Test
    @DisplayName("only ui.* imports JavaFX")
    void onlyUiUsesJavaFx() {
        noClasses().that().resideOutsideOfPackage("de.patientenversand.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    @DisplayName("the internet-facing packages never reach into the UI")
    void serverAndTunnelDoNotImportUi() {
        noClasses().that().resideInAnyPackage("de.patientenversand.upload..", "de.patientenversand.tunnel..")
                .should().dependOnClassesThat().resideInAnyPackage("de.patientenversand.ui..", "javafx..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    @DisplayName("common depends on no feature package")
    void commonIsALeaf() {
        noClasses().that().resideInAPackage("de.patientenversand.common..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "de.patientenversand.settings..", "de.patientenversand.vault..", "de.patientenversand.links..",
                        "de.patientenversand.upload..", "de.patientenversand.consent..", "de.patientenversand.tunnel..",
                        "de.patientenversand.ui..", "de.patientenversand.launcher..")
                .check(classes);
    }
}
