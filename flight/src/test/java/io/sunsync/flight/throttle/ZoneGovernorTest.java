package io.sunsync.flight.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.hal.Quality;
import io.sunsync.hal.accel.BoardReading;
import io.sunsync.hal.accel.BoardState;
import io.sunsync.hal.thermal.ThermalReading;
import io.sunsync.hal.thermal.ThermalSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The zone governor with the default margins on a zone whose limit is 65 °C: soft line 57 °C, hard
 * line 63 °C, boards held off from 62 °C (all of them at 63 °C, smoothed), every board off at once
 * from a reading of 63.5 °C, one released per 30 s below 62 °C.
 */
class ZoneGovernorTest {
    private static final Instant T0 = Instant.parse("2027-06-21T04:00:00Z");
    private static final ThrottlerConfig CONFIG = ThrottlerConfig.defaults();
    private static final List<String> BOARDS = List.of("b0", "b1", "b2", "b3", "b4", "b5", "b6", "b7");
    private final ZoneGovernor governor = new ZoneGovernor(CONFIG,
            new ThermalSpec(List.of(new ThermalSpec.ZoneSpec("plate", 0, 65, BOARDS)), List.of("loop")));
    /** Die temperatures: b7 hottest. */
    private final Map<String, Double> dieC = new HashMap<>();
    private final Set<String> off = new TreeSet<>();
    private Instant now = T0;

    ZoneGovernorTest() {
        for (int i = 0; i < BOARDS.size(); i++) {
            dieC.put(BOARDS.get(i), 60.0 + i);
        }
    }

    /** One tick a second at zone temperature {@code zoneC}; the boards it puts off are switched off. */
    private Map<String, Double> tick(double zoneC) {
        now = now.plusSeconds(1);
        List<BoardReading> readings = new ArrayList<>();
        Map<String, BoardReading> byId = new HashMap<>();
        for (String id : BOARDS) {
            BoardReading r = new BoardReading(now, id, off.contains(id) ? BoardState.DISABLED : BoardState.ENABLED,
                    400, 400, dieC.get(id), 100, 0, 0, Set.of(), Quality.GOOD, List.of());
            readings.add(r);
            byId.put(id, r);
        }
        ThermalReading zone = new ThermalReading(now, List.of(new ThermalReading.ZoneTemperature("plate", zoneC,
                Quality.GOOD)), List.of(), Quality.GOOD, List.of());
        Map<String, Double> limits = governor.limits(now, zone, byId);
        off.clear();
        limits.forEach((id, share) -> {
            if (share < 0) {
                off.add(id);
            }
        });
        return limits;
    }

    @Test
    void aZoneBelowItsSoftLineLimitsNothing() {
        for (int i = 0; i < 60; i++) {
            assertThat(tick(50)).isEmpty();
        }
    }

    @Test
    void aZoneThatItsBoardsAtTheirMinimumHeatIntoTheBandHoldsTheHottestOffAndKeepsThemOffThroughNoise() {
        for (int i = 0; i < 120; i++) {
            tick(62.5); // half-way through the band: the zone carries half its boards
        }
        assertThat(off).containsExactly("b4", "b5", "b6", "b7");
        Set<String> held = new TreeSet<>(off);
        // a sensor's noise of +/-0.2 K around the same point switches nothing
        for (int i = 0; i < 600; i++) {
            Map<String, Double> limits = tick(62.5 + (i % 2 == 0 ? 0.2 : -0.2));
            assertThat(off).isEqualTo(held);
            assertThat(limits.get("b0")).isBetween(0.0, 0.2); // those on run at or near their minimum
        }
    }

    @Test
    void heldBoardsComeBackOneAtATimeNoMoreOftenThanTheRestoreIntervalOnceTheZoneIsBelowTheBand() {
        for (int i = 0; i < 120; i++) {
            tick(62.5);
        }
        assertThat(off).hasSize(4);
        List<Integer> counts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            tick(55);
            counts.add(off.size());
        }
        // the smoothed zone falls below 62 °C within a few ticks; then one board a zoneRestoreS (30 s)
        int first = counts.indexOf(3);
        assertThat(first).isBetween(0, 40);
        assertThat(counts.indexOf(2) - first).isEqualTo(30);
        assertThat(counts.indexOf(1) - counts.indexOf(2)).isEqualTo(30);
        assertThat(counts.get(counts.size() - 1)).isZero();
        assertThat(tick(55)).isEmpty();
    }

    @Test
    void aReadingAQuarterOfTheHardMarginPastTheLineHoldsEveryBoardOffAtOnce() {
        for (int i = 0; i < 30; i++) {
            tick(58);
        }
        assertThat(off).isEmpty();
        tick(63.6);
        assertThat(off).containsExactlyElementsOf(BOARDS);
    }

    @Test
    void withoutAnyTemperatureTheBoardsAreHeldAtTheirMinimumAndThoseHeldOffStayOff() {
        for (int i = 0; i < 120; i++) {
            tick(62.5);
        }
        Set<String> held = new TreeSet<>(off);
        dieC.replaceAll((id, c) -> Double.NaN);
        Map<String, Double> limits = tick(Double.NaN);
        assertThat(off).isEqualTo(held);
        assertThat(limits).containsEntry("b0", 0.0);
    }
}
