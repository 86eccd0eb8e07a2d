package io.sunsync.hal.accel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sunsync.hal.FaultCode;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.Quality;
import io.sunsync.hal.sysfs.DenyingAccess;
import io.sunsync.hal.sysfs.FakeSysfs;
import io.sunsync.hal.time.ManualTimeSource;
import io.sunsync.hal.sysfs.SysfsRef;
import io.sunsync.hal.sysfs.SysfsSensor;
import io.sunsync.hal.sysfs.SysfsTree;
import io.sunsync.testkit.TestFiles;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CPU package as a board, on a fake powercap tree (Documentation/power/powercap/powercap.rst) and cpufreq policies. */
class PowercapBoardTest {
    @TempDir
    Path root;
    private final ManualTimeSource time = new ManualTimeSource();
    private static final String ZONE = "class/powercap/intel-rapl:0/";

    private FakeSysfs cpuPackage() {
        return new FakeSysfs(root).raplPackage(0, 100_000_000L, 28_000_000)
                .cpu(0, 0, 400_000, 4_700_000).cpu(1, 0, 400_000, 4_700_000)
                .hwmon(0, "coretemp").hwmon(0, "temp1_input", 48000).hwmon(0, "temp1_label", "Package id 0")
                .hwmon(0, "temp1_crit", 100000);
    }

    private PowercapBoard board(SysfsTree tree) {
        BoardSpec spec = new BoardSpec("cpu-0", "RAPL package-0", 0, 10, 45, 4.5, 100);
        SysfsSensor temp = new SysfsSensor(SysfsRef.parse("hwmon:coretemp/Package id 0", "k"),
                SysfsSensor.Role.TEMPERATURE, "tempC", -200, 300, "k");
        return new PowercapBoard(tree, tree.resolve("class/powercap/intel-rapl:0"), "long_term", spec, temp, 0, time);
    }

    @Test
    void readsPowerFromTheEnergyCounterAndTheCapFromTheLongTermLimit() {
        FakeSysfs fake = cpuPackage();
        PowercapBoard b = board(fake.tree());
        time.advanceS(0.5);
        fake.file(ZONE + "energy_uj", 100_000_000L + 9_000_000L);
        BoardReading r = b.read();
        assertThat(r.quality()).isEqualTo(Quality.GOOD);
        assertThat(r.powerW()).isCloseTo(18.0, within(1e-9));
        assertThat(r.capW()).isCloseTo(28.0, within(1e-9));
        assertThat(r.tempC()).isCloseTo(48.0, within(1e-9));
        assertThat(r.state()).isEqualTo(BoardState.ENABLED);
        assertThat(r.utilizationPct()).isNaN();
        assertThat(r.throttleReasons()).isEmpty();
    }

    @Test
    void aCounterWrapBetweenReadingsStillGivesThePower() {
        FakeSysfs fake = cpuPackage().file(ZONE + "energy_uj", 262_143_000_000L);
        PowercapBoard b = board(fake.tree());
        time.advanceS(1);
        fake.file(ZONE + "energy_uj", 24_671_150L);
        assertThat(b.read().powerW()).isCloseTo(25.0, within(1e-9));
    }

    @Test
    void anEnergyCounterOnlyRootMayReadIsAPermissionFault() {
        cpuPackage();
        SysfsTree tree = new SysfsTree(root, new DenyingAccess().denyRead(root.resolve(ZONE + "energy_uj")));
        PowercapBoard b = board(tree);
        time.advanceS(1);
        BoardReading r = b.read();
        assertThat(r.powerW()).isNaN();
        assertThat(r.quality()).isEqualTo(Quality.FAILED);
        assertThat(r.faults()).extracting(HalFault::code).containsExactly(FaultCode.SENSOR_PERMISSION);
        assertThat(r.capW()).isCloseTo(28.0, within(1e-9));
    }

    @Test
    void setCapWritesMicrowattsAndIsVerifiedByReadingBack() {
        FakeSysfs fake = cpuPackage().file(ZONE + "enabled", 0);
        PowercapBoard b = board(fake.tree());
        assertThat(b.setCap(20.5).ok()).isTrue();
        assertThat(fake.text(ZONE + "constraint_0_power_limit_uw")).isEqualTo("20500000");
        assertThat(fake.text(ZONE + "enabled")).isEqualTo("1");
        assertThat(fake.text(ZONE + "constraint_1_power_limit_uw")).isEqualTo("64000000");
    }

    @Test
    void aLimitTheFirmwareOverridesIsNotVerified() {
        cpuPackage();
        SysfsTree tree = new SysfsTree(root, new DenyingAccess().ignoreWrites(root.resolve(ZONE + "constraint_0_power_limit_uw")));
        var r = board(tree).setCap(15);
        assertThat(r.fault().code()).isEqualTo(FaultCode.COMMAND_NOT_VERIFIED);
        assertThat(r.fault().detail()).contains("read back 28.0 W");
    }

