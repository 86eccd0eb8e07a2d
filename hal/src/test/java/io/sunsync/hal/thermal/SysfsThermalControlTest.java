package io.sunsync.hal.thermal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sunsync.hal.CommandResult;
import io.sunsync.hal.FaultCode;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.Quality;
import io.sunsync.hal.config.ConfigException;
import io.sunsync.hal.sysfs.FakeSysfs;
import io.sunsync.hal.time.ManualTimeSource;
import io.sunsync.hal.sysfs.YamlOptions;
import io.sunsync.testkit.TestFiles;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Thermal zones (m°C, trip points) and hwmon pumps after Documentation/driver-api/thermal/sysfs-api.rst and sysfs-class-hwmon. */
class SysfsThermalControlTest {
    @TempDir
    Path root;
    private final ManualTimeSource time = new ManualTimeSource();

    /** A board with an ACPI zone, the x86 package zone (with trips), and a Super I/O chip driving a pump. */
    private FakeSysfs board() {
        return new FakeSysfs(root)
                .zone(0, "acpitz", 27800).trip(0, 0, "critical", 105000)
                .zone(1, "x86_pkg_temp", 52000).trip(1, 0, "passive", 80000).trip(1, 1, "hot", 95000)
                .trip(1, 2, "critical", 100000)
                .hwmon(1, "nct6775").hwmon(1, "temp2_input", 31500).hwmon(1, "temp2_label", "CPUTIN")
                .hwmon(1, "temp2_max", 70000).hwmon(1, "temp3_input", 18250)
                .hwmon(1, "pwm2", 0).hwmon(1, "pwm2_enable", 2).hwmon(1, "fan2_input", 0);
    }

    private static final String LOOP = """
            loops:
              - name: loop-a
                pump: hwmon:nct6775/pwm2
                tach: hwmon:nct6775/fan2_input
                minRpm: 300
                flowLpmPerRpm: 0.002
                radiator: hwmon:nct6775/temp3_input
            """;

    @Test
    void withoutZonesConfiguredEveryThermalZoneIsReadNamedByItsType() {
        SysfsThermalControl t = new SysfsThermalControl(board().tree(), YamlOptions.read("{}", SysfsThermalOptions.class), time);
        ThermalReading r = t.read();
        assertThat(r.zones()).extracting(ThermalReading.ZoneTemperature::name).containsExactly("acpitz", "x86_pkg_temp");
        assertThat(r.zones().get(1).tempC()).isCloseTo(52.0, within(1e-9));
        assertThat(r.quality()).isEqualTo(Quality.GOOD);
        // the limit is the lowest hot/critical trip point, not the passive one
        assertThat(t.spec().zones().get(1).maxC()).isEqualTo(95.0);
        assertThat(t.spec().zones().get(0).maxC()).isEqualTo(105.0);
    }

