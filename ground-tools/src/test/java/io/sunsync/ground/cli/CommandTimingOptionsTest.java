package io.sunsync.ground.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.ground.testing.Cli;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The commanding commands and the console take the station's command timing from one definition. */
class CommandTimingOptionsTest {
    @Test
    void theCommandingCommandsAndTheConsoleShareStateFolderValidityAndTimeout() {
        CommandLine ground = GroundMain.commandLine();
        List<CommandLine> commands = List.of(ground.getSubcommands().get("tc").getSubcommands().get("send"),
                ground.getSubcommands().get("job").getSubcommands().get("submit"), ground.getSubcommands().get("console"));
        for (CommandLine c : commands) {
            for (String name : List.of("--state-dir", "--valid-s", "--timeout-s")) {
                OptionSpec o = c.getCommandSpec().findOption(name);
                assertThat(o).as(c.getCommandSpec().qualifiedName() + " " + name).isNotNull();
                assertThat(o.description()).isEqualTo(commands.get(0).getCommandSpec().findOption(name).description());
                assertThat(o.defaultValue()).isEqualTo(commands.get(0).getCommandSpec().findOption(name).defaultValue());
            }
        }
    }

    @Test
    void aValidityUnderOneSecondIsAUsageError() {
        Cli.Run r = Cli.run("console", "--valid-s", "0", "--users", "/nonexistent/users");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--valid-s must be >= 1");
    }
}
