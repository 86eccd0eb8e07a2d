package io.sunsync.hal.accel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sunsync.hal.FaultCode;
import io.sunsync.hal.sysfs.Sample;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RaplEnergyCounterTest {
    private static final Sample RANGE = Sample.good(262_143_328_850.0);
    private final Instant t0 = Instant.parse("2027-06-21T00:00:00Z");

    @Test
    void powerIsTheEnergyDeltaOverTheInterval() {
        RaplEnergyCounter c = new RaplEnergyCounter();
        assertThat(c.update(Sample.good(1_000_000_000.0), RANGE, t0, "z").value()).isNaN();
        Sample p = c.update(Sample.good(1_045_000_000.0), RANGE, t0.plusSeconds(2), "z");
        assertThat(p.good()).isTrue();
        assertThat(p.value()).isCloseTo(22.5, within(1e-9));
    }

    @Test
    void aCounterThatWrappedIsRecoveredExactly() {
        RaplEnergyCounter c = new RaplEnergyCounter();
        c.update(Sample.good(262_143_000_000.0), RANGE, t0, "z");
        // 328 850 µJ to the wrap point, then 19 671 150 µJ after it: 20 J in 0.5 s
        Sample p = c.update(Sample.good(19_671_150.0), RANGE, t0.plusMillis(500), "z");
        assertThat(p.value()).isCloseTo(40.0, within(1e-9));
    }

    @Test
    void aCounterGoingBackwardsWithoutAKnownRangeIsFlagged() {
        RaplEnergyCounter c = new RaplEnergyCounter();
        c.update(Sample.good(5_000_000.0), RANGE, t0, "z");
        Sample p = c.update(Sample.good(1_000_000.0), Sample.failed(FaultCode.SENSOR_MISSING, "no max_energy_range_uj"),
                t0.plusSeconds(1), "z");
        assertThat(p.fault()).isEqualTo(FaultCode.SENSOR_OUT_OF_RANGE);
        assertThat(p.value()).isNaN();
    }

    @Test
    void twoReadsInTheSameInstantKeepTheLastPower() {
        RaplEnergyCounter c = new RaplEnergyCounter();
        c.update(Sample.good(0.0), RANGE, t0, "z");
        c.update(Sample.good(10_000_000.0), RANGE, t0.plusSeconds(1), "z");
        assertThat(c.update(Sample.good(10_000_100.0), RANGE, t0.plusSeconds(1), "z").value()).isCloseTo(10.0, within(1e-9));
    }
}
