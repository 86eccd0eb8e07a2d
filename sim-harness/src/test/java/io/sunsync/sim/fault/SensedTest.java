package io.sunsync.sim.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.hal.FaultCode;
import io.sunsync.hal.Quality;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SensedTest {
    private static final Instant T = Instant.parse("2027-03-21T00:00:00Z");

    @Test
    void aFaultCarriesTheQuantityItWasGivenWhateverItsDetailSays() {
        Sensed s = new Sensed("board-01", T);
        s.flag(FaultCode.DEVICE_OFFLINE, Quality.GOOD, "state", "thermal shutdown at 95.0 °C");
        s.flag(FaultCode.SENSOR_STUCK, Quality.STALE, "tempC", "board-01.tempC has not changed for 60 s");
        assertThat(s.faults()).extracting(f -> f.quantity()).containsExactly("state", "tempC");
        assertThat(s.faults()).extracting(f -> f.detail())
                .containsExactly("thermal shutdown at 95.0 °C", "board-01.tempC has not changed for 60 s");
        assertThat(s.faults()).allSatisfy(f -> assertThat(f.device()).isEqualTo("board-01"));
        assertThat(s.quality()).isEqualTo(Quality.STALE);
    }

    @Test
    void aNanAlreadyFlaggedByItsSensorFaultIsNotFlaggedAgainByTheRangeCheck() {
        Sensed s = new Sensed("power", T);
        SensorFaults faults = new SensorFaults(1);
        faults.start("power.batterySocPct", FaultKind.SENSOR_NAN, 0, 10, 0);
        double v = s.check("batterySocPct", faults.read("power.batterySocPct", 50.0, 1, s), 0, 100);
        assertThat(v).isNaN();
        assertThat(s.faults()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FaultCode.SENSOR_NAN);
            assertThat(f.quantity()).isEqualTo("batterySocPct");
        });
        assertThat(s.quality()).isEqualTo(Quality.FAILED);
    }
}
