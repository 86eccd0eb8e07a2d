package io.sunsync.ground.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.ground.testing.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class HelpAndCompletionTest {
    @TempDir
    Path dir;

    @Test
    void everyCommandHasHelpWithExamplesAndTheExitCodes() {
        List<CommandLine> all = new ArrayList<>();
        collect(GroundMain.commandLine(), all);
        assertThat(all).extracting(CommandLine::getCommandName)
                .contains("status", "watch", "points", "events", "record", "export", "plot", "fleet", "ingest", "completion");
        for (CommandLine c : all) {
            if (c.getCommandName().equals("help")) {
                continue;
            }
            String usage = c.getUsageMessage(CommandLine.Help.Ansi.OFF);
            assertThat(usage).as(c.getCommandSpec().qualifiedName()).contains("Exit codes:").containsPattern("\\n  6 +a telemetry point");
            if (c.getSubcommands().isEmpty() || c.getCommandSpec().userObject() instanceof java.util.concurrent.Callable) {
                assertThat(usage).as(c.getCommandSpec().qualifiedName()).contains("Examples:");
            }
        }
    }

    private static void collect(CommandLine c, List<CommandLine> out) {
        out.add(c);
        for (CommandLine sub : c.getSubcommands().values()) {
            if (!out.contains(sub)) {
                collect(sub, out);
            }
        }
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Cli.Run r = Cli.run("status", "--frobnicate");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(r.err()).contains("Unknown option: '--frobnicate'");
    }

    @Test
    void theCompletionScriptCompletesCommandsAndEnumValuesInBash() throws Exception {
        Cli.Run r = Cli.run("completion");
        assertThat(r.exit()).isZero();
        Path script = dir.resolve("sunsync-ground.bash");
        Files.writeString(script, r.out());
        assertThat(complete(script, "sunsync-ground ar")).isEqualTo("archive");
        assertThat(complete(script, "sunsync-ground events --min-severity ")).isEqualTo("INFO LOW MEDIUM HIGH");
        assertThat(complete(script, "sunsync-ground fleet in")).isEqualTo("ingest");
    }

    /** What bash's completion offers for {@code line} (words split on spaces; a trailing space starts a new word). */
    private static String complete(Path script, String line) throws Exception {
        String words = "(" + String.join(" ", line.split(" ")) + (line.endsWith(" ") ? " ''" : "") + ")";
        int cword = line.split(" ").length - (line.endsWith(" ") ? 0 : 1);
        String cmd = "source " + script + " >/dev/null 2>&1; COMP_WORDS=" + words + "; COMP_CWORD=" + cword
                + "; COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}; _complete_sunsync-ground 2>/dev/null; "
                + "echo \"${COMPREPLY[@]}\"";
        Process p = new ProcessBuilder("bash", "-c", cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
