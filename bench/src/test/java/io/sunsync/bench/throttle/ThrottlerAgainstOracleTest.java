package io.sunsync.bench.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.bench.closedloop.FlightController;
import io.sunsync.bench.closedloop.GroundEphemeris;
import io.sunsync.flight.throttle.ThrottlerConfig;
import io.sunsync.sim.control.FixedFleetController;
import io.sunsync.sim.oracle.Oracle;
import io.sunsync.sim.oracle.OracleResult;
import io.sunsync.sim.scenario.Scenario;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The throttler, as flight runs it, against the sim harness's oracle on reference scenarios
 * (shortened to keep the suite fast; {@code ./sunsync bench throttler} runs them whole).
 */
class ThrottlerAgainstOracleTest {
    private static final Path SCENARIOS = Path.of("..", "sim-harness", "scenarios");

    private static ThrottlerBenchmark.Row run(String name, double hours) {
        Scenario s = Scenario.load(SCENARIOS.resolve(name + ".yaml")).withDuration(hours * 3600);
        OracleResult oracle = Oracle.bound(s);
        return ThrottlerBenchmark.grade(s, new FlightController(ThrottlerConfig.defaults(),
                GroundEphemeris.predict(s, s.start(), s.end().plusSeconds(7200))), "throttler", oracle);
    }

    @Test
    void aboveNinetyFivePercentOfTheOracleInTheEclipseSeasonWithNoViolation() {
        ThrottlerBenchmark.Row row = run("eclipse-season-day", 8);
        assertThat(row.violations()).as("violations %s", row.violationsByKind()).isZero();
        assertThat(row.ratioToOracle()).isGreaterThan(0.95).isLessThanOrEqualTo(1.0);
    }

    @Test
    void anEphemerisAMinuteEarlyAtTheSeasonsGrazingPassesBrownsNothingOut() {
        // May 10, the deepest grazing passes before the first umbra: each predicted window ends a minute
        // before the pass does, while the array is still dim. The boards held at the eclipse plan must
        // not come back to an array estimate that climbed unverified during the hold (6 brown-outs and
        // 8 protection trips in these 6 hours before that was fixed).
        Scenario onset = Scenario.load(SCENARIOS.resolve("eclipse-season-onset-30d.yaml"));
        Scenario s = onset.with(onset.start().plusSeconds(2 * 86_400 + 3600), null, null, null).withDuration(6 * 3600);
        FlightController c = new FlightController(ThrottlerConfig.defaults(), io.sunsync.flight.protect.ProtectionConfig
                .defaults(), GroundEphemeris.predict(s, s.start(), s.end().plusSeconds(7200), -60), null);
        ThrottlerBenchmark.Row row = ThrottlerBenchmark.grade(s, c, "throttler", Oracle.bound(s));
        assertThat(row.violations()).as("violations %s", row.violationsByKind()).isZero();
        assertThat(c.trips()).isEmpty();
    }

    @Test
    void farAheadOfTheStaticBaselineOnTheSameScenario() {
        Scenario s = Scenario.load(SCENARIOS.resolve("eclipse-season-day.yaml")).withDuration(8 * 3600);
        OracleResult oracle = Oracle.bound(s);
        ThrottlerBenchmark.Row baseline = ThrottlerBenchmark.grade(s, FixedFleetController.sizedFor(s), "static", oracle);
        ThrottlerBenchmark.Row throttler = run("eclipse-season-day", 8);
        assertThat(baseline.violations()).isZero();
        assertThat(throttler.workUnits()).isGreaterThan(1.5 * baseline.workUnits());
    }

    @Test
    void onItsOwnElementsAloneTheSatelliteFliesTheSeasonAsWellAsOnTheGroundsEphemeris() {
        Scenario s = Scenario.load(SCENARIOS.resolve("eclipse-season-day.yaml")).withDuration(8 * 3600);
        OracleResult oracle = Oracle.bound(s);
        // Elements a day old, fitted to the truth orbit by the ground's flight dynamics.
        String elements = io.sunsync.sim.fdyn.FlightDynamics.of(s).elementsAged(java.time.Duration.ofDays(1)).tle();
        FlightController onboard = new FlightController(ThrottlerConfig.defaults(),
                io.sunsync.flight.protect.ProtectionConfig.defaults(), java.util.List.of(), elements);
        ThrottlerBenchmark.Row row = ThrottlerBenchmark.grade(s, onboard, "throttler on board", oracle);
        assertThat(onboard.failures()).isEmpty();
        assertThat(onboard.orbit().housekeeping(s.end()).missedBy()).isEmpty();
        assertThat(row.violations()).as("violations %s, errors %s", row.violationsByKind(),
                onboard.orbit().housekeeping(s.end()).lastErrorS()).isZero();
        // Measured: 0.943 on board against 0.957 on the ground's ephemeris (the same windows to a few
        // seconds; the 1.4 % is lost after the third orbit, in how the planner uses on-board windows).
        assertThat(row.ratioToOracle()).isGreaterThan(0.93);
        assertThat(row.ratioToOracle()).isGreaterThan(run("eclipse-season-day", 8).ratioToOracle() - 0.025);
    }

    @Test
    void aDegradedArrayIsFlownWithinItsLimits() {
        ThrottlerBenchmark.Row row = run("degraded-array", 6);
        assertThat(row.violations()).as("violations %s", row.violationsByKind()).isZero();
        assertThat(row.ratioToOracle()).isGreaterThan(0.9);
    }
}
