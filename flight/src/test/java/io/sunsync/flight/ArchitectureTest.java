package io.sunsync.flight;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the module graph of docs/architecture.md: flight sees hardware only through hal. */
@AnalyzeClasses(packages = "io.sunsync", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule flightNeverImportsTheSimHarnessOrTestKit = noClasses()
            .that().resideInAPackage("io.sunsync.flight..")
            .should().dependOnClassesThat().resideInAnyPackage("io.sunsync.sim..", "io.sunsync.testkit..");

    @ArchTest
    static final ArchRule halKnowsNothingOfFlightOrSimulation = noClasses()
            .that().resideInAPackage("io.sunsync.hal..")
            .should().dependOnClassesThat().resideInAnyPackage("io.sunsync.flight..", "io.sunsync.sim..",
                    "org.eclipse.paho..");
}
