package io.sunsync.flight.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.sunsync.flight.link.outbox.FsyncPolicy;
import io.sunsync.hal.accel.JetsonOptions;
import io.sunsync.hal.accel.NvidiaSmiOptions;
import io.sunsync.hal.accel.NvmlOptions;
import io.sunsync.hal.config.BackendProvider;
import io.sunsync.hal.config.ConfigReader;
import io.sunsync.hal.config.DeviceConfig;
import io.sunsync.hal.config.HardwareConfig;
import io.sunsync.hal.power.SysfsPowerOptions;
import io.sunsync.hal.thermal.SysfsThermalOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every example in flight/config is a valid flight config file (hal checks their backend options),
 * and loads into its config records with the values the file gives.
 */
class ConfigExamplesLoadTest {
    private static FlightConfig load(String name) {
        return FlightConfig.load(Path.of("config", name));
    }

    private static List<String> backends(HardwareConfig hw) {
        return Stream.of(hw.clock(), hw.power(), hw.thermal(), hw.accelerators()).map(DeviceConfig::backend).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sim-sat.yaml", "board-example.yaml", "board-example-jetson.yaml", "hil-example.yaml"})
    void theExampleLoadsAndNamesOnlyBackendsThatExist(String name) {
        FlightConfig config = load(name);
        List<String> known = ServiceLoader.load(BackendProvider.class).stream().map(p -> p.get().name()).toList();
        assertThat(backends(config.hardware())).allMatch(known::contains);
        assertThat(config.hardware().backends().keySet()).allMatch(known::contains);
    }

    @Test
    void theSimExampleFliesTheEclipseSeasonDayWithNinetySixBoardsThroughAGroupCommittedOutbox() {
        FlightConfig config = load("sim-sat.yaml");
        assertThat(config.satellite().id()).isEqualTo("sat-001");
        assertThat(config.link().broker()).isEqualTo("tcp://127.0.0.1:1883");
        assertThat(config.link().sessionExpiryS()).isEqualTo(86_400L);
        assertThat(config.link().outbox().dir()).isEqualTo(Path.of("outbox"));
        assertThat(config.link().outbox().maxBytes()).isEqualTo(268_435_456L);
        assertThat(config.link().outbox().fsync()).isEqualTo(FsyncPolicy.GROUP);
        assertThat(config.telemetry().housekeepingPeriodS()).isEqualTo(1.0);
        assertThat(backends(config.hardware())).containsExactly("sim", "sim", "sim", "sim");
        assertThat(config.hardware().navigation()).isNull();
        var sim = config.hardware().backends().get("sim");
        assertThat(sim.path("scenario").asText()).isEqualTo("../../sim-harness/scenarios/eclipse-season-day.yaml");
        assertThat(sim.path("speed").asInt()).isEqualTo(60);
        assertThat(sim.path("seed").asInt()).isEqualTo(1);
        assertThat(sim.path("boards").asInt()).isEqualTo(96);
        assertThat(config.jobs()).isNull();
        assertThat(config.commanding()).isNull();
    }

    @Test
    void theBoardExampleReadsThreeArrayStringsAndACoolingLoopFromSysfsAndCapsGpusThroughNvml() {
        FlightConfig config = load("board-example.yaml");
        assertThat(config.satellite().id()).isEqualTo("sat-001");
        assertThat(config.link().broker()).isEqualTo("ssl://ground-gateway.example:8883");
        assertThat(config.link().sessionExpiryS()).isEqualTo(86_400L);
        assertThat(config.telemetry().housekeepingPeriodS()).isEqualTo(1.0);
        HardwareConfig hw = config.hardware();
        assertThat(backends(hw)).containsExactly("system", "sysfs", "sysfs", "nvml");

        SysfsPowerOptions power = ConfigReader.convert(hw.power().options(), SysfsPowerOptions.class, "options");
        assertThat(power.root()).isEqualTo("/sys");
        assertThat(power.battery()).isEqualTo("BAT0");
        assertThat(power.array()).containsExactly("hwmon:ina226#0/power1_input", "hwmon:ina226#1/power1_input",
                "hwmon:ina226#2/power1_input");
        assertThat(power.bus()).isEqualTo("hwmon:ina226#3/in1_input");
        assertThat(power.load()).isEqualTo("hwmon:ina226#3/power1_input");
        assertThat(power.currentSign()).isEqualTo("auto");
        assertThat(power.sunlitAboveW()).isEqualTo(5.0);
        assertThat(power.stuckLimitS()).isEqualTo(300.0);
        assertThat(power.ratings()).isEqualTo(new SysfsPowerOptions.Ratings(1200.0, 400.0, 35.0, 300.0, 900.0, 28.0));

        SysfsThermalOptions thermal = ConfigReader.convert(hw.thermal().options(), SysfsThermalOptions.class, "options");
        assertThat(thermal.zones()).extracting(SysfsThermalOptions.Zone::name, SysfsThermalOptions.Zone::sensor,
                SysfsThermalOptions.Zone::maxC).containsExactly(
                tuple("cpu", "zone:x86_pkg_temp", null),
                tuple("cold-plate-1", "hwmon:nct6775/SYSTIN", 60.0));
        assertThat(thermal.loops()).singleElement().satisfies(loop -> {
            assertThat(loop.name()).isEqualTo("loop-a");
            assertThat(loop.pump()).isEqualTo("hwmon:nct6775/pwm2");
            assertThat(loop.tach()).isEqualTo("hwmon:nct6775/fan2_input");
            assertThat(loop.minRpm()).isEqualTo(600.0);
            assertThat(loop.flowLpmPerRpm()).isEqualTo(0.0015);
            assertThat(loop.radiator()).isEqualTo("hwmon:nct6775/AUXTIN0");
        });
        assertThat(thermal.stuckLimitS()).isEqualTo(600.0);

        NvmlOptions gpus = ConfigReader.convert(hw.accelerators().options(), NvmlOptions.class, "options");
        assertThat(gpus.library()).isEqualTo("libnvidia-ml.so.1");
        assertThat(gpus.reapplyEveryS()).isEqualTo(10.0);
        assertThat(gpus.smiPath()).isEqualTo("/usr/bin/nvidia-smi");
    }

    @Test
    void theJetsonExampleCapsTheModuleThroughNvpmodelOneCommandAtATime() {
        FlightConfig config = load("board-example-jetson.yaml");
        assertThat(config.satellite().id()).isEqualTo("sat-002");
        assertThat(config.link().broker()).isEqualTo("ssl://ground-gateway.example:8883");
        HardwareConfig hw = config.hardware();
        assertThat(backends(hw)).containsExactly("system", "sysfs", "sysfs", "jetson");

        SysfsPowerOptions power = ConfigReader.convert(hw.power().options(), SysfsPowerOptions.class, "options");
        assertThat(power.array()).containsExactly("hwmon:ina226#0/power1_input", "hwmon:ina226#1/power1_input");
        assertThat(power.bus()).isEqualTo("hwmon:ina226#2/in1_input");
        assertThat(power.sunlitAboveW()).isEqualTo(2.0);
        assertThat(power.ratings()).isEqualTo(new SysfsPowerOptions.Ratings(120.0, 80.0, 35.0, 40.0, 60.0, 12.0));

        SysfsThermalOptions thermal = ConfigReader.convert(hw.thermal().options(), SysfsThermalOptions.class, "options");
        assertThat(thermal.zones()).extracting(SysfsThermalOptions.Zone::name, SysfsThermalOptions.Zone::sensor)
                .containsExactly(tuple("cpu", "zone:cpu-thermal"), tuple("gpu", "zone:gpu-thermal"),
                        tuple("soc", "zone:soc0-thermal"));

        JetsonOptions jetson = ConfigReader.convert(hw.accelerators().options(), JetsonOptions.class, "options");
        assertThat(jetson.root()).isEqualTo("/sys");
        assertThat(jetson.nvpmodelPath()).isEqualTo("/usr/sbin/nvpmodel");
        assertThat(jetson.inputRail()).isEqualTo("VDD_IN");
        assertThat(jetson.tempZones()).containsExactly("cpu-thermal", "gpu-thermal", "soc0-thermal", "soc1-thermal",
                "soc2-thermal");
        assertThat(jetson.modeBudgetsW()).isEqualTo(Map.of("0", 25.0));
        assertThat(jetson.modeCheckS()).isEqualTo(10.0);

        assertThat(config.actuation().threads()).isEqualTo(1);
        assertThat(config.actuation().tickBudgetS()).isEqualTo(0.5);
    }

    @Test
    void theHilExampleTakesPowerFromTheRemoteSimulatorAndTemperaturesAndGpusFromTheRig() {
        FlightConfig config = load("hil-example.yaml");
        assertThat(config.satellite().id()).isEqualTo("hil-001");
        assertThat(config.link().broker()).isEqualTo("tcp://127.0.0.1:1883");
        assertThat(config.link().sessionExpiryS()).isEqualTo(86_400L);
        assertThat(config.telemetry().housekeepingPeriodS()).isEqualTo(1.0);
        HardwareConfig hw = config.hardware();
        assertThat(backends(hw)).containsExactly("system", "remote", "sysfs", "nvidia-smi");

        SysfsThermalOptions thermal = ConfigReader.convert(hw.thermal().options(), SysfsThermalOptions.class, "options");
        assertThat(thermal.zones()).extracting(SysfsThermalOptions.Zone::name, SysfsThermalOptions.Zone::sensor)
                .containsExactly(tuple("cpu", "zone:x86_pkg_temp"), tuple("board", "hwmon:coretemp/Package id 0"));

        NvidiaSmiOptions gpus = ConfigReader.convert(hw.accelerators().options(), NvidiaSmiOptions.class, "options");
        assertThat(gpus.timeoutS()).isEqualTo(5.0);
        assertThat(gpus.staleLimitS()).isEqualTo(5.0);

        var remote = hw.backends().get("remote");
        assertThat(remote.path("host").asText()).isEqualTo("127.0.0.1");
        assertThat(remote.path("port").asInt()).isEqualTo(7420);
        assertThat(remote.path("timeoutMs").asInt()).isEqualTo(2000);
    }
}
