package io.sunsync.ground.mission;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.ground.constellation.ConstellationCommand;
import io.sunsync.ground.demo.DemoCommand;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** demo and constellation take the same mission options, each with its own defaults, shown in its help. */
class MissionOptionsTest {
    private static Object value(CommandLine c, String option) {
        return c.getCommandSpec().findOption(option).getValue();
    }

    @Test
    void eachCommandKeepsItsOwnDefaults() {
        assertDefaults(new CommandLine(new DemoCommand()), 1800.0, 60.0, "out/demo");
        assertDefaults(new CommandLine(new ConstellationCommand()), 120.0, 1.0, "out/constellation");
    }

    private static void assertDefaults(CommandLine c, double speed, double hkPeriodS, String out) {
        c.parseArgs();
        assertThat(value(c, "--speed")).isEqualTo(speed);
        assertThat(value(c, "--hk-period-s")).isEqualTo(hkPeriodS);
        assertThat(value(c, "--out")).isEqualTo(Path.of(out));
        assertThat(c.getUsageMessage()).contains("(default " + speed + ")", "(default " + hkPeriodS + ")", "(default " + out + ")");
    }

    @Test
    void bothTakeTheSameOptions() {
        String[] args = {"--scenario", "s.yaml", "--boards", "8", "--speed", "0", "--hk-period-s", "5", "--out", "o",
            "--flight-command", "/opt/sunsync/sunsync  flight"};
        for (Object command : new Object[] {new DemoCommand(), new ConstellationCommand()}) {
            CommandLine c = new CommandLine(command);
            c.parseArgs(args);
            assertThat(value(c, "--scenario")).isEqualTo(Path.of("s.yaml"));
            assertThat(value(c, "--boards")).isEqualTo(8);
            assertThat(value(c, "--speed")).isEqualTo(0.0);
            assertThat(value(c, "--hk-period-s")).isEqualTo(5.0);
            assertThat(value(c, "--out")).isEqualTo(Path.of("o"));
        }
    }

    @Test
    void aCommandLineIsSplitIntoWords() {
        assertThat(MissionOptions.words("  /opt/sunsync/sunsync   flight ")).containsExactly("/opt/sunsync/sunsync", "flight");
        assertThat(MissionOptions.words(null)).isEmpty();
        assertThat(MissionOptions.words(" ")).isEmpty();
        assertThat(MissionOptions.defaultScenario().toString()).endsWith("sim-harness/scenarios/eclipse-season-depth.yaml");
    }
}
