package io.sunsync.hal.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sunsync.hal.accel.FakeNvidiaSmi;
import io.sunsync.hal.accel.FakeNvml;
import io.sunsync.hal.accel.FakeNvpmodel;
import io.sunsync.hal.sysfs.FakeSysfs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    private static Run probe(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "probe";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = HalMain.run(new PrintWriter(out), new PrintWriter(err), all);
        return new Run(exit, out.toString(), err.toString());
    }

    /** A compute node: battery and charger, a Super I/O chip, zones with trips, a fan, one RAPL package, two CPUs. */
    private Path node() {
        Path sys = dir.resolve("sys");
        new FakeSysfs(sys).energyBattery("BAT0")
                .attr("power_supply", "AC", "type", "Mains").attr("power_supply", "AC", "online", 1)
                .hwmon(0, "coretemp").hwmon(0, "temp1_input", 48000).hwmon(0, "temp1_label", "Package id 0")
                .hwmon(1, "nct6775").hwmon(1, "in1_input", 1016).hwmon(1, "fan2_input", 1830).hwmon(1, "pwm2", 153)
                .failsWithEio("devices/virtual/hwmon/hwmon1/temp7_input")
                .zone(0, "x86_pkg_temp", 52000).trip(0, 0, "passive", 80000).trip(0, 1, "critical", 100000)
                .cooling(0, "Processor", 0, 3)
                .raplPackage(0, 12_345_678_901L, 28_000_000)
                .cpu(0, 0, 400_000, 4_700_000).cpu(1, 0, 400_000, 4_700_000);
        return sys;
    }

    @Test
    void listsEverythingTheBackendsFindWithUnits() throws Exception {
        Path smi = new FakeNvidiaSmi(Files.createDirectories(dir.resolve("tools"))).path();
        Run r = probe("--root", node().toString(), "--smi", smi.toString(), "--rapl-interval-ms", "0", "--nvml-library",
                dir.resolve("no-nvml.so.1").toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains("BAT0", "Battery", "Discharging", "12.20 V", "-1.60 A", "30 Wh", "60 %")
                .contains("coretemp", "(config: hwmon:coretemp/ATTR)", "Package id 0", "48 °C")
                .contains("in1_input", "1.02 V", "fan2_input", "1830 rpm", "pwm2", "153 /255")
                .contains("temp7_input", "!SENSOR_IO_ERROR")
                .contains("thermal_zone0", "x86_pkg_temp", "52 °C", "passive 80 °C, critical 100 °C")
                .contains("cooling_device0", "Processor")
                .contains("intel-rapl:0", "package-0", "long_term 28 W (max 45 W)", "short_term 64 W")
                .contains("policy0", "400 MHz .. 4700 MHz", "powersave")
                .contains("NVIDIA H100 80GB HBM3", FakeNvidiaSmi.UUID0, "312.5 W", "700 W", "200 W .. 700 W", "POWER_CAP")
                .contains("NVIDIA GPUs through nvidia-smi (nvidia-smi backend): 2", "CPU packages with RAPL (powercap backend): 1")
                .contains("NVIDIA GPUs through NVML (nvml backend): none (cannot load " + dir.resolve("no-nvml.so.1"))
                .contains("PROBLEMS", "Input/output error")
                .doesNotContain("No accelerators found");
    }

    @Test
    void jsonCarriesTheSameFindings() throws Exception {
        Path smi = new FakeNvidiaSmi(Files.createDirectories(dir.resolve("tools"))).path();
        Run r = probe("--json", "--root", node().toString(), "--smi", smi.toString(), "--rapl-interval-ms", "0",
                "--nvml-library", dir.resolve("no-nvml.so.1").toString());
        assertThat(r.exit()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.at("/powerSupplies/0/name").asText()).isEqualTo("AC");
        assertThat(j.at("/powerSupplies/1/voltage/value").asDouble()).isEqualTo(12.2);
        assertThat(j.at("/powerSupplies/1/voltage/unit").asText()).isEqualTo("V");
        assertThat(j.at("/thermalZones/0/trips/1/temp/value").asDouble()).isEqualTo(100.0);
        assertThat(j.at("/rapl/0/energy/value").asDouble()).isEqualTo(12345.678901);
        assertThat(j.at("/nvidia/gpus/1/uuid").asText()).isEqualTo(FakeNvidiaSmi.UUID1);
        assertThat(j.at("/hwmon/1/channels").findValuesAsText("error")).anySatisfy(e -> assertThat(e)
                .startsWith("SENSOR_IO_ERROR"));
        assertThat(j.at("/accelerators").size()).isEqualTo(3);
    }

    @Test
    void nvmlIsShownBesideNvidiaSmiWithTheDevicesLimitsAndThresholdsAndTheCostOfAReading() throws Exception {
        Path smi = new FakeNvidiaSmi(Files.createDirectories(dir.resolve("tools"))).path();
        new FakeNvml(dir).script("""
                driver 580.65.06
                device
                uuid %s
                name NVIDIA H100 80GB HBM3
                power_mw 312450
                enforced_mw 650000
                slowdown_c 90
                shutdown_c 95
                reasons 0x4
                device
                uuid GPU-0badc0de-0000-0000-0000-000000000009
                fail power GPU_IS_LOST
                fail util NOT_SUPPORTED
                """.formatted(FakeNvidiaSmi.UUID0));
        Run r = probe("--root", node().toString(), "--smi", smi.toString(), "--rapl-interval-ms", "0", "--nvml-library",
                FakeNvml.LIBRARY.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains("NVIDIA GPUS (NVML, " + FakeNvml.LIBRARY + ")", "driver 580.65.06")
                .contains("312.5 W", "650 W", "200 W .. 700 W", "90 °C", "95 °C")
                .contains("!DEVICE_HUNG", "NVML_ERROR_GPU_IS_LOST")
                .contains("NVIDIA GPUs through NVML (nvml backend): 2")
                .contains("NVIDIA GPU 0 (NVIDIA H100 80GB HBM3, " + FakeNvidiaSmi.UUID0 + "): backend nvml (or nvidia-smi)")
                .contains("cost of one reading: NVML ", "µs (power, temperature, limit of one GPU; mean of 1000); nvidia-smi ",
                        "ms (one query, every GPU)");
        Run json = probe("--json", "--root", node().toString(), "--smi", smi.toString(), "--rapl-interval-ms", "0",
                "--nvml-library", FakeNvml.LIBRARY.toString());
        JsonNode j = new ObjectMapper().readTree(json.out());
        assertThat(j.at("/nvml/gpus/0/slowdownTemp/value").asDouble()).isEqualTo(90.0);
        assertThat(j.at("/nvml/gpus/0/power/unit").asText()).isEqualTo("W");
        assertThat(j.at("/nvml/gpus/1/power/error").asText()).startsWith("DEVICE_HUNG");
        assertThat(j.at("/nvml/readMicros").asDouble()).isPositive();
        assertThat(j.at("/nvidia/queryMs").asDouble()).isPositive();
    }

    @Test
    void aJetsonShowsItsRailsAndPowerModes() throws Exception {
        Path sys = dir.resolve("jetson-sys");
        new FakeSysfs(sys).jetsonOrinNx();
        FakeNvpmodel nvpmodel = new FakeNvpmodel(Files.createDirectories(dir.resolve("jetson-tools")), 2);
        Run r = probe("--root", sys.toString(), "--smi", dir.resolve("no-nvidia-smi").toString(), "--nvml-library",
                dir.resolve("no-nvml.so.1").toString(), "--nvpmodel", nvpmodel.path().toString());
        assertThat(r.exit()).isZero();
        String jetson = r.out().substring(r.out().indexOf("JETSON"), r.out().indexOf("ACCELERATORS"));
        assertThat(jetson)
                .contains("JETSON (INA3221 rails; power modes from " + nvpmodel.path() + ")")
                .contains("VDD_IN", "10.00 W", "VDD_CPU_GPU_CV", "VDD_SOC")
                .doesNotContain("sum of shunt")
                .contains("power modes: 0 MAXN (no budget), 1 10W (10 W), 2 15W (15 W), 3 25W (25 W)", "in force: 2 15W");
        assertThat(r.out()).contains("backend jetson");
        assertThat(nvpmodel.calls()).containsExactly("-p --verbose", "-q"); // read only
    }

    @Test
    void aMachineWithoutAcceleratorsSaysSoPlainlyAndExitsZero() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("bare"));
        Run r = probe("--root", empty.toString(), "--smi", dir.resolve("no-nvidia-smi").toString(), "--nvml-library",
                dir.resolve("no-nvml.so.1").toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("POWER SUPPLIES (class/power_supply)\n  none found")
                .contains("NVIDIA GPUs through nvidia-smi (nvidia-smi backend): none (nvidia-smi not found at "
                        + dir.resolve("no-nvidia-smi"))
                .contains("No accelerators found on this machine");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aMissingRootIsABadCommandLine() {
        Run r = probe("--root", dir.resolve("nowhere").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no such folder");
    }
}