    @Test
    void aZoneReturningEioIsFailedWhileTheOthersAreRead() {
        FakeSysfs fake = board();
        SysfsThermalControl t = new SysfsThermalControl(fake.tree(), YamlOptions.read("{}", SysfsThermalOptions.class), time);
        fake.failsWithEio("devices/virtual/thermal/thermal_zone0/temp");
        ThermalReading r = t.read();
        assertThat(r.zones().get(0).quality()).isEqualTo(Quality.FAILED);
        assertThat(r.zones().get(0).tempC()).isNaN();
        assertThat(r.zones().get(1).quality()).isEqualTo(Quality.GOOD);
        assertThat(r.quality()).isEqualTo(Quality.FAILED);
        assertThat(r.faults()).extracting(HalFault::code, HalFault::device)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(FaultCode.SENSOR_IO_ERROR, "acpitz"));
    }

    @Test
    void configuredZonesUseHwmonLabelsAndTheirMaxAttribute() {
        SysfsThermalOptions o = YamlOptions.read("""
                zones:
                  - {name: cold-plate-1, sensor: "hwmon:nct6775/CPUTIN"}
                  - {name: cpu, sensor: "zone:x86_pkg_temp", maxC: 90}
                """, SysfsThermalOptions.class);
        SysfsThermalControl t = new SysfsThermalControl(board().tree(), o, time);
        assertThat(t.read().zones()).extracting(ThermalReading.ZoneTemperature::tempC).containsExactly(31.5, 52.0);
        assertThat(t.spec().zones()).extracting(ThermalSpec.ZoneSpec::maxC).containsExactly(70.0, 90.0);
    }

    @Test
    void aPumpSwitchedOnIsVerifiedAndReportsFlowFromItsTachometer() {
        FakeSysfs fake = board();
        SysfsThermalControl t = new SysfsThermalControl(fake.tree(), YamlOptions.read(LOOP, SysfsThermalOptions.class), time);
        CommandResult on = t.setPump("loop-a", true);
        assertThat(on.ok()).isTrue();
        assertThat(fake.text("class/hwmon/hwmon1/pwm2_enable")).isEqualTo("1");
        assertThat(fake.text("class/hwmon/hwmon1/pwm2")).isEqualTo("255");
        fake.hwmon(1, "fan2_input", 2400);
        ThermalReading.LoopState loop = t.read().loops().get(0);
        assertThat(loop.pumpOn()).isTrue();
        assertThat(loop.pumpFailed()).isFalse();
        assertThat(loop.flowLpm()).isCloseTo(4.8, within(1e-9));
        assertThat(loop.radiatorTempC()).isCloseTo(18.25, within(1e-9));
        assertThat(loop.quality()).isEqualTo(Quality.GOOD);
    }

    @Test
    void aPumpOnButNotTurningHasFailed() {
        FakeSysfs fake = board();
        SysfsThermalControl t = new SysfsThermalControl(fake.tree(), YamlOptions.read(LOOP, SysfsThermalOptions.class), time);
        assertThat(t.setPump("loop-a", true).ok()).isTrue();
        ThermalReading r = t.read();
        assertThat(r.loops().get(0).pumpFailed()).isTrue();
        assertThat(r.faults()).extracting(HalFault::code).containsExactly(FaultCode.DEVICE_ERROR);
        assertThat(r.quality()).isEqualTo(Quality.GOOD);
    }

    @Test
    void commandsToUnknownLoopsOrMissingHeatersAreRefusedWithACode() {
        SysfsThermalControl t = new SysfsThermalControl(board().tree(), YamlOptions.read(LOOP, SysfsThermalOptions.class), time);
        assertThat(t.setPump("loop-z", true).fault().code()).isEqualTo(FaultCode.COMMAND_OUT_OF_RANGE);
        assertThat(t.setHeater("loop-a", true).fault().code()).isEqualTo(FaultCode.COMMAND_REJECTED);
    }

    @Test
    void aPumpThatDisappearsIsAFaultOnReadAndRefusedOnCommand() {
        FakeSysfs fake = board();
        SysfsThermalControl t = new SysfsThermalControl(fake.tree(), YamlOptions.read(LOOP, SysfsThermalOptions.class), time);
        fake.remove("devices/virtual/hwmon/hwmon1/pwm2");
        ThermalReading r = t.read();
        assertThat(r.loops().get(0).quality()).isEqualTo(Quality.FAILED);
        assertThat(r.faults()).anySatisfy(f -> assertThat(f.code()).isEqualTo(FaultCode.SENSOR_MISSING));
        assertThat(t.setPump("loop-a", true).fault().code()).isEqualTo(FaultCode.COMMAND_REJECTED);
    }

    @Test
    void aHeaterOnACoolingDeviceOrSwitchFileIsSwitchedAndReadBack() {
        FakeSysfs fake = board().file("class/gpio/gpio17/value", 0);
        SysfsThermalOptions o = YamlOptions.read("""
                loops:
                  - {name: loop-a, pump: "cooling:Fan", heater: "path:class/gpio/gpio17/value"}
                """, SysfsThermalOptions.class);
        fake.cooling(0, "Fan", 0, 4);
        SysfsThermalControl t = new SysfsThermalControl(fake.tree(), o, time);
        assertThat(t.setHeater("loop-a", true).ok()).isTrue();
        assertThat(t.setPump("loop-a", true).ok()).isTrue();
        assertThat(fake.text("class/gpio/gpio17/value")).isEqualTo("1");
        ThermalReading.LoopState loop = t.read().loops().get(0);
        assertThat(loop.heaterOn()).isTrue();
        assertThat(loop.pumpOn()).isTrue();
        assertThat(loop.flowLpm()).isNaN();
    }

    @Test
    void theSafeStateSwitchesEveryPumpOnAndLeavesTheHeatersAsTheyAre() {
        FakeSysfs fake = board().file("class/gpio/gpio17/value", 1).file("class/gpio/gpio18/value", 0);
        SysfsThermalOptions o = YamlOptions.read("""
                loops:
                  - {name: loop-a, pump: "hwmon:nct6775/pwm2", heater: "path:class/gpio/gpio17/value"}
                  - {name: loop-b, pump: "cooling:Fan", heater: "path:class/gpio/gpio18/value"}
                """, SysfsThermalOptions.class);
        fake.cooling(0, "Fan", 0, 4);
        SysfsThermalControl t = new SysfsThermalControl(fake.tree(), o, time);
        assertThat(t.safeState().outputs()).extracting(io.sunsync.hal.SafeState.Output::output)
                .containsExactly("loop-a.pump", "loop-b.pump");

        assertThat(t.applySafeState().ok()).isTrue();

        assertThat(fake.text("class/hwmon/hwmon1/pwm2")).isEqualTo("255");
        ThermalReading r = t.read();
        assertThat(r.loops()).allSatisfy(l -> assertThat(l.pumpOn()).as(l.name()).isTrue());
        assertThat(r.loops()).extracting(ThermalReading.LoopState::heaterOn).containsExactly(true, false);
    }

    @Test
    void aPumpThatCannotBeSwitchedOnFailsTheSafeStateAfterTheOtherLoopsWereTried() {
        FakeSysfs fake = board();
        SysfsThermalOptions o = YamlOptions.read("""
                loops:
                  - {name: loop-a, pump: "hwmon:nct6775/pwm2"}
                  - {name: loop-b, pump: "cooling:Fan"}
                """, SysfsThermalOptions.class);
        fake.cooling(0, "Fan", 0, 4);
        SysfsThermalControl t = new SysfsThermalControl(fake.tree(), o, time);
        fake.remove("devices/virtual/hwmon/hwmon1/pwm2");

        CommandResult r = t.applySafeState();

        assertThat(r.ok()).isFalse();
        assertThat(r.fault().device()).isEqualTo("loop-a");
        assertThat(t.read().loops().get(1).pumpOn()).as("loop-b switched on all the same").isTrue();
    }

    @Test
    void configErrorsNameTheKey() {
        assertThatThrownBy(() -> new SysfsThermalControl(board().tree(), YamlOptions.read("""
                loops: [{name: loop-a, pump: "hwmon:nct6775/fan2_input"}]
                """, SysfsThermalOptions.class), time)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("options.loops[0].pump: 'hwmon:nct6775/fan2_input' is not a PWM output");
        assertThatThrownBy(() -> YamlOptions.read("zones: [{name: a, sensor: 'supply:BAT0'}]", SysfsThermalOptions.class))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("options.zones[0].sensor:");
        assertThatThrownBy(() -> YamlOptions.read("zones: [{name: a, sensor: 'zone:x'}, {name: a, sensor: 'zone:y'}]",
                SysfsThermalOptions.class)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("options.zones[1].name: 'a' is used twice");
        assertThatThrownBy(() -> YamlOptions.read("zone: []", SysfsThermalOptions.class))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("options.zone: unknown key");
    }

    @Property(tries = 150)
    void garbageInAZoneTemperatureNeverEscapesAndIsFlagged(@ForAll @StringLength(max = 30) String junk) throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory("fuzz-thermal");
        try {
            FakeSysfs fake = new FakeSysfs(dir).zone(0, "acpitz", 27800);
            fake.raw("devices/virtual/thermal/thermal_zone0/temp", junk);
            ThermalReading r = new SysfsThermalControl(fake.tree(), YamlOptions.read("{}", SysfsThermalOptions.class), time)
                    .read();
            ThermalReading.ZoneTemperature z = r.zones().get(0);
            if (!junk.trim().matches("[-+]?\\d{1,30}(\\.\\d{1,30})?([eE][-+]?\\d{1,4})?")) {
                assertThat(z.quality()).isEqualTo(Quality.FAILED);
                assertThat(r.faults()).hasSize(1);
            } else {
                assertThat(z.quality()).isIn(Quality.GOOD, Quality.OUT_OF_RANGE);
            }
        } finally {
            TestFiles.deleteTree(dir);
        }
    }
}
