package io.sunsync.flight.fdir;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.flight.events.Event;
import io.sunsync.flight.fakes.InlineActuator;
import io.sunsync.flight.mode.ModeAutomaton;
import io.sunsync.flight.mode.ModeConfig;
import io.sunsync.flight.sample.HardwareSampler;
import io.sunsync.hal.FaultCode;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.Quality;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.power.PowerReading;
import io.sunsync.hal.power.PowerSystem;
import io.sunsync.hal.power.PowerSystemSpec;
import io.sunsync.sim.fake.FakeBoard;
import io.sunsync.sim.fake.FakePowerSystem;
import io.sunsync.sim.fake.FakeThermal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SensorHealthTest {
    private static final Instant T = Instant.parse("2027-06-21T00:00:00Z");
    private static final PowerSystemSpec SPEC = FakePowerSystem.REFERENCE_SPEC;

    private final List<Event> events = new ArrayList<>();
    private double energyWh = 16_000;
    private double capacityWh = 20_000;
    private double batteryW = -5_000;
    private int strings = 40;
    private List<HalFault> faults = List.of();
    private Quality quality = Quality.GOOD;
    private boolean gaugeFrozen;
    private long s;

    private final PowerSystem power = new FakePowerSystem(SPEC, () -> new PowerReading(T.plusSeconds(s), 0, 0, 120, 5_000,
            batteryW, energyWh, 100 * energyWh / capacityWh, false, strings, 40, quality, faults));
    private final List<AcceleratorBoard> boards = List.of(new FakeBoard("board-00", 0));
    private final HardwareSampler sampler = new HardwareSampler(power, new FakeThermal(), boards);
    private final FaultProtection fdir = new FaultProtection(FdirConfig.defaults(), sampler, boards,
            InlineActuator.of(boards, events::add), new FakeThermal(),
            SPEC, new ModeAutomaton(ModeConfig.defaults(), events::add), () -> energyWh, events::add, (id, why) -> { });

    private void tick(int n) {
        for (int i = 0; i < n; i++) {
            if (!gaugeFrozen) {
                energyWh += batteryW / 3600.0;
            }
            Instant t = T.plusSeconds(s++);
            sampler.tick(t);
            fdir.tick(t);
        }
    }

    private List<String> codes() {
        return events.stream().map(Event::code).toList();
    }

    @Test
    void aFlaggedSensorFaultIsReportedOnceAndItsClearingToo() {
        faults = List.of(new HalFault(FaultCode.SENSOR_NAN, "power", "arrayPowerW", "arrayPowerW reads NaN", T));
        quality = Quality.FAILED;
        tick(10);
        assertThat(codes()).containsOnlyOnce("SENSOR_FAULT");
        faults = List.of();
        quality = Quality.GOOD;
        tick(5);
        assertThat(codes()).containsOnlyOnce("SENSOR_FAULT_CLEARED");
    }

    @Test
    void aGaugeStuckWhileTheBatteryMovesIsDetectedAndDistrusted() {
        tick(5);
        gaugeFrozen = true;
        tick(SensorHealth.STUCK_SAMPLES + 2);
        assertThat(codes()).contains("SENSOR_STUCK");
        assertThat(fdir.batteryGaugeTrusted()).isFalse();
        gaugeFrozen = false;
        tick(2);
        assertThat(fdir.batteryGaugeTrusted()).isTrue();
    }

    @Test
    void anIdleBatteryWithASteadyGaugeIsNotStuck() {
        batteryW = 0;
        tick(SensorHealth.STUCK_SAMPLES * 3);
        assertThat(codes()).doesNotContain("SENSOR_STUCK");
    }

    @Test
    void lostArrayStringsAreReported() {
        tick(2);
        strings = 38;
        tick(1);
        assertThat(events).filteredOn(e -> e.code().equals("ARRAY_STRINGS_LOST")).singleElement()
                .satisfies(e -> assertThat(e.data()).containsEntry("lost", 2));
    }

    @Test
    void lostBatteryCapacityIsEstablishedFromEnergyOverStateOfCharge() {
        tick(3);
        capacityWh = 18_333;   // a cell string of twelve gone, its energy with it
        energyWh *= 18_333.0 / 20_000;
        tick(SensorHealth.CAPACITY_CONFIRM_SAMPLES + 2);
        assertThat(codes()).containsOnlyOnce("BATTERY_CAPACITY_LOST");
        assertThat(fdir.batteryCapacityWh()).isBetween(18_200.0, 18_400.0);
    }
}
