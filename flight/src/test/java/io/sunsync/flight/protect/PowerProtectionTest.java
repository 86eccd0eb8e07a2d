package io.sunsync.flight.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.flight.actuate.ShedReport;
import io.sunsync.flight.events.Event;
import io.sunsync.hal.FaultCode;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.Quality;
import io.sunsync.hal.power.PowerReading;
import io.sunsync.hal.power.PowerSystem;
import io.sunsync.hal.power.PowerSystemSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fast path against a scripted power system (the reference satellite: 40 kW discharge limit,
 * 120 V bus): it sheds on the sample that shows the loss coming, and never on the throttler's own
 * load changes.
 */
class PowerProtectionTest {
    static final Instant T0 = Instant.parse("2027-06-21T00:00:00Z");
    static final double PERIOD_S = 0.05;

    /** A power system whose next reading the test sets. */
    static final class ScriptedPower implements PowerSystem {
        double arrayW;
        double loadW;
        double batteryW;
        double busV = 120;
        List<HalFault> faults = List.of();
        Instant at = T0;

        @Override
        public PowerSystemSpec spec() {
            return new PowerSystemSpec(100_000, 20_000, 35, 10_000, 40_000, 120);
        }

        @Override
        public PowerReading read() {
            return new PowerReading(at, arrayW, arrayW, busV, loadW, batteryW, 15_000, 75, arrayW > 0, 8, 8,
                    faults.isEmpty() ? Quality.GOOD : Quality.OUT_OF_RANGE, faults);
        }

        /** The bus balance with the battery taking the difference (no charge). */
        void balance(double array, double load) {
            arrayW = array;
            loadW = load;
            batteryW = Math.min(0, array - load);
        }
    }

    final ScriptedPower power = new ScriptedPower();
    final List<String> sheds = new ArrayList<>();
    final List<Instant> holds = new ArrayList<>();
    final List<Event> events = new ArrayList<>();
    final PowerProtection protection = new PowerProtection(ProtectionConfig.defaults(), power, reason -> {
        sheds.add(reason);
        return new ShedReport(power.at, reason, 96, 96, 0, 0, 1.0);
    }, holds::add, events::add);

    void sample(int i) {
        power.at = T0.plusNanos(Math.round(i * PERIOD_S * 1e9));
        protection.tick(power.at);
    }

    @Test
    void aPenumbraEntryIsShedSecondsBeforeTheDischargeLimitOnTheArraysFall() {
        // Sunlit at 90 kW of boards + 5 kW housekeeping on a 100 kW array; then the penumbra takes
        // the array to zero over 8 s (12.5 kW/s). The battery alone can give 40 kW.
        int i = 0;
        for (; i < 20; i++) {
            power.balance(100_000, 95_000);
            sample(i);
        }
        assertThat(sheds).isEmpty();
        double limitReachedAtS = Double.NaN;
        Integer shedAt = null;
        for (int k = 0; k < 160 && shedAt == null; k++, i++) {
            double array = Math.max(0, 100_000 - 12_500 * k * PERIOD_S);
            power.balance(array, 95_000);
            if (Double.isNaN(limitReachedAtS) && 95_000 - array > 0.99 * 40_000) {
                limitReachedAtS = k * PERIOD_S;
            }
            sample(i);
            if (!sheds.isEmpty()) {
                shedAt = k;
            }
        }
        assertThat(shedAt).as("shed during the fall").isNotNull();
        double shedAtS = shedAt * PERIOD_S;
        // The discharge (load − array = 12.5 kW/s × t − 5 kW) would pass the trip level (99 % of 40 kW)
        // 3.57 s into the fall; the projection sheds 0.5 s ahead of that, on the first sample after 3.07 s.
        assertThat(limitReachedAtS).isNaN(); // never reached: shed first
        assertThat(shedAtS).isCloseTo(3.1, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("POWER_PROTECTION_TRIP");
            assertThat(e.data()).containsEntry("trigger", "ARRAY_COLLAPSE");
        });
        assertThat(holds).containsExactly(power.at);
    }

    @Test
    void aDischargePastTheTripLevelIsShedOnTheFirstSample() {
        power.balance(0, 30_000);
        sample(0);
        sample(1);
        power.balance(0, 45_000); // a load step the battery cannot carry
        sample(2);
        assertThat(sheds).singleElement().asString().contains("BATTERY_DISCHARGE");
    }

    @Test
    void theThrottlersOwnCapChangesNeverTrip() {
        // Sunlit and curtailed: lowering 40 kW of caps makes the delivered array fall with the load.
        for (int i = 0; i < 10; i++) {
            power.balance(95_000, 95_000);
            sample(i);
        }
        for (int i = 10; i < 40; i++) {
            power.balance(55_000, 55_000);
            sample(i);
        }
        // In eclipse: the throttler raises the caps within what the battery carries (38 kW of 40).
        for (int i = 40; i < 50; i++) {
            power.balance(0, 20_000);
            sample(i);
        }
        for (int i = 50; i < 80; i++) {
            power.balance(0, 38_000);
            sample(i);
        }
        assertThat(sheds).isEmpty();
        assertThat(protection.stats().trips()).isZero();
        assertThat(protection.stats().samples()).isEqualTo(80);
    }

    @Test
    void aSecondTripWaitsForTheRetripTime() {
        power.balance(0, 45_000);
        for (int i = 0; i < 30; i++) { // 1.5 s over the limit
            sample(i);
        }
        assertThat(sheds).hasSize(2); // at 0 s and at 1.0 s
        assertThat(protection.stats().suppressed()).isEqualTo(28);
    }

    @Test
    void aBatteryReadingFlaggedOutOfRangeIsReplacedByTheBusBalance() {
        power.balance(0, 20_000);
        power.batteryW = -1_000_000; // the sensor's fault, flagged by the power system
        power.faults = List.of(new HalFault(FaultCode.SENSOR_OUT_OF_RANGE, "power", "batteryPowerW",
                "batteryPowerW = -1000000.0 outside its physical range", T0));
        sample(0);
        sample(1);
        assertThat(sheds).isEmpty(); // 20 kW by the bus balance: under the trip level

        power.loadW = 45_000;
        sample(2);
        assertThat(sheds).singleElement().asString().contains("BATTERY_DISCHARGE");
    }

    @Test
    void theBusUndervoltageTripsWhenTheBatteryPowerIsUnreadable() {
        power.balance(0, 20_000);
        power.batteryW = Double.NaN;
        power.arrayW = Double.NaN;
        power.busV = 100;
        sample(0);
        assertThat(sheds).isEmpty();
        power.busV = 95; // under 80 % of 120 V
        sample(1);
        assertThat(sheds).singleElement().asString().contains("BUS_UNDERVOLTAGE");
    }

    @Test
    void withNothingReadableItCountsBlindSamplesAndDoesNotShed() {
        power.balance(0, 20_000);
        power.batteryW = Double.NaN;
        power.arrayW = Double.NaN;
        power.busV = Double.NaN;
        sample(0);
        sample(1);
        assertThat(sheds).isEmpty();
        assertThat(protection.stats().blind()).isEqualTo(2);
    }
}
