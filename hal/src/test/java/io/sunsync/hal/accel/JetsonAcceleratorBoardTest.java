package io.sunsync.hal.accel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.hal.CommandResult;
import io.sunsync.hal.FaultCode;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.Quality;
import io.sunsync.hal.config.ConfigException;
import io.sunsync.hal.config.ConfigReader;
import io.sunsync.hal.config.TestContexts;
import io.sunsync.hal.linux.JetsonBackendProvider;
import io.sunsync.hal.sysfs.FakeSysfs;
import io.sunsync.hal.time.ManualTimeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jetson backend on a fake Jetson Orin NX sysfs tree (the kernel's ina3221 hwmon files:
 * Documentation/hwmon/ina3221.rst; thermal zones by type as JetPack 5/6 names them; values
 * illustrative) and a fake {@code nvpmodel} run as a real process (see {@link FakeNvpmodel}).
 */
class JetsonAcceleratorBoardTest {
    @TempDir
    Path dir;
    private final ManualTimeSource time = new ManualTimeSource();
    private FakeSysfs sys;
    private FakeNvpmodel nvpmodel;

    @BeforeEach
    void setUp() throws Exception {
        sys = new FakeSysfs(dir.resolve("sys")).jetsonOrinNx().hwmon(0, "nct6775"); // and a chip that is not an INA3221
        nvpmodel = new FakeNvpmodel(Files.createDirectories(dir.resolve("tools")), 2);
    }

    private ObjectNode options(String extra) {
        ObjectNode o = ConfigReader.jsonMapper().createObjectNode().put("root", sys.root().toString())
                .put("nvpmodelPath", nvpmodel.path().toString());
        if (extra != null) {
            o.setAll((ObjectNode) ConfigReader.parse(extra, false, ObjectNode.class, "options.yaml"));
        }
        return o;
    }

    private JetsonAcceleratorBoard board(String extra) {
        List<AcceleratorBoard> b = new JetsonBackendProvider().accelerators(options(extra), TestContexts.of(dir, time));
        assertThat(b).hasSize(1);
        return (JetsonAcceleratorBoard) b.get(0);
    }

    private static List<FaultCode> codes(BoardReading r) {
        return r.faults().stream().map(HalFault::code).toList();
    }

    @Test
    void findsRailsByLabelZonesByTypeAndModesWithTheirBudgets() {
        JetsonAcceleratorBoard j = board("{modeBudgetsW: {0: 40}}");

        BoardSpec s = j.spec();
        assertThat(s.id()).isEqualTo("jetson-0");
        assertThat(s.model()).isEqualTo("NVIDIA Orin NX Developer Kit");
        assertThat(s.minCapW()).isEqualTo(10.0);
        assertThat(s.maxCapW()).isEqualTo(40.0);
        assertThat(s.slowdownTempC()).isEqualTo(99.0); // the lowest passive trip
        assertThat(j.ladder()).extracting(NvpmodelOutput.Mode::name).containsExactly("10W", "15W", "25W", "MAXN");
        BoardReading r = j.read();
        assertThat(r.quality()).isEqualTo(Quality.GOOD);
        assertThat(r.faults()).isEmpty();
        assertThat(r.powerW()).isCloseTo(5.008 * 1.996, within(1e-9)); // VDD_IN: mV × mA
        assertThat(r.capW()).isEqualTo(15.0); // mode 2 (15W) in force
        assertThat(r.tempC()).isEqualTo(49.0); // the hottest of cpu, gpu, soc0; tj-thermal left out
        assertThat(r.state()).isEqualTo(BoardState.ENABLED);
    }

    @Test
    void aModeWithoutABudgetIsNotUsedUnlessTheConfigGivesOne() {
        JetsonAcceleratorBoard j = board(null);
        assertThat(j.ladder()).extracting(NvpmodelOutput.Mode::id).containsExactly(1, 2, 3);
        assertThat(j.spec().maxCapW()).isEqualTo(25.0);
    }

    @Test
    void aCapSelectsTheHighestModeWithinItAndIsReadBack() {
        JetsonAcceleratorBoard j = board("{modeBudgetsW: {0: 40}}");

        assertThat(j.setCap(24).ok()).isTrue();
        assertThat(nvpmodel.mode()).isEqualTo(2);
        assertThat(j.setCap(30).ok()).isTrue();
        assertThat(nvpmodel.mode()).isEqualTo(3);
        assertThat(j.read().capW()).isEqualTo(25.0);
        assertThat(j.setCap(40).ok()).isTrue();
        assertThat(nvpmodel.mode()).isEqualTo(0);
        assertThat(nvpmodel.calls()).contains("-m 3", "-m 0");
        assertThat(j.setCap(5).fault().code()).isEqualTo(FaultCode.COMMAND_OUT_OF_RANGE);
    }

    @Test
    void theSafeStateSelectsTheLowestModeAndEnablingRestoresTheModeBefore() {
        JetsonAcceleratorBoard j = board(null);
        j.setCap(25);

        assertThat(j.applySafeState().ok()).isTrue();
        assertThat(nvpmodel.mode()).isEqualTo(1);
        assertThat(j.read().state()).isEqualTo(BoardState.DISABLED);
        assertThat(j.setEnabled(true).ok()).isTrue();
        assertThat(nvpmodel.mode()).isEqualTo(3);
        assertThat(j.read().state()).isEqualTo(BoardState.ENABLED);
    }

