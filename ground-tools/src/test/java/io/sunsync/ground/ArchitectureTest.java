package io.sunsync.ground;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Ground tools speak MQTT and the ICD only: no compile-time knowledge of the flight build. */
@AnalyzeClasses(packages = "io.sunsync.ground", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule groundNeverDependsOnFlight = noClasses()
            .that().resideInAPackage("io.sunsync.ground..")
            .should().dependOnClassesThat().resideInAPackage("io.sunsync.flight..");

    /** Nor on the hardware abstraction layer: the ground knows the satellite only through its telemetry. */
    @ArchTest
    static final ArchRule groundNeverDependsOnHal = noClasses()
            .that().resideInAPackage("io.sunsync.ground..")
            .should().dependOnClassesThat().resideInAPackage("io.sunsync.hal..");
}