    @Test
    void capsOutsideTheRangeAreRefusedWithoutWriting() {
        FakeSysfs fake = cpuPackage();
        PowercapBoard b = board(fake.tree());
        assertThat(b.setCap(60).fault().code()).isEqualTo(FaultCode.COMMAND_OUT_OF_RANGE);
        assertThat(b.setCap(Double.NaN).fault().code()).isEqualTo(FaultCode.COMMAND_OUT_OF_RANGE);
        assertThat(fake.text(ZONE + "constraint_0_power_limit_uw")).isEqualTo("28000000");
    }

    @Test
    void aLimitLostBehindOurBackIsAppliedAgainAndReported() {
        FakeSysfs fake = cpuPackage();
        PowercapBoard b = board(fake.tree());
        assertThat(b.setCap(20).ok()).isTrue();
        fake.file(ZONE + "constraint_0_power_limit_uw", 45_000_000);
        time.advanceS(1);
        BoardReading r = b.read();
        assertThat(r.faults()).extracting(HalFault::code).contains(FaultCode.COMMAND_NOT_VERIFIED);
        assertThat(r.quality()).isEqualTo(Quality.GOOD);
        assertThat(fake.text(ZONE + "constraint_0_power_limit_uw")).isEqualTo("20000000");
    }

    @Test
    void theSafeStateParksThePackagesCpufreqPoliciesAtTheirMinimum() {
        FakeSysfs fake = cpuPackage().cpu(2, 1, 400_000, 4_700_000);
        PowercapBoard b = board(fake.tree());
        assertThat(b.applySafeState().ok()).isTrue();
        assertThat(fake.text("devices/system/cpu/cpufreq/policy0/scaling_max_freq")).isEqualTo("400000");
        assertThat(fake.text("devices/system/cpu/cpufreq/policy1/scaling_max_freq")).isEqualTo("400000");
        assertThat(fake.text("devices/system/cpu/cpufreq/policy2/scaling_max_freq")).isEqualTo("4700000");
        assertThat(b.read().state()).isEqualTo(BoardState.DISABLED);
        assertThat(b.setEnabled(true).ok()).isTrue();
        assertThat(b.read().state()).isEqualTo(BoardState.ENABLED);
    }

    @Test
    void aGrowingThermalThrottleCountIsHardwareThermalThrottling() {
        FakeSysfs fake = cpuPackage();
        PowercapBoard b = board(fake.tree());
        fake.file("devices/system/cpu/cpu1/thermal_throttle/package_throttle_count", 3);
        time.advanceS(1);
        BoardReading r = b.read();
        assertThat(r.throttleReasons()).contains(ThrottleReason.HW_THERMAL);
        assertThat(r.faults()).extracting(HalFault::code).contains(FaultCode.DEVICE_THROTTLED);
        time.advanceS(1);
        assertThat(b.read().throttleReasons()).doesNotContain(ThrottleReason.HW_THERMAL);
    }

    @Property(tries = 100)
    void garbageInAnyRaplAttributeNeverEscapesAndIsFlagged(@ForAll("raplAttributes") String attr,
            @ForAll @StringLength(max = 30) String junk) throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory("fuzz-rapl");
        try {
            FakeSysfs fake = new FakeSysfs(dir).raplPackage(0, 100_000_000L, 28_000_000).cpu(0, 0, 400_000, 4_700_000);
            PowercapBoard b = board(fake.tree());
            fake.raw("devices/virtual/powercap/intel-rapl:0/" + attr, junk);
            time.advanceS(1);
            BoardReading r = b.read();
            boolean number = junk.trim().matches("[-+]?\\d{1,30}(\\.\\d{1,30})?([eE][-+]?\\d{1,4})?");
            if (!number && !attr.equals("max_energy_range_uj")) {
                assertThat(r.quality()).isEqualTo(Quality.FAILED);
                assertThat(r.faults()).anySatisfy(f -> assertThat(f.code())
                        .isIn(FaultCode.SENSOR_UNPARSABLE, FaultCode.SENSOR_NAN));
            }
            if (r.quality() == Quality.GOOD) {
                assertThat(r.powerW()).isBetween(0.0, 1e5);
            }
        } finally {
            TestFiles.deleteTree(dir);
        }
    }

    @Provide
    Arbitrary<String> raplAttributes() {
        return Arbitraries.of("energy_uj", "max_energy_range_uj", "constraint_0_power_limit_uw");
    }

    @Property(tries = 500)
    void anyCpuListTextGivesCpuNumbersOrNothing(@ForAll String text) {
        assertThat(CpufreqPolicy.cpuList(text)).allSatisfy(c -> assertThat(c).isBetween(0, 99_999));
    }

    @Test
    void cpuListsTakeBothKernelForms() {
        assertThat(CpufreqPolicy.cpuList("0 1 2 3\n")).containsExactly(0, 1, 2, 3);
        assertThat(CpufreqPolicy.cpuList("0-2,8")).containsExactly(0, 1, 2, 8);
    }

    @Test
    void aCpuPackageCannotBeReset() {
        assertThat(board(cpuPackage().tree()).reset().fault().code()).isEqualTo(FaultCode.COMMAND_REJECTED);
    }
}
