package io.sunsync.sim.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.sim.SimSatellite;
import io.sunsync.sim.orbit.EclipseEphemeris;
import io.sunsync.sim.scenario.Scenario;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TwoLevelControllerTest {
    static final Instant T0 = Instant.parse("2027-06-21T00:00:00Z");
    static final TwoLevelController.Level SUN = new TwoLevelController.Level(96, 900);
    static final TwoLevelController.Level DARK = new TwoLevelController.Level(60, 500);

    @Test
    void theScheduleDropsLeadSecondsBeforeEachEclipseAndComesBackTailSecondsAfter() {
        List<EclipseEphemeris.Window> windows = List.of(
                new EclipseEphemeris.Window(T0.plusSeconds(1000), T0.plusSeconds(2200)),
                new EclipseEphemeris.Window(T0.plusSeconds(6900), T0.plusSeconds(8100)));
        TwoLevelController c = new TwoLevelController(SUN, DARK, windows, 30, 60);
        assertThat(c.levelAt(T0)).isEqualTo(SUN);
        assertThat(c.levelAt(T0.plusSeconds(969))).isEqualTo(SUN);
        assertThat(c.levelAt(T0.plusSeconds(970))).isEqualTo(DARK);
        assertThat(c.levelAt(T0.plusSeconds(2259))).isEqualTo(DARK);
        assertThat(c.levelAt(T0.plusSeconds(2260))).isEqualTo(SUN);
        assertThat(c.levelAt(T0.plusSeconds(6870))).isEqualTo(DARK);
        assertThat(c.levelAt(T0.plusSeconds(9000))).isEqualTo(SUN);
    }

    @Test
    void aLevelSpendsItsPowerOnBoardsAtTheBestWorkPerWattCapUntilAllRun() {
        Scenario s = Scenario.load(Path.of("scenarios", "eclipse-season-day.yaml"));
        double best = FixedFleetController.bestWorkPerWattCapW(s);
        TwoLevelController.Level partial = TwoLevelController.Level.spending(s, 20.5 * best);
        assertThat(partial.boardsOn()).isEqualTo(20);
        assertThat(partial.capW()).isEqualTo(best);
        TwoLevelController.Level all = TwoLevelController.Level.spending(s, 96 * 800.0);
        assertThat(all.boardsOn()).isEqualTo(96);
        assertThat(all.capW()).isEqualTo(800.0);
    }

    @Test
    void theTunedScheduleFliesCleanAndBeatsTheStaticFleet() {
        Scenario s = Scenario.load(Path.of("scenarios", "eclipse-season-day.yaml")).withDuration(6 * 3600);
        List<EclipseEphemeris.Window> windows = EclipseEphemeris.predict(s.truthOrbit(), s.start(),
                s.end().plusSeconds(7200));
        TwoLevelController.Sweep sweep = TwoLevelController.Sweep.tune(s, windows, 30, 30);
        var tuned = ScenarioRunner.run(s, sweep.best(), new SimSatellite.Recording(0, 0, null)).truth();
        var fixed = ScenarioRunner.run(s, FixedFleetController.sizedFor(s), new SimSatellite.Recording(0, 0, null)).truth();
        assertThat(tuned.violated()).isFalse();
        assertThat(tuned.workUnits()).isEqualTo(sweep.bestWork());
        assertThat(tuned.workUnits()).isGreaterThan(1.5 * fixed.workUnits());
        assertThat(sweep.runs()).isBetween(10, 60);
    }
}
