package io.sunsync.flight.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sunsync.hal.power.PowerSystemSpec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetPlannerTest {
    private static final Instant NOW = Instant.parse("2027-06-21T00:00:00Z");
    private static final PowerSystemSpec SPEC = new PowerSystemSpec(100_000, 20_000, 35, 20_000, 60_000, 120);
    private final ThrottlerConfig config = ThrottlerConfig.defaults();
    private final BudgetPlanner planner = new BudgetPlanner(config);

    private static EclipseForecaster withEphemeris(Instant start, long durationS) {
        EclipseForecaster f = new EclipseForecaster();
        f.uplink(List.of(new EclipseWindow(start, start.plusSeconds(durationS))));
        return f;
    }

    /** A ground ephemeris of one pass from {@code start}: penumbra for {@code penumbraS} each side of its umbra. */
    private static EclipseForecaster withPass(Instant start, long penumbraS, long durationS) {
        EclipseForecaster f = new EclipseForecaster();
        f.uplink(List.of(new EclipseWindow(start, start.plusSeconds(durationS), start.plusSeconds(penumbraS),
                start.plusSeconds(durationS - penumbraS), 0, ForecastSource.GROUND)));
        return f;
    }

    @Test
    void inEclipseTheUsableBatteryIsSpreadEvenlyOverTheTimeLeft() {
        EclipseForecaster f = withEphemeris(NOW.minusSeconds(100), 1200);
        double energyWh = 18_000;
        PowerBudget b = planner.plan(NOW, false, 0, energyWh, 3000, SPEC, f);
        double floorWh = 20_000 * 0.35 + 20_000 * 0.03;
        double remainingS = 1100 + config.eclipseTailS();
        double expectedBatteryW = (energyWh - floorWh) * 3600 / remainingS * config.dischargeEfficiency();
        assertThat(b.batteryW()).isCloseTo(expectedBatteryW, within(1e-6));
        assertThat(b.boardsW()).isCloseTo(expectedBatteryW - 3000, within(1e-6));
        assertThat(b.binding()).isEqualTo("BATTERY");
    }

    @Test
    void inSunlightTheRechargeIsSpreadUntilTheNextEclipse() {
        EclipseForecaster f = withEphemeris(NOW.plusSeconds(3720), 1200);
        PowerBudget b = planner.plan(NOW, true, 100_000, 10_000, 3000, SPEC, f);
        double horizonS = 3720 - config.chargeLeadS();
        double chargeW = 10_000 * 3600 / horizonS / config.chargeEfficiency();
        assertThat(b.batteryW()).isCloseTo(-chargeW, within(1e-6));
        assertThat(b.boardsW()).isCloseTo(100_000 - 3000 - chargeW, within(1e-6));
        assertThat(b.binding()).isEqualTo("RECHARGE");
    }

    @Test
    void aFullBatteryInSunlightLeavesTheWholeArrayToTheBoards() {
        PowerBudget b = planner.plan(NOW, true, 100_000, 20_000, 3000, SPEC, new EclipseForecaster());
        assertThat(b.boardsW()).isEqualTo(97_000);
        assertThat(b.binding()).isEqualTo("ARRAY");
    }

    @Test
    void withoutAForecastAnEclipseInProgressIsAssumedToLastTheWorstCase() {
        PowerBudget b = planner.plan(NOW, false, 0, 18_000, 3000, SPEC, new EclipseForecaster());
        assertThat(b.forecastKnown()).isFalse();
        assertThat(b.horizonS()).isCloseTo(config.maxEclipseS() + config.eclipseTailS(), within(1e-6));
    }

    @Test
    void atOrBelowTheFloorTheBatteryGivesNothing() {
        PowerBudget b = planner.plan(NOW, false, 0, 7_000, 3000, SPEC, new EclipseForecaster());
        assertThat(b.batteryW()).isZero();
        assertThat(b.boardsW()).isZero();
        assertThat(b.binding()).isEqualTo("FLOOR");
    }

    private static EclipseForecaster withBand(Instant start, long durationS, double uncertaintyS) {
        EclipseForecaster f = new EclipseForecaster();
        f.uplink(List.of(new EclipseWindow(start, start.plusSeconds(durationS), start, start.plusSeconds(durationS),
                uncertaintyS, ForecastSource.GROUND)));
        return f;
    }

    @Test
    void justBeforeAPredictedEclipseTheBoardsComeDownToTheEclipsePlan() {
        EclipseForecaster f = withBand(NOW.plusSeconds(3), 1200, 5);
        PowerBudget b = planner.plan(NOW, true, 100_000, 20_000, 3000, SPEC, f);
        double floorWh = 20_000 * 0.35 + 20_000 * 0.03;
        // Spread over the span the band allows: 1200 s plus 5 s either side.
        double eclipseW = (20_000 - floorWh) * 3600 / (1210 + config.eclipseTailS()) * config.dischargeEfficiency() - 3000;
        assertThat(b.binding()).isEqualTo("PRE_ECLIPSE");
        assertThat(b.boardsW()).isCloseTo(eclipseW, within(1e-6));
        assertThat(b.boardsW() + 3000).isLessThanOrEqualTo(SPEC.maxDischargeW());
    }

    @Test
    void throughTheEntryPenumbraTheBoardsFollowTheArrayAndComeDownBeforeTheUmbra() {
        // 20 s into a pass whose umbra begins 30 s on: the array still gives (the plan follows what it
        // gives); half a second before the umbra the boards are at what the battery alone carries.
        Instant start = NOW.minusSeconds(20);
        EclipseForecaster early = withPass(start, 50, 1200);
        PowerBudget following = planner.plan(NOW, true, 60_000, 20_000, 3000, SPEC, early);
        assertThat(following.binding()).isNotEqualTo("PRE_ECLIPSE");
        assertThat(following.boardsW()).isCloseTo(60_000 - 3000, within(1e-6));
        PowerBudget down = planner.plan(start.plusMillis(49_500), true, 60_000, 20_000, 3000, SPEC, early);
        assertThat(down.binding()).isEqualTo("PRE_ECLIPSE");
        assertThat(down.boardsW()).isLessThan(following.boardsW());
    }

    @Test
    void throughTheEntryPenumbraAFadingArrayNeverTakesTheBoardsBelowTheEclipsePlan() {
        // 20 s into the penumbra the array reads 20 kW (fading, or a noisy reading of it): the boards
        // keep what the battery will carry through the eclipse, not what the array gives this tick.
        Instant start = NOW.minusSeconds(20);
        EclipseForecaster f = withPass(start, 50, 1200);
        double energyWh = 15_000;
        PowerBudget fading = planner.plan(NOW, true, 20_000, energyWh, 3000, SPEC, f);
        double floorWh = 20_000 * 0.35 + 20_000 * 0.03;
        double eclipseW = (energyWh - floorWh) * 3600 / (1200 + config.eclipseTailS()) * config.dischargeEfficiency() - 3000;
        assertThat(eclipseW + 3000).isLessThan(0.9 * SPEC.maxDischargeW());
        assertThat(fading.binding()).isEqualTo("ECLIPSE_ENTRY");
        assertThat(fading.boardsW()).isCloseTo(eclipseW, within(1e-6));
        assertThat(fading.batteryW()).isCloseTo(eclipseW + 3000 - 20_000, within(1e-6)); // the battery gives the rest
        // before the penumbra a low reading is followed as it is (less the recharge)
        PowerBudget before = planner.plan(start.minusSeconds(30), true, 20_000, energyWh, 3000, SPEC, f);
        assertThat(before.binding()).isNotEqualTo("ECLIPSE_ENTRY");
        assertThat(before.boardsW()).isLessThan(eclipseW);
    }

    @Test
    void aPlanThatLeavesTheRateLimitNoRoomForTheFadeFollowsTheArrayDown() {
        // A full battery over a 20-minute eclipse could give 35 kW; a 30 kW rate limit caps the plan at
        // 29.1 kW with housekeeping, past 90 % of the limit: no room for the fall of the array's last
        // watts, so the boards follow the array down as they always did.
        Instant start = NOW.minusSeconds(20);
        PowerSystemSpec tight = new PowerSystemSpec(100_000, 20_000, 35, 20_000, 30_000, 120);
        PowerBudget fading = planner.plan(NOW, true, 20_000, 20_000, 3000, tight, withPass(start, 50, 1200));
        assertThat(fading.binding()).isNotEqualTo("ECLIPSE_ENTRY");
        assertThat(fading.boardsW()).isCloseTo(20_000 - 3000, within(1e-6));
    }

    @Test
    void aFadeTooFastForTheControlPeriodToFollowBringsTheBoardsDownAtThePenumbra() {
        // The penumbra begins 5 s on and lasts 27 s; the array gives 100 kW. At a 10 s period the load
        // would run up to 37 kW above a fading array between ticks (more than half the 58.2 kW the plan
        // may draw): come down now. At 1 Hz the lag is 3.7 kW: follow the array to the umbra.
        EclipseForecaster f = withPass(NOW.plusSeconds(5), 27, 1200);
        BudgetPlanner slow = new BudgetPlanner(ThrottlerConfig.withControlPeriodS(10));
        assertThat(slow.plan(NOW, true, 100_000, 20_000, 3000, SPEC, f).binding()).isEqualTo("PRE_ECLIPSE");
        assertThat(slow.plan(NOW.minusSeconds(10), true, 100_000, 20_000, 3000, SPEC, f).binding())
                .isNotEqualTo("PRE_ECLIPSE"); // the penumbra is more than a period away: not yet
        assertThat(planner.plan(NOW, true, 100_000, 20_000, 3000, SPEC, f).binding()).isNotEqualTo("PRE_ECLIPSE");
    }

    @Test
    void throughAGrazingPassThePlanCountsOnTheLightItStillGivesLessAMargin() {
        // A pass that shows at least 30 % of the Sun: the array gives 30 % less the 5-point margin.
        // Half a second before its deepest point (the umbra a grazing window's middle stands for).
        Instant start = NOW.minusMillis(99_500);
        EclipseForecaster grazing = new EclipseForecaster();
        grazing.uplink(List.of(new EclipseWindow(start, start.plusSeconds(200), start.plusSeconds(100),
                start.plusSeconds(100), 0, ForecastSource.GROUND, 0.30)));
        EclipseForecaster dark = withEphemeris(start, 200);
        PowerBudget lit = planner.plan(NOW, true, 100_000, 20_000, 3000, SPEC, grazing);
        PowerBudget unlit = planner.plan(NOW, true, 100_000, 20_000, 3000, SPEC, dark);
        assertThat(unlit.binding()).isEqualTo("PRE_ECLIPSE");
        assertThat(lit.binding()).isEqualTo("PRE_ECLIPSE");
        assertThat(lit.boardsW() - unlit.boardsW()).isCloseTo((0.30 - config.grazingLitMarginPct() / 100) * 100_000,
                within(1e-6));
        // a margin of 100 points plans every window dark
        ThrottlerConfig cautious = new ThrottlerConfig(null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, 100.0, null, null);
        assertThat(new BudgetPlanner(cautious).plan(NOW, true, 100_000, 20_000, 3000, SPEC, grazing).boardsW())
                .isCloseTo(unlit.boardsW(), within(1e-6));
    }

    @Test
    void theLeadIsTheBandPlusOneControlPeriod() {
        for (double band : new double[] {0, 4, 30, 300}) {
            EclipseWindow w = new EclipseWindow(NOW.plusSeconds(1000), NOW.plusSeconds(2200), NOW.plusSeconds(1000),
                    NOW.plusSeconds(2200), band, ForecastSource.ONBOARD);
            assertThat(planner.leadS(w)).isEqualTo(band + config.controlPeriodS());
            // Just outside the lead: the sunlit plan; just inside: the eclipse plan.
            Instant outside = NOW.plusSeconds(1000).minusMillis(Math.round(planner.leadS(w) * 1000) + 100);
            Instant inside = NOW.plusSeconds(1000).minusMillis(Math.round(planner.leadS(w) * 1000) - 100);
            assertThat(planner.plan(outside, true, 100_000, 20_000, 3000, SPEC, withBand(NOW.plusSeconds(1000), 1200, band))
                    .binding()).isEqualTo("ARRAY");
            assertThat(planner.plan(inside, true, 100_000, 20_000, 3000, SPEC, withBand(NOW.plusSeconds(1000), 1200, band))
                    .binding()).isEqualTo("PRE_ECLIPSE");
        }
    }

    @Test
    void theLeadNeverFallsBelowOneControlPeriodNorTheConfiguredFloor() {
        EclipseWindow exact = new EclipseWindow(NOW.plusSeconds(100), NOW.plusSeconds(1300));
        assertThat(planner.leadS(exact)).isEqualTo(config.controlPeriodS());
        ThrottlerConfig fiveSecondFloor = io.sunsync.hal.config.ConfigReader.parse("preEclipseLeadS: 5", false,
                ThrottlerConfig.class, "throttler");
        assertThat(new BudgetPlanner(fiveSecondFloor).leadS(exact)).isEqualTo(5.0);
    }

    @Test
    void theRechargeFinishesBeforeTheEarliestStartAndTheBatteryLastsToTheLatestEnd() {
        EclipseForecaster f = withBand(NOW.plusSeconds(3720), 1200, 60);
        PowerBudget sunlit = planner.plan(NOW, true, 100_000, 10_000, 3000, SPEC, f);
        assertThat(sunlit.horizonS()).isCloseTo(3720 - 60 - config.chargeLeadS(), within(1e-6));
        // In the shadow 100 s after the predicted start: the battery is planned to the latest end.
        Instant inEclipse = NOW.plusSeconds(3820);
        PowerBudget dark = planner.plan(inEclipse, false, 0, 18_000, 3000, SPEC, f);
        assertThat(dark.horizonS()).isCloseTo(1200 - 100 + 60 + config.eclipseTailS(), within(1e-6));
    }
}
