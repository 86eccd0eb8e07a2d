package io.sunsync.hal.sysfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sunsync.hal.FaultCode;
import io.sunsync.hal.Quality;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class QuantityTest {
    private static final Quantity VOLTS = Quantity.microvolts("voltageV", 0, 2000);
    private static final Pattern DECIMAL = Pattern.compile("[-+]?\\d{1,30}(\\.\\d{1,30})?([eE][-+]?\\d{1,4})?");

    @Test
    void convertsKernelMicrovoltsToVolts() {
        Sample s = VOLTS.parse("12200000\n", "voltage_now");
        assertThat(s.good()).isTrue();
        assertThat(s.value()).isCloseTo(12.2, within(1e-9));
    }

    @Test
    void keepsTheSignOfNegativeValues() {
        assertThat(Quantity.microamps("currentA", -5000, 5000).parse("-1600000", "current_now").value())
                .isCloseTo(-1.6, within(1e-12));
    }

    @Test
    void aNanTextIsSensorNan() {
        Sample s = VOLTS.parse("nan", "in");
        assertThat(s.fault()).isEqualTo(FaultCode.SENSOR_NAN);
        assertThat(s.quality()).isEqualTo(Quality.FAILED);
        assertThat(s.value()).isNaN();
    }

    @Test
    void garbageIsUnparsableAndNamesTheSource() {
        Sample s = VOLTS.parse("12V", "BAT0/voltage_now");
        assertThat(s.fault()).isEqualTo(FaultCode.SENSOR_UNPARSABLE);
        assertThat(s.detail()).contains("BAT0/voltage_now").contains("'12V'");
    }

    @Test
    void aValueOutsideItsPhysicalBoundsIsOutOfRangeButKept() {
        Sample s = Quantity.millidegrees("tempC", -200, 300).parse("1000000", "temp");
        assertThat(s.fault()).isEqualTo(FaultCode.SENSOR_OUT_OF_RANGE);
        assertThat(s.quality()).isEqualTo(Quality.OUT_OF_RANGE);
        assertThat(s.value()).isEqualTo(1000.0);
        assertThat(s.usable()).isFalse();
    }

    @Test
    void aFailedReadKeepsItsFault() {
        AttrRead failed = new AttrRead(java.nio.file.Path.of("/sys/x"), null, FaultCode.SENSOR_PERMISSION, "denied");
        assertThat(VOLTS.parse(failed).fault()).isEqualTo(FaultCode.SENSOR_PERMISSION);
    }

    @Property(tries = 500)
    void anyTextParsesWithoutThrowingAndEveryNonNumberIsFlagged(@ForAll String text) {
        Sample s = VOLTS.parse(text, "fuzz");
        // The kernel ends attributes with a newline: surrounding whitespace and control characters are trimmed.
        if (!DECIMAL.matcher(text.trim()).matches()) {
            assertThat(s.quality()).isEqualTo(Quality.FAILED);
            assertThat(s.fault()).isIn(FaultCode.SENSOR_UNPARSABLE, FaultCode.SENSOR_NAN);
            assertThat(s.value()).isNaN();
        } else {
            assertThat(s.quality()).isIn(Quality.GOOD, Quality.OUT_OF_RANGE);
        }
    }

    @Property(tries = 300)
    void integersInRangeConvertExactly(@ForAll @LongRange(min = 0, max = 2_000_000_000L) long microvolts) {
        Sample s = VOLTS.parse(Long.toString(microvolts), "fuzz");
        assertThat(s.good()).isTrue();
        assertThat(s.value()).isCloseTo(microvolts * 1e-6, within(1e-9));
    }
}