    @Test
    void aModeChangedBehindFlightsBackIsSetAgain() {
        JetsonAcceleratorBoard j = board(null);
        j.setCap(15);
        nvpmodel.mode(3); // someone ran nvpmodel -m 3
        time.advanceS(11); // past modeCheckS (10 s): the next reading asks nvpmodel

        BoardReading r = j.read();

        assertThat(codes(r)).containsExactly(FaultCode.COMMAND_NOT_VERIFIED);
        assertThat(nvpmodel.mode()).isEqualTo(2);
        assertThat(r.capW()).isEqualTo(15.0);
    }

    @Test
    void aModeThatWantsARebootIsRefusedAndTheModeInForceStays() {
        JetsonAcceleratorBoard j = board(null);
        nvpmodel.on("reboot-for-3", "");

        CommandResult r = j.setCap(25);

        assertThat(r.ok()).isFalse();
        assertThat(r.fault().code()).isEqualTo(FaultCode.COMMAND_REJECTED);
        assertThat(r.fault().detail()).contains("needs a reboot");
        assertThat(nvpmodel.mode()).isEqualTo(2);
        nvpmodel.off("reboot-for-3").on("m-ignored", "");
        assertThat(j.setCap(25).fault().code()).isEqualTo(FaultCode.COMMAND_NOT_VERIFIED);
    }

    @Test
    void garbageFromNvpmodelIsAFaultAndTheLastModeIsServedStale() {
        JetsonAcceleratorBoard j = board(null);
        nvpmodel.on("garbage", "\u0000\u0007 segmentation fault?\n");
        time.advanceS(11);

        BoardReading r = j.read();

        assertThat(r.capW()).isEqualTo(15.0);
        assertThat(r.quality()).isEqualTo(Quality.STALE);
        assertThat(codes(r)).containsExactly(FaultCode.SENSOR_STALE);
        assertThat(r.faults().get(0).detail()).contains("named no mode");
        assertThatThrownBy(() -> board(null)).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.key()).isEqualTo("options.nvpmodelPath");
            assertThat(e.getMessage()).contains("listed no POWER_MODEL");
        });
    }

    @Test
    void garbageInSysfsIsAFaultOnTheQuantityItFeeds() {
        JetsonAcceleratorBoard j = board(null);
        sys.raw("devices/virtual/hwmon/hwmon1/in1_input", "5V\n");
        sys.raw("devices/virtual/thermal/thermal_zone1/temp", "\n");

        BoardReading r = j.read();

        assertThat(r.powerW()).isNaN();
        assertThat(r.quality()).isEqualTo(Quality.FAILED);
        assertThat(r.faults()).extracting(f -> f.quantity() + " " + f.code())
                .containsExactlyInAnyOrder("powerW SENSOR_UNPARSABLE", "tempC SENSOR_UNPARSABLE");
        assertThat(r.tempC()).isEqualTo(47.5); // the zones that still read
        assertThat(r.capW()).isEqualTo(15.0);
    }

    @Test
    void anOverCurrentAlarmIsAThrottledHealthFault() {
        JetsonAcceleratorBoard j = board(null);
        sys.hwmon(1, "curr2_crit_alarm", 1);

        BoardReading r = j.read();

        assertThat(codes(r)).containsExactly(FaultCode.DEVICE_THROTTLED);
        assertThat(r.faults().get(0).detail()).contains("VDD_CPU_GPU_CV", "critical");
        assertThat(r.quality()).isEqualTo(Quality.GOOD);
    }

    @Test
    void withoutAnInputRailTheRailsCanBeAdded() {
        assertThatThrownBy(() -> board("{inputRail: VIN_SYS_5V0}")).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.key()).isEqualTo("options.inputRail");
            assertThat(e.getMessage()).contains("VDD_IN", "VDD_CPU_GPU_CV", "VDD_SOC", "'sum'")
                    .doesNotContain("sum of shunt");
        });
        BoardReading r = board("{inputRail: sum}").read();
        assertThat(r.powerW()).isCloseTo(5.008 * (1.996 + 0.596 + 0.320), within(1e-9));
    }

    @Test
    void aTreeOrToolThatIsNotAJetsonsRefusesTheConfigNamingTheKey() throws Exception {
        Path bare = Files.createDirectories(dir.resolve("bare"));
        ObjectNode noRails = options(null).put("root", bare.toString());
        assertThatThrownBy(() -> new JetsonBackendProvider().accelerators(noRails, TestContexts.of(dir, time)))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("options.root"));
        assertThatThrownBy(() -> board("{nvpmodelPath: " + dir.resolve("no-nvpmodel") + "}"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo("options.nvpmodelPath");
                    assertThat(e.getMessage()).contains("cannot run");
                });
        assertThatThrownBy(() -> board("{modeBudgetsW: {7: 60}}")).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.key()).isEqualTo("options.modeBudgetsW.7"));
        assertThatThrownBy(() -> board("{tempZones: [cv9-thermal]}")).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.getMessage()).contains("cpu-thermal", "gpu-thermal"));
        assertThat(board(null).reset().fault().code()).isEqualTo(FaultCode.COMMAND_REJECTED);
    }
}
