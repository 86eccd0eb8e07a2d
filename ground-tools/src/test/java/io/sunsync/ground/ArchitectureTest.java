package io.sunsync.ground;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** Ground tools speak MQTT and the ICD only: no compile-time knowledge of the flight build. */
class ArchitectureTest {
    private static final JavaClasses GROUND_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.sunsync.ground");

    private static void assertNoViolations(ArchRule rule) {
        assertThat(GROUND_CLASSES.size()).as("ground classes imported").isPositive();
        assertThat(rule.evaluate(GROUND_CLASSES).getFailureReport().getDetails()).as(rule.getDescription()).isEmpty();
    }

    @Test
    void groundNeverDependsOnFlight() {
        assertNoViolations(noClasses()
                .that().resideInAPackage("io.sunsync.ground..")
                .should().dependOnClassesThat().resideInAPackage("io.sunsync.flight.."));
    }

    /** Nor on the hardware abstraction layer: the ground knows the satellite only through its telemetry. */
    @Test
    void groundNeverDependsOnHal() {
        assertNoViolations(noClasses()
                .that().resideInAPackage("io.sunsync.ground..")
                .should().dependOnClassesThat().resideInAPackage("io.sunsync.hal.."));
    }

    @Test
    void theRulesCatchAViolation() {
        // The ground does use Paho: a rule forbidding it must report it, or the checks above prove nothing.
        ArchRule forbidden = noClasses().that().resideInAPackage("io.sunsync.ground..")
                .should().dependOnClassesThat().resideInAPackage("org.eclipse.paho..");
        assertThat(forbidden.evaluate(GROUND_CLASSES).getFailureReport().getDetails()).isNotEmpty();
    }
}
