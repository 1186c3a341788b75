package org.ideogramcamel;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * No package of the app depends, through any chain, on itself: each package is one concern, and a cycle is where
 * concerns have merged. Every package is its own slice ({@code dialect} and {@code dialect.replicate} are two), so
 * a provider package that the dialect root imported back would fail here too.
 */
class PackageCyclesTest {

    private static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.ideogramcamel");

    @Test
    void noPackageCycles() {
        slices().matching("org.ideogramcamel.(**)").should().beFreeOfCycles().check(APP);
    }
}
