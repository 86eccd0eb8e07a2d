package io.sunsync.hal.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sunsync.hal.Quality;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.accel.FakeNvidiaSmi;
import io.sunsync.hal.config.ConfigException;
import io.sunsync.hal.config.ConfigReader;
import io.sunsync.hal.config.HardwareAssembly;
import io.sunsync.hal.config.HardwareConfig;
import io.sunsync.hal.sysfs.FakeSysfs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Linux backends chosen from a config file through the service loader, and their config errors. */
class LinuxBackendProvidersTest {
    @TempDir
    Path dir;

    record Sat(HardwareConfig hardware) {
    }

    private HardwareAssembly build(String accelerators) {
        String yaml = """
                hardware:
                  clock: {backend: system}
                  power:
                    backend: sysfs
                    options:
                      root: sys
                      battery: BAT0
                      array: [supply:AC]
                      ratings: {ratedArrayW: 100, maxChargeW: 50, maxDischargeW: 60, nominalBusV: 12}
                  thermal: {backend: sysfs, options: {root: sys}}
                  accelerators: %s
                """.formatted(accelerators);
        Sat sat = ConfigReader.parse(yaml, false, Sat.class, "sat.yaml");
        return HardwareAssembly.build(sat.hardware(), dir, "hardware");
    }

    private FakeSysfs laptop() {
        return new FakeSysfs(dir.resolve("sys")).energyBattery("BAT0")
                .attr("power_supply", "AC", "type", "Mains").attr("power_supply", "AC", "online", 1)
                .attr("power_supply", "AC", "power_now", 45_000_000)
                .zone(0, "x86_pkg_temp", 51000).trip(0, 0, "critical", 100000)
                .raplPackage(0, 5_000_000, 28_000_000).cpu(0, 0, 400_000, 4_700_000)
                .hwmon(0, "coretemp").hwmon(0, "temp1_input", 49000).hwmon(0, "temp1_label", "Package id 0")
                .hwmon(0, "temp1_crit", 105000);
    }

    @Test
    void aRealBoardConfigBuildsSysfsAndPowercapBackendsWithPathsFromTheConfigFolder() {
        laptop();
        HardwareAssembly hw = build("{backend: powercap, options: {root: sys}}");
        assertThat(hw.chosen()).containsEntry("power", "sysfs").containsEntry("thermal", "sysfs")
                .containsEntry("accelerators", "powercap");
        assertThat(hw.power().read().arrayPowerW()).isEqualTo(45.0);
        assertThat(hw.power().read().quality()).isEqualTo(Quality.GOOD);
        assertThat(hw.thermal().read().zones()).hasSize(1);
        AcceleratorBoard cpu = hw.boards().get(0);
        assertThat(cpu.spec().id()).isEqualTo("cpu-0");
        assertThat(cpu.spec().maxCapW()).isEqualTo(45.0);
        assertThat(cpu.spec().minCapW()).isEqualTo(11.25);
        assertThat(cpu.spec().slowdownTempC()).isEqualTo(105.0);
        assertThat(cpu.read().tempC()).isEqualTo(49.0);
    }

    @Test
    void theNvidiaSmiBackendFindsEveryGpuWithItsLimits() throws Exception {
        laptop();
        Path tools = Files.createDirectories(dir.resolve("tools"));
        FakeNvidiaSmi smi = new FakeNvidiaSmi(tools);
        HardwareAssembly hw = build("{backend: nvidia-smi, options: {smiPath: '" + smi.path() + "'}}");
        assertThat(hw.boards()).extracting(b -> b.spec().id()).containsExactly("gpu-0", "gpu-1");
        assertThat(hw.boards().get(0).spec().minCapW()).isEqualTo(200.0);
        assertThat(hw.boards().get(0).spec().maxCapW()).isEqualTo(700.0);
        assertThat(hw.boards().get(0).spec().model()).isEqualTo("NVIDIA H100 80GB HBM3");
        assertThat(hw.boards().get(1).read().quality()).isEqualTo(Quality.GOOD);
    }

    @Test
    void aMissingNvidiaSmiIsRefusedNamingSmiPath() {
        laptop();
        assertThatThrownBy(() -> build("{backend: nvidia-smi, options: {smiPath: /nonexistent/nvidia-smi}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hardware.accelerators.options.smiPath: '/nonexistent/nvidia-smi' found no GPU: "
                        + "cannot run");
    }

    @Test
    void nvidiaSmiOptionErrorsNameTheKey() throws Exception {
        laptop();
        FakeNvidiaSmi smi = new FakeNvidiaSmi(Files.createDirectories(dir.resolve("tools")));
        assertThatThrownBy(() -> build("{backend: nvidia-smi, options: {timeoutS: 0}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hardware.accelerators.options.timeoutS: must be in [0.05, 600.0] s, was 0.0");
        assertThatThrownBy(() -> build("{backend: nvidia-smi, options: {smiPth: x}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hardware.accelerators.options.smiPth: unknown key");
        assertThatThrownBy(() -> build("{backend: nvidia-smi, options: {smiPath: '" + smi.path() + "', boards: ['7']}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hardware.accelerators.options.boards[0]: no GPU '7'");
        assertThatThrownBy(() -> build("{backend: nvidia-smi, options: {timeoutS: soon}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hardware.accelerators.options.timeoutS: 'soon' is not a number");
    }

    @Test
    void aMachineWithoutRaplIsRefusedNamingZones() {
        new FakeSysfs(dir.resolve("sys")).energyBattery("BAT0").attr("power_supply", "AC", "power_now", 1);
        assertThatThrownBy(() -> build("{backend: powercap, options: {root: sys}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hardware.accelerators.options.zones: no RAPL package zone under");
    }

    @Test
    void sysfsOptionErrorsNameTheKey() {
        laptop();
        assertThatThrownBy(() -> HardwareAssembly.build(ConfigReader.parse("""
                hardware:
                  clock: {backend: system}
                  power: {backend: sysfs, options: {root: sys, battery: BAT0, array: ['hwmon:ina3221'], ratings: {ratedArrayW: 1, maxChargeW: 1, maxDischargeW: 1, nominalBusV: 1}}}
                  thermal: {backend: sysfs}
                  accelerators: {backend: powercap}
                """, false, Sat.class, "sat.yaml").hardware(), dir, "hardware"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hardware.power.options.array[0]: 'hwmon:ina3221': expected hwmon:CHIP/ATTR");
        assertThatThrownBy(() -> build("{backend: sysfs}")).isInstanceOf(ConfigException.class)
                .hasMessage("hardware.accelerators.backend: backend 'sysfs' does not provide accelerator boards");
    }
}
