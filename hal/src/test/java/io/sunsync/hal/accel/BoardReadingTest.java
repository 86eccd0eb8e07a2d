package io.sunsync.hal.accel;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.hal.FaultCode;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.Quality;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BoardReadingTest {
    private static final Instant T = Instant.parse("2027-06-21T20:48:00Z");

    private static BoardReading reading(double powerW, double tempC, HalFault... faults) {
        return new BoardReading(T, "board-89", BoardState.ENABLED, powerW, 700, tempC, 100, 0, 0, Set.of(),
                faults.length == 0 ? Quality.GOOD : Quality.OUT_OF_RANGE, List.of(faults));
    }

    private static HalFault fault(String quantity) {
        return new HalFault(FaultCode.SENSOR_OUT_OF_RANGE, "board-89", quantity, quantity + " outside its range", T);
    }

    @Test
    void aQuantityTheReadingFlagsIsNotTrustedAndTheOthersAre() {
        BoardReading badPower = reading(-1_000_000, 55, fault("powerW"));
        assertThat(badPower.trustedPowerW()).isNaN();
        assertThat(badPower.trustedTempC()).isEqualTo(55);

        BoardReading badTemp = reading(690, -300, fault("tempC"));
        assertThat(badTemp.trustedPowerW()).isEqualTo(690);
        assertThat(badTemp.trustedTempC()).isNaN();

        assertThat(reading(690, 55).trustedPowerW()).isEqualTo(690);
        assertThat(reading(Double.NaN, 55).trustedPowerW()).isNaN();
    }
}
