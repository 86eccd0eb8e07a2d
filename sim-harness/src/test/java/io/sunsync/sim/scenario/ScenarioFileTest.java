package io.sunsync.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sunsync.hal.config.ConfigException;
import io.sunsync.hal.config.HardwareAssembly;
import io.sunsync.hal.config.HardwareConfig;
import io.sunsync.hal.config.DeviceConfig;
import io.sunsync.hal.config.ConfigReader;
import io.sunsync.sim.SimBackendProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioFileTest {

    @Test
    void everyShippedScenarioLoads() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("scenarios"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("nominal-day.yaml",
                "eclipse-season-day.yaml", "eclipse-season-30d.yaml", "eclipse-season-onset-30d.yaml", "degraded-array.yaml",
                "cascading-faults.yaml");
        for (Path f : files) {
            Scenario sc = Scenario.load(f);
            assertThat(sc.name()).isEqualTo(f.getFileName().toString().replace(".yaml", ""));
            assertThat(sc.description()).isNotBlank();
        }
        assertThat(Scenario.load(Path.of("scenarios/eclipse-season-30d.yaml")).durationS()).isEqualTo(30 * 86_400.0);
    }

    @Test
    void emptyFileTakesTheReferenceSatellite() {
        Scenario sc = ConfigReader.parse("name: x\n", false, Scenario.class, "x.yaml");
        assertThat(sc.boards().count()).isEqualTo(96);
        assertThat(sc.battery().capacityWh()).isEqualTo(20_000);
        assertThat(sc.orbit().altitudeKm()).isEqualTo(650);
        // The truth orbit and the conical shadow by default; the idealised physics on request.
        assertThat(sc.orbit().propagator()).isEqualTo("numerical");
        assertThat(sc.orbit().shadowModel()).isEqualTo(io.sunsync.sim.orbit.Shadow.CONICAL);
        Scenario ideal = ConfigReader.parse("orbit: {propagator: circular, shadow: cylindrical}\n", false,
                Scenario.class, "x.yaml");
        assertThat(ideal.orbit()).isEqualTo(sc.orbit().idealised());
        assertThat(ideal.truthOrbit().trajectory()).isInstanceOf(io.sunsync.sim.orbit.CircularOrbitPropagator.class);
    }

    private static ConfigException refused(String yaml) {
        try {
            ConfigReader.parse(yaml, false, Scenario.class, "bad.yaml");
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("accepted: " + yaml);
    }

    @Test
    void badValuesAreRefusedNamingTheField() {
        assertThat(refused("battery:\n  floorPct: 120\n").key()).isEqualTo("battery.floorPct");
        assertThat(refused("orbit:\n  ltan: '25:00'\n").key()).isEqualTo("orbit.ltan");
        assertThat(refused("orbit:\n  altitudeKm: 90000\n").key()).isEqualTo("orbit.altitudeKm");
        assertThat(refused("orbit:\n  propagator: sgp4\n").key()).isEqualTo("orbit.propagator");
        assertThat(refused("orbit:\n  shadow: round\n").key()).isEqualTo("orbit.shadow");
        assertThat(refused("orbit:\n  massKg: 0\n").key()).isEqualTo("orbit.massKg");
        assertThat(refused("orbit:\n  dragAreaM2: -1\n").key()).isEqualTo("orbit.dragAreaM2");
        assertThat(refused("orbit:\n  dragCoefficient: 9\n").key()).isEqualTo("orbit.dragCoefficient");
        assertThat(refused("orbit:\n  srpCoefficient: 0.5\n").key()).isEqualTo("orbit.srpCoefficient");
        assertThat(refused("boards:\n  count: many\n").key()).isEqualTo("boards.count");
        assertThat(refused("array:\n  areaMeters: 3\n").key()).isEqualTo("array.areaMeters");
        assertThat(refused("stepS: 60\n").key()).isEqualTo("stepS");
        assertThat(refused("boards:\n  throughput: [{powerW: 400, relative: 0.2}, {powerW: 700, relative: 0.3},"
                + " {powerW: 1000, relative: 1.0}]\n").key()).isEqualTo("boards.throughput");
    }

    @Test
    void silentCorruptionIsReadFromTheRadiationSectionAndBadValuesNameTheField() {
        Scenario sc = ConfigReader.parse("radiation:\n  saaFactor: 30\n  silentCorruption: {perWorkUnit: 2.0e-6, "
                + "weakBoards: 3, weakFactor: 5000}\n", false, Scenario.class, "s.yaml");
        assertThat(sc.radiation().saaFactor()).isEqualTo(30);
        assertThat(sc.radiation().silentCorruption()).isEqualTo(new Scenario.SilentCorruption(2.0e-6, 0.5, 3, 5000.0));
        assertThat(Scenario.reference().radiation().silentCorruption().weakBoards()).isZero();
        assertThat(refused("radiation:\n  silentCorruption: {weakBoards: -1}\n").key())
                .isEqualTo("radiation.silentCorruption.weakBoards");
        assertThat(refused("radiation:\n  silentCorruption: {perWorkUnit: 2}\n").key())
                .isEqualTo("radiation.silentCorruption.perWorkUnit");
        assertThat(refused("radiation:\n  silentCorruption: {rate: 2}\n").key())
                .isEqualTo("radiation.silentCorruption.rate");
    }

    @Test
    void badSensorSettingsAreRefusedNamingTheField() {
        ConfigException unknown = refused("sensors:\n  gainPct: {power.solarWindW: 2}\n");
        assertThat(unknown.key()).isEqualTo("sensors.gainPct.power.solarWindW");
        ConfigException big = refused("sensors:\n  gainPct: {power.arrayPowerW: 80}\n");
        assertThat(big.key()).isEqualTo("sensors.gainPct.power.arrayPowerW");
        assertThat(refused("sensors:\n  noise: loud\n").key()).isEqualTo("sensors.noise");
        assertThat(refused("sensors:\n  gauge: {capacityErrorPct: 70}\n").key())
                .isEqualTo("sensors.gauge.capacityErrorPct");
        Scenario noisy = ConfigReader.parse("sensors: {noise: false, bias: false}\n", false, Scenario.class, "s.yaml");
        assertThat(noisy.sensors().perfect()).as("the gauge still drifts").isFalse();
        Scenario off = ConfigReader.parse("sensors: {noise: false, bias: false, gauge: {drift: false},"
                + " arrayReadsDelivered: false}\n", false, Scenario.class, "s.yaml");
        assertThat(off.sensors().perfect()).isTrue();
        assertThat(Scenario.reference().sensors().noise()).isTrue();
        assertThat(Scenario.reference().sensors().bias()).isTrue();
    }

    @Test
    void actuationIsReadFromItsSectionAndBadValuesNameTheField() {
        Scenario sc = ConfigReader.parse("actuation: {backend: nvidia-smi, capTimeConstantS: 0, disabledDrawsIdle: true}\n", false,
                Scenario.class, "a.yaml");
        assertThat(sc.actuation().commandMs()).isEqualTo(61.0);
        assertThat(sc.actuation().effectMs()).isEqualTo(30.5);
        assertThat(sc.actuation().serial()).isTrue();
        assertThat(sc.actuation().capTimeConstantS()).isZero();
        assertThat(sc.actuation().disabledDrawsIdle()).isTrue();
        Scenario off = ConfigReader.parse("actuation: {commandMs: 0, capTimeConstantS: 0, disabledDrawsIdle: false}\n",
                false, Scenario.class, "a.yaml");
        assertThat(off.actuation().instant()).isTrue();
        assertThat(off.actuation().disabledDrawsIdle()).isFalse();
        assertThat(refused("actuation: {backend: nvapi}\n").key()).isEqualTo("actuation.backend");
        assertThat(refused("actuation: {capTimeConstantS: -1}\n").key()).isEqualTo("actuation.capTimeConstantS");
        assertThat(refused("actuation: {commandMs: 10, effectMs: 20}\n").key()).isEqualTo("actuation.effectMs");
    }

    @Test
    void badFaultsAreRefusedNamingTheEntry() {
        ConfigException e = refused("faults:\n  - {atS: 10, kind: PUMP_FAILURE, target: loop-q}\n");
        assertThat(e.key()).isEqualTo("faults[0].target");
        assertThat(refused("faults:\n  - {atS: 10, kind: BOARD_HANG, target: board-96}\n").key())
                .isEqualTo("faults[0].target");
        assertThat(refused("faults:\n  - {atS: 10, kind: BOARD_HANG, target: board-01}\n  - {kind: LINK_OUTAGE}\n")
                .key()).isEqualTo("faults[1].atS");
        assertThat(refused("faults:\n  - {atS: 10, kind: METEOR}\n").key()).isEqualTo("faults[0].kind");
        assertThat(refused("faults:\n  - {atS: 1, kind: SENSOR_NOISE, target: power.busVoltageV}\n").key())
                .isEqualTo("faults[0].value");
    }

    @Test
    void malformedYamlIsRefusedAsSuch() {
        ConfigException e = refused("battery: [unclosed\n");
        assertThat(e.key()).isEqualTo("bad.yaml");
        assertThat(e.getMessage()).contains("malformed YAML");
    }

    @Test
    void aFlightConfigNamingABadScenarioBuildsNothing(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("bad.yaml"), "battery:\n  capacityWh: -5\n");
        HardwareConfig hw = new HardwareConfig(DeviceConfig.of("sim"), DeviceConfig.of("sim"), DeviceConfig.of("sim"),
                DeviceConfig.of("sim"), Map.of("sim", ConfigReader.jsonMapper().createObjectNode().put("scenario", "bad.yaml")));
        assertThatThrownBy(() -> HardwareAssembly.build(hw, dir, "hardware", List.of(new SimBackendProvider())))
                .isInstanceOfSatisfying(ConfigException.class, ex -> {
                    assertThat(ex.key()).isEqualTo("hardware.backends.sim.scenario");
                    assertThat(ex.getMessage()).contains("battery.capacityWh");
                });
        HardwareConfig missing = new HardwareConfig(DeviceConfig.of("sim"), DeviceConfig.of("sim"), DeviceConfig.of("sim"),
                DeviceConfig.of("sim"), Map.of("sim", ConfigReader.jsonMapper().createObjectNode().put("scenario", "nope.yaml")));
        assertThatThrownBy(() -> HardwareAssembly.build(missing, dir, "hardware", List.of(new SimBackendProvider())))
                .isInstanceOfSatisfying(ConfigException.class, ex -> assertThat(ex.getMessage()).contains("no such file"));
    }

    @Test
    void aFlightConfigNamingAScenarioRunsItWithItsOverrides(@TempDir Path dir) throws IOException {
        Files.copy(Path.of("scenarios/degraded-array.yaml"), dir.resolve("s.yaml"));
        HardwareConfig hw = new HardwareConfig(DeviceConfig.of("sim"), DeviceConfig.of("sim"), DeviceConfig.of("sim"),
                DeviceConfig.of("sim"), Map.of("sim", ConfigReader.jsonMapper().createObjectNode().put("scenario", "s.yaml")
                .put("boards", 4).put("seed", 9)));
        var assembly = HardwareAssembly.build(hw, dir, "hardware", List.of(new SimBackendProvider()));
        assertThat(assembly.boards()).hasSize(4);
        assertThat(assembly.power().read().stringsTotal()).isEqualTo(40);
        assertThat(assembly.timeSource().now()).isEqualTo(java.time.Instant.parse("2027-06-21T00:00:00Z"));
    }
}
