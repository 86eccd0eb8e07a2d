package io.sunsync.hal.accel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * nvpmodel's output as jetson-stats parses it ({@code jtop/core/nvpmodel.py}: {@code POWER_MODEL:
 * ID=(.+?) NAME=(.*)} and {@code NV Power Mode: (.*)} followed by the id line), with mode names as
 * the Jetsons' conf files have them (Orin NX: MAXN, 10W, 15W, 25W; Orin Nano: 15W, 7W; Xavier NX:
 * MODE_15W_6CORE, MODE_10W_DESKTOP...).
 */
class NvpmodelOutputTest {

    @Test
    void modesAreReadFromTheVerboseListing() {
        String text = """
                NVPM VERB: Config file: /etc/nvpmodel.conf
                NVPM VERB: parsing done for /etc/nvpmodel.conf
                NVPM VERB: POWER_MODEL: ID=0 NAME=MODE_15W_2CORE
                NVPM VERB: /sys/devices/system/cpu/cpu1/online 1
                NVPM VERB: POWER_MODEL: ID=3 NAME=MODE_10W_2CORE
                NVPM VERB: POWER_MODEL: ID=5 NAME=MODE_10W_DESKTOP
                NVPM VERB: POWER_MODEL: ID=8 NAME=MODE_20W_6CORE
                NVPM VERB: POWER_MODEL: ID=9 NAME=MAXN
                """;
        List<NvpmodelOutput.Mode> modes = NvpmodelOutput.modes(text);
        assertThat(modes).extracting(NvpmodelOutput.Mode::id).containsExactly(0, 3, 5, 8, 9);
        assertThat(modes).extracting(NvpmodelOutput.Mode::budgetW).containsExactly(15.0, 10.0, 10.0, 20.0, Double.NaN);
    }

    @Test
    void budgetsComeFromTheWattsInAName() {
        assertThat(NvpmodelOutput.budgetW("15W")).isEqualTo(15.0);
        assertThat(NvpmodelOutput.budgetW("7W")).isEqualTo(7.0);
        assertThat(NvpmodelOutput.budgetW("MODE_30W_ALL")).isEqualTo(30.0);
        assertThat(NvpmodelOutput.budgetW("MAXN")).isNaN();
        assertThat(NvpmodelOutput.budgetW("MAXN_SUPER")).isNaN();
        assertThat(NvpmodelOutput.budgetW("W")).isNaN();
    }

    @Test
    void theModeInForceIsTheNameAndTheIdOnTheNextLine() {
        assertThat(NvpmodelOutput.current("NV Power Mode: 15W\n2\n")).contains(new NvpmodelOutput.Current(2, "15W"));
        assertThat(NvpmodelOutput.current("NVPM WARN: patching tpc_pg_mask\nNVPM VERB: Current mode: NV Power Mode: MAXN\n0\n"))
                .contains(new NvpmodelOutput.Current(0, "MAXN"));
        assertThat(NvpmodelOutput.current("NV Power Mode: 15W\n")).isEmpty();
        assertThat(NvpmodelOutput.current("NV Power Mode: 15W\ntwo\n")).isEmpty();
        assertThat(NvpmodelOutput.current("nvpmodel: command not found")).isEmpty();
    }

    @Test
    void errorsAndRebootPromptsAreRecognised() {
        assertThat(NvpmodelOutput.error("NVPM ERROR: Invalid mode id: 12")).isTrue();
        assertThat(NvpmodelOutput.needsReboot("NVPM WARN: Reboot required for changing to this power mode: 3")).isTrue();
        assertThat(NvpmodelOutput.needsReboot("")).isFalse();
    }

    @Property(tries = 1000)
    void anyOutputParsesWithoutThrowingAndEveryModeIdAppearsOnce(@ForAll String text) {
        List<NvpmodelOutput.Mode> modes = NvpmodelOutput.modes(text);
        Set<Integer> ids = new HashSet<>();
        for (NvpmodelOutput.Mode m : modes) {
            assertThat(ids.add(m.id())).isTrue();
            assertThat(m.budgetW()).satisfiesAnyOf(b -> assertThat(b).isNaN(), b -> assertThat(b).isBetween(0.0, 9999.99));
        }
        Optional<NvpmodelOutput.Current> c = NvpmodelOutput.current(text);
        c.ifPresent(x -> assertThat(x.id()).isBetween(0, 9999));
        if (!text.contains("NV Power Mode:")) {
            assertThat(c).isEmpty();
        }
    }
}
