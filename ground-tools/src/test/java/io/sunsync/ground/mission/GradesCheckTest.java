package io.sunsync.ground.mission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The GRADES check of the mission verdict: the floor, and the throttler against the best clean peer. */
class GradesCheckTest {
    static GradingRun.Grades graded(double ratioToBestPeer, int throttlerViolations) {
        return new GradingRun.Grades("sunsync bench throttler", 0.997, throttlerViolations, "two-level-96x895W/67x500W",
                0.971, ratioToBestPeer, List.of(new GradingRun.Peer("two-level-96x895W/67x500W", 0.971, 0),
                new GradingRun.Peer("greedy", 0.99, 2)), null);
    }

    @Test
    void aDayLongRehearsalUnderTheFloorFails() {
        MissionVerdict.Check c = MissionVerdict.grades(0.89, 2.0, 3, null);
        assertThat(c.ok()).isFalse();
        assertThat(c.detail()).contains("floor 0.90");
        assertThat(MissionVerdict.grades(0.91, 2.0, 3, null).ok()).isTrue();
    }

    @Test
    void aShortRehearsalIsNotHeldToTheFloorButMustHaveWorked() {
        assertThat(MissionVerdict.grades(0.12, 0.2, 0.1, null).ok()).isTrue();
        assertThat(MissionVerdict.grades(0.0, 0.0, 0.1, null).ok()).isFalse();
        assertThat(MissionVerdict.grades(Double.NaN, 0.0, 0.1, null).ok()).isFalse();
    }

    @Test
    void theThrottlerMustMatchTheBestPeerThatFlewCleanly() {
        assertThat(MissionVerdict.grades(0.94, 2.1, 3, graded(1.027, 0)).ok()).isTrue();
        MissionVerdict.Check worse = MissionVerdict.grades(0.94, 2.1, 3, graded(0.98, 0));
        assertThat(worse.ok()).isFalse();
        assertThat(worse.detail()).contains("0.980 x the best clean peer");
        assertThat(MissionVerdict.grades(0.94, 2.1, 3, graded(1.1, 3)).ok()).as("the throttler itself violated a limit")
                .isFalse();
    }

    @Test
    void aGradingRunThatFailedFailsTheCheck() {
        GradingRun.Grades failed = new GradingRun.Grades("x", Double.NaN, -1, null, Double.NaN, Double.NaN, List.of(),
                "the grading run exited with 1");
        MissionVerdict.Check c = MissionVerdict.grades(0.94, 2.1, 3, failed);
        assertThat(c.ok()).isFalse();
        assertThat(c.detail()).contains("exited with 1");
    }

    @Test
    void theGradesAreReadFromTheBenchmarksOutput() throws Exception {
        var json = new ObjectMapper().readTree("""
                {"verdicts":[{"scenario":"eclipse-season-depth","throttlerRatio":0.9966,"throttlerViolations":0,
                  "bestPeer":"two-level-96x895W/67x500W","bestPeerRatio":0.9706,"ratioToBestPeer":1.027}],
                 "rows":[{"controller":"sunsync-throttler","role":"throttler","ratioToOracle":0.9966,"violations":0},
                         {"controller":"static-64x500W","role":"static","ratioToOracle":0.437,"violations":0},
                         {"controller":"greedy","role":"greedy","ratioToOracle":0.99,"violations":2}]}""");
        GradingRun.Grades g = GradingRun.read(json, "cmd");
        assertThat(g.problem()).isNull();
        assertThat(g.ratioToBestPeer()).isEqualTo(1.027);
        assertThat(g.peers()).extracting(GradingRun.Peer::controller).containsExactly("static-64x500W", "greedy");
        assertThat(GradingRun.read(new ObjectMapper().readTree("{}"), "cmd").problem()).contains("no verdict");
    }

    @Test
    void eachControllersWattsAndTonnesAreReadWhereTheBenchWroteThem() throws Exception {
        var json = new ObjectMapper().readTree("""
                {"verdicts":[{"scenario":"eclipse-season-depth","throttlerRatio":0.99,"throttlerViolations":0,
                  "bestPeer":"static-64x500W","bestPeerRatio":0.44,"ratioToBestPeer":2.25}],
                 "rows":[{"controller":"sunsync-throttler","role":"throttler","ratioToOracle":0.99,"violations":0,
                          "energy":{"collectedKWh":5800.0,"computeKWh":5500.0,"housekeepingKWh":144.0,"heatersPumpsKWh":43.2,
                                    "storedKWh":-2.0,"batteryLossKWh":40.0,"curtailedKWh":74.8,"unservedKWh":0,"errorKWh":0},
                          "economy":{"workUnits":2.0E7,"days":3.0,"workPerKWhCollected":3448.3,"workPerKWhBoards":3636.4,
                                     "workPerKg":6233.8,"workPerKgPerDay":2077.9,"lifetimeWorkPerKg":3.79E6,
                                     "workPerUsdAtLowPrice":31.2,"workPerUsdAtHighPrice":2.29,
                                     "lifetimeWorkPerUsdAtLowPrice":18975,"lifetimeWorkPerUsdAtHighPrice":1395,
                                     "boardLifeYears":5.0,"somethingNew":1}},
                         {"controller":"static-64x500W","role":"static","ratioToOracle":0.44,"violations":0}]}""");
        GradingRun.Grades g = GradingRun.read(json, "cmd");
        assertThat(g.throttler().controller()).isEqualTo("sunsync-throttler");
        assertThat(g.throttler().energy().computeKWh()).isEqualTo(5500.0);
        assertThat(g.throttler().economy().workPerKgPerDay()).isEqualTo(2077.9);
        assertThat(g.peers()).singleElement().satisfies(p -> {
            assertThat(p.controller()).isEqualTo("static-64x500W");
            assertThat(p.economy()).isNull(); // a bench from before the figures: the report shows the peer without them
        });
    }
}
