package io.sunsync.flight;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** Keeps the module graph of docs/architecture.md: flight sees hardware only through hal. */
class ArchitectureTest {
    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.sunsync");

    private static void assertNoViolations(ArchRule rule) {
        assertThat(MAIN_CLASSES.stream().anyMatch(c -> c.getPackageName().startsWith("io.sunsync.flight")))
                .as("flight's classes were imported").isTrue();
        assertThat(rule.evaluate(MAIN_CLASSES).getFailureReport().getDetails()).as(rule.getDescription()).isEmpty();
    }

    @Test
    void flightNeverImportsTheSimHarnessOrTestKit() {
        assertNoViolations(noClasses()
                .that().resideInAPackage("io.sunsync.flight..")
                .should().dependOnClassesThat().resideInAnyPackage("io.sunsync.sim..", "io.sunsync.testkit.."));
    }

    @Test
    void halKnowsNothingOfFlightOrSimulation() {
        assertNoViolations(noClasses()
                .that().resideInAPackage("io.sunsync.hal..")
                .should().dependOnClassesThat().resideInAnyPackage("io.sunsync.flight..", "io.sunsync.sim..",
                        "org.eclipse.paho.."));
    }

    @Test
    void theAppendOnlyLogDependsOnNothingElseInSunsync() {
        assertNoViolations(noClasses()
                .that().resideInAPackage("io.sunsync.flight.store.log..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.sunsync.flight.store.log..", "java.."));
    }

    @Test
    void theRulesCatchAViolation() {
        // flight does depend on hal: a rule forbidding that must report it, or the checks above prove nothing.
        ArchRule forbidden = noClasses().that().resideInAPackage("io.sunsync.flight..")
                .should().dependOnClassesThat().resideInAPackage("io.sunsync.hal..");
        assertThat(forbidden.evaluate(MAIN_CLASSES).getFailureReport().getDetails()).isNotEmpty();
    }
}
