package io.sunsync.bench.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResourceBoundsTrendTest {
    @Test
    void aHeapThatSwingsBetweenTwoLevelsHasAFlatFloorWhateverItsSlope() {
        ResourceBoundsBench.Trend t = new ResourceBoundsBench.Trend();
        // The shape of the 30-day run: 25 or 50 MiB at a sample, sampled more densely late.
        t.add(2, 25_000);
        t.add(5, 52_000);
        t.add(9, 30_000);
        for (double day = 20; day < 30; day += 0.5) {
            t.add(day, ((int) (day * 2)) % 3 == 0 ? 24_500 : 50_000);
        }

        double[] floors = t.floorsAfter(1);

        assertThat(t.slopePerDayAfter(1)).isGreaterThan(100); // the line through it climbs
        assertThat(floors[0]).isEqualTo(25_000);
        assertThat(floors[1]).isEqualTo(24_500);
    }

    @Test
    void aLeakRaisesTheFloor() {
        ResourceBoundsBench.Trend t = new ResourceBoundsBench.Trend();
        for (double day = 1; day <= 30; day += 0.5) {
            t.add(day, 20_000 + 300 * day + (((int) (day * 2)) % 2 == 0 ? 0 : 25_000));
        }

        double[] floors = t.floorsAfter(1);

        assertThat(floors[1] - floors[0]).isGreaterThan(ResourceBoundsBench.HEAP_FLAT_KIB);
    }
}
