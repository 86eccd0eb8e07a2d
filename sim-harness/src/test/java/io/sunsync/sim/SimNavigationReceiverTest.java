package io.sunsync.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.hal.FaultCode;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.config.ConfigException;
import io.sunsync.hal.config.ConfigReader;
import io.sunsync.hal.config.HardwareAssembly;
import io.sunsync.hal.config.HardwareConfig;
import io.sunsync.hal.nav.NavigationFix;
import io.sunsync.sim.orbit.StateVector;
import io.sunsync.sim.scenario.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimNavigationReceiverTest {

    private static List<NavigationFix> reads(SimNavigationOptions options, int n) {
        SimSatellite sat = new SimSatellite(Scenario.reference().with(null, null, 4, null));
        SimNavigationReceiver rx = new SimNavigationReceiver(sat, options);
        List<NavigationFix> fixes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sat.advanceBy(Duration.ofMillis(30_500)); // not on whole seconds: the solution lags the sample
            NavigationFix f = rx.read();
            fixes.add(f);
            if (f.usable() && options.garbageProbability() == 0) { // garbage that happens to pass the checks is not the truth
                StateVector truth = sat.truthOrbit().earthFixed(f.fixTime());
                // Within 6 sigma per axis of the truth at the solution's time (5 m, 0.05 m/s by default).
                assertThat(Math.abs(f.xM() - truth.xM())).isLessThan(30);
                assertThat(Math.abs(f.zM() - truth.zM())).isLessThan(30);
                assertThat(Math.abs(f.vyMps() - truth.vyMps())).isLessThan(0.3);
                assertThat(f.fixTime()).isBeforeOrEqualTo(f.at()).isAfter(f.at().minusSeconds(1));
            }
        }
        return fixes;
    }

    @Test
    void fixesFollowTheTruthOrbitWithAReceiversNoiseAndDropouts() {
        List<NavigationFix> fixes = reads(SimNavigationOptions.defaults(), 400);
        long none = fixes.stream().filter(f -> !f.usable()).count();
        assertThat(none).isBetween(1L, 25L); // 2 % of 400
        assertThat(fixes.stream().filter(f -> !f.usable()).flatMap(f -> f.faults().stream()).map(HalFault::code))
                .containsOnly(FaultCode.NAV_NO_FIX);
    }

    @Test
    void aGarbageReceiverGivesFaultsNotOrbits() {
        List<NavigationFix> fixes = reads(new SimNavigationOptions(null, null, 0.0, 1.0, null), 200);
        long usable = fixes.stream().filter(NavigationFix::usable).count();
        assertThat(usable).isLessThan(10); // random numbers only now and then make an orbit
        assertThat(fixes.stream().filter(f -> !f.usable()).flatMap(f -> f.faults().stream()).map(HalFault::code))
                .containsAnyOf(FaultCode.SENSOR_OUT_OF_RANGE, FaultCode.NAV_INCONSISTENT);
    }

    @Test
    void theSameSeedGivesTheSameFixes() {
        List<NavigationFix> a = reads(SimNavigationOptions.defaults(), 50);
        List<NavigationFix> b = reads(SimNavigationOptions.defaults(), 50);
        assertThat(a).isEqualTo(b);
    }

    @Test
    void theReceiverIsOptionalAndConfiguredLikeAnyDevice(@TempDir Path dir) {
        String yaml = """
                clock: {backend: sim}
                power: {backend: sim}
                thermal: {backend: sim}
                accelerators: {backend: sim}
                navigation: {backend: sim, options: {positionSigmaM: 3}}
                backends:
                  sim: {boards: 2}
                """;
        HardwareAssembly hw = HardwareAssembly.build(ConfigReader.parse(yaml, false, HardwareConfig.class, "sat.yaml"), dir,
                "hardware");
        assertThat(hw.navigation()).isInstanceOf(SimNavigationReceiver.class);
        assertThat(hw.navigation().spec().positionSigmaM()).isEqualTo(3);
        assertThat(hw.chosen()).containsEntry("navigation", "sim");
        HardwareAssembly without = HardwareAssembly.build(ConfigReader.parse(yaml.replace(
                "navigation: {backend: sim, options: {positionSigmaM: 3}}\n", ""), false, HardwareConfig.class, "sat.yaml"),
                dir, "hardware");
        assertThat(without.navigation()).isNull();
        String bad = yaml.replace("positionSigmaM: 3", "positionSigmaM: -1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HardwareAssembly.build(ConfigReader.parse(bad, false,
                HardwareConfig.class, "sat.yaml"), dir, "hardware")).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.key()).isEqualTo("hardware.navigation.options.positionSigmaM"));
    }
}
