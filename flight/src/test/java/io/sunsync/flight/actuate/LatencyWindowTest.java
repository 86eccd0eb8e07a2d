package io.sunsync.flight.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyWindowTest {
    private static final long MS = 1_000_000L;
    private static final long WINDOW = 60_000 * MS;

    @Test
    void percentilesOfAHundredKnownLatencies() {
        LatencyWindow w = new LatencyWindow(WINDOW, 0);
        for (int i = 1; i <= 100; i++) {
            w.record(i * MS);
        }
        LatencyWindow.Percentiles p = w.percentiles(200);
        // 2 significant digits: values are resolved to 1 %.
        assertThat(p.p50Ms()).isCloseTo(50, within(0.5));
        assertThat(p.p99Ms()).isCloseTo(99, within(1.0));
        assertThat(p.maxMs()).isCloseTo(100, within(1.0));
        assertThat(p.count()).isEqualTo(100);
    }

    @Test
    void latenciesOlderThanTwoWindowsDropOutButTheLargestEverStays() {
        LatencyWindow w = new LatencyWindow(WINDOW, 0);
        w.record(500 * MS);
        assertThat(w.percentiles(1).count()).isEqualTo(1); // read in the first window
        w.record(1 * MS);
        assertThat(w.percentiles(WINDOW + 2).count()).isEqualTo(2); // read in the second

        LatencyWindow.Percentiles later = w.percentiles(2 * WINDOW + 1); // third window: the first is gone
        assertThat(later.count()).isEqualTo(1);
        assertThat(later.maxMs()).isCloseTo(1, within(0.01));
        assertThat(later.everMaxMs()).isCloseTo(500, within(5.0));

        LatencyWindow.Percentiles empty = w.percentiles(10 * WINDOW);
        assertThat(empty.count()).isZero();
        assertThat(empty.p99Ms()).isNaN();
    }
}
