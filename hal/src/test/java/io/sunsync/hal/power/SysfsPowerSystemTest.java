package io.sunsync.hal.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sunsync.hal.FaultCode;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.Quality;
import io.sunsync.hal.config.ConfigException;
import io.sunsync.hal.sysfs.DenyingAccess;
import io.sunsync.hal.sysfs.FakeSysfs;
import io.sunsync.hal.time.ManualTimeSource;
import io.sunsync.hal.sysfs.SysfsTree;
import io.sunsync.hal.sysfs.YamlOptions;
import io.sunsync.testkit.TestFiles;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysfsPowerSystemTest {
    @TempDir
    Path root;
    private final ManualTimeSource time = new ManualTimeSource();

    /** A small satellite bus: battery BAT0, two array strings on an INA3221 (power in µW), bus voltage on in1 (mV). */
    private FakeSysfs board() {
        return new FakeSysfs(root).energyBattery("BAT0")
                .hwmon(0, "ina3221").hwmon(0, "power1_input", 61_500_000).hwmon(0, "power2_input", 58_250_000)
                .hwmon(0, "in1_input", 28_120);
    }

    private static SysfsPowerOptions options(String extra) {
        return YamlOptions.read("""
                battery: BAT0
                array: [hwmon:ina3221/power1_input, hwmon:ina3221/power2_input]
                bus: hwmon:ina3221/in1_input
                ratings: {ratedArrayW: 150, maxChargeW: 60, maxDischargeW: 80, nominalBusV: 28}
                """ + extra, SysfsPowerOptions.class);
    }

    @Test
    void readsArrayBatteryAndBusFromPowerSupplyAndHwmon() {
        FakeSysfs fake = board();
        SysfsPowerSystem power = new SysfsPowerSystem(fake.tree(), options(""), time);
        PowerReading r = power.read();
        assertThat(r.quality()).isEqualTo(Quality.GOOD);
        assertThat(r.faults()).isEmpty();
        assertThat(r.arrayPowerW()).isCloseTo(119.75, within(1e-9));
        assertThat(r.arrayAvailableW()).isEqualTo(r.arrayPowerW());
        assertThat(r.busVoltageV()).isCloseTo(28.12, within(1e-9));
        assertThat(r.batteryPowerW()).isCloseTo(-19.52, within(1e-9));
        // load = array - battery: the array and the discharging battery both feed it
        assertThat(r.loadPowerW()).isCloseTo(119.75 + 19.52, within(1e-9));
        assertThat(r.batteryEnergyWh()).isCloseTo(30.0, within(1e-9));
        assertThat(r.batterySocPct()).isEqualTo(60.0);
        assertThat(r.sunlit()).isTrue();
        assertThat(r.stringsOnline()).isEqualTo(2);
        assertThat(r.stringsTotal()).isEqualTo(2);
        assertThat(r.at()).isEqualTo(time.now());
        // capacity from energy_full_design (57 Wh), as none is configured
        assertThat(power.spec().batteryCapacityWh()).isCloseTo(57.0, within(1e-9));
    }

    @Test
    void aLostStringSensorIsAFaultWhileTheRestIsStillRead() {
        FakeSysfs fake = board().remove("devices/virtual/hwmon/hwmon0/power2_input");
        PowerReading r = new SysfsPowerSystem(fake.tree(), options(""), time).read();
        assertThat(r.quality()).isEqualTo(Quality.FAILED);
        assertThat(r.faults()).extracting(HalFault::code, HalFault::quantity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(FaultCode.SENSOR_MISSING, "array[1]"));
        assertThat(r.arrayPowerW()).isCloseTo(61.5, within(1e-9));
        assertThat(r.stringsOnline()).isEqualTo(1);
        assertThat(r.batterySocPct()).isEqualTo(60.0);
    }

    @Test
    void anArrayStringSupplyThatIsOfflineDoesNotCount() {
        FakeSysfs fake = new FakeSysfs(root).energyBattery("BAT0")
                .attr("power_supply", "solar0", "type", "Mains").attr("power_supply", "solar0", "online", 1)
                .attr("power_supply", "solar0", "power_now", 80_000_000)
                .attr("power_supply", "solar1", "type", "Mains").attr("power_supply", "solar1", "online", 0)
                .attr("power_supply", "solar1", "power_now", 5_000_000);
        SysfsPowerOptions o = YamlOptions.read("""
                battery: BAT0
                array: [supply:solar0, supply:solar1]
                ratings: {ratedArrayW: 150, batteryCapacityWh: 60, maxChargeW: 60, maxDischargeW: 80, nominalBusV: 12}
                """, SysfsPowerOptions.class);
        PowerReading r = new SysfsPowerSystem(fake.tree(), o, time).read();
        assertThat(r.stringsOnline()).isEqualTo(1);
        assertThat(r.arrayPowerW()).isCloseTo(85.0, within(1e-9));
        // no bus sensor: the battery's voltage
        assertThat(r.busVoltageV()).isCloseTo(12.2, within(1e-9));
    }

    @Test
    void inEclipseTheArrayIsDarkAndNotSunlit() {
        FakeSysfs fake = board().hwmon(0, "power1_input", 0).hwmon(0, "power2_input", 400_000);
        PowerReading r = new SysfsPowerSystem(fake.tree(), options(""), time).read();
        assertThat(r.sunlit()).isFalse();
        assertThat(r.stringsOnline()).isZero();
        assertThat(r.quality()).isEqualTo(Quality.GOOD);
    }

    @Test
    void aBatteryGaugeThatStopsAnsweringIsAnIoErrorNotAnException() {
        FakeSysfs fake = board().failsWithEio("devices/virtual/power_supply/BAT0/capacity");
        PowerReading r = new SysfsPowerSystem(fake.tree(), options(""), time).read();
        assertThat(r.batterySocPct()).isNaN();
        assertThat(r.faults()).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo(FaultCode.SENSOR_IO_ERROR);
            assertThat(f.quantity()).isEqualTo("batterySocPct");
        });
        assertThat(r.arrayPowerW()).isCloseTo(119.75, within(1e-9));
    }

    @Test
    void aBusSensorTheProcessMayNotReadIsAPermissionFault() {
        board();
        Path in1 = root.resolve("class/hwmon/hwmon0/in1_input");
        SysfsTree tree = new SysfsTree(root, new DenyingAccess().denyRead(in1));
        PowerReading r = new SysfsPowerSystem(tree, options(""), time).read();
        assertThat(r.busVoltageV()).isNaN();
        assertThat(r.faults()).extracting(HalFault::code).containsExactly(FaultCode.SENSOR_PERMISSION);
    }

    @Test
    void aBusVoltageFrozenPastTheStuckLimitIsStale() {
        FakeSysfs fake = board();
        SysfsPowerSystem power = new SysfsPowerSystem(fake.tree(), options("stuckLimitS: 30\n"), time);
        fake.hwmon(0, "power1_input", 61_400_000);
        assertThat(power.read().quality()).isEqualTo(Quality.GOOD);
        time.advanceS(20);
        fake.hwmon(0, "power1_input", 61_300_000).hwmon(0, "power2_input", 58_200_000);
        fake.attr("power_supply", "BAT0", "current_now", -1_610_000);
        assertThat(power.read().quality()).isEqualTo(Quality.GOOD);
        time.advanceS(20);
        fake.hwmon(0, "power1_input", 61_200_000).hwmon(0, "power2_input", 58_100_000);
        fake.attr("power_supply", "BAT0", "current_now", -1_620_000);
        PowerReading r = power.read();
        assertThat(r.quality()).isEqualTo(Quality.STALE);
        assertThat(r.faults()).extracting(HalFault::code, HalFault::quantity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(FaultCode.SENSOR_STUCK, "busVoltageV"));
        assertThat(r.busVoltageV()).isCloseTo(28.12, within(1e-9));
    }

    @Test
    void withoutAConfiguredOrReadableCapacityTheConfigIsRefusedNamingTheKey() {
        FakeSysfs fake = board().remove("devices/virtual/power_supply/BAT0/energy_full_design")
                .remove("devices/virtual/power_supply/BAT0/energy_full");
        assertThatThrownBy(() -> new SysfsPowerSystem(fake.tree(), options(""), time))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("options.ratings.batteryCapacityWh: is required");
    }

    @Test
    void optionsErrorsNameTheKey() {
        assertThatThrownBy(() -> options("currentSign: backwards\n")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("options.currentSign: 'backwards' must be one of auto, kernel, inverted");
        assertThatThrownBy(() -> YamlOptions.read("battery: BAT0\narray: [ina3221/power1]\nratings: {ratedArrayW: 1, "
                + "maxChargeW: 1, maxDischargeW: 1, nominalBusV: 1}", SysfsPowerOptions.class))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("options.array[0]: 'ina3221/power1'");
        assertThatThrownBy(() -> YamlOptions.read("battery: BAT0\narray: [supply:AC]\nratings: {ratedArrayW: -5, "
                + "maxChargeW: 1, maxDischargeW: 1, nominalBusV: 1}", SysfsPowerOptions.class))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("options.ratings.ratedArrayW: must be a positive");
        assertThatThrownBy(() -> YamlOptions.read("array: [supply:AC]\nratings: {ratedArrayW: 5, "
                + "maxChargeW: 1, maxDischargeW: 1, nominalBusV: 1}", SysfsPowerOptions.class))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("options.battery: is required");
        SysfsPowerOptions wrongRole = YamlOptions.read("battery: BAT0\narray: [supply:AC]\nbus: hwmon:ina3221/power1_input\n"
                + "ratings: {ratedArrayW: 5, batteryCapacityWh: 9, maxChargeW: 1, maxDischargeW: 1, nominalBusV: 1}",
                SysfsPowerOptions.class);
        assertThatThrownBy(() -> new SysfsPowerSystem(board().tree(), wrongRole, time)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("options.bus: 'hwmon:ina3221/power1_input' is not a voltage attribute");
    }

    @Property(tries = 150)
    void garbageInAnyBatteryAttributeNeverEscapesAndIsFlagged(
            @ForAll("attributes") String attr,
            @ForAll @StringLength(max = 40) @Chars({'1', '2', '-', '.', 'x', 'N', 'a', ' ', '\n', 'e', '9'}) String junk)
            throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory("fuzz-power");
        try {
            FakeSysfs fake = new FakeSysfs(dir).energyBattery("BAT0").attr("power_supply", "AC", "power_now", 50_000_000);
            fake.raw("devices/virtual/power_supply/BAT0/" + attr, junk);
            SysfsPowerOptions o = YamlOptions.read("battery: BAT0\narray: [supply:AC]\nratings: {ratedArrayW: 5, "
                    + "batteryCapacityWh: 57, maxChargeW: 1, maxDischargeW: 1, nominalBusV: 1}", SysfsPowerOptions.class);
            PowerReading r = new SysfsPowerSystem(fake.tree(), o, time).read();
            boolean number = junk.trim().matches("[-+]?\\d{1,30}(\\.\\d{1,30})?([eE][-+]?\\d{1,4})?");
            if (!number) {
                assertThat(r.quality()).isEqualTo(Quality.FAILED);
                assertThat(r.faults()).anySatisfy(f -> assertThat(f.code())
                        .isIn(FaultCode.SENSOR_UNPARSABLE, FaultCode.SENSOR_NAN));
            }
            if (r.quality() == Quality.GOOD) {
                assertThat(r.batterySocPct()).isBetween(0.0, 100.0);
                assertThat(r.faults()).isEmpty();
            }
        } finally {
            TestFiles.deleteTree(dir);
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> attributes() {
        return net.jqwik.api.Arbitraries.of("voltage_now", "current_now", "power_now", "energy_now", "capacity");
    }
}
