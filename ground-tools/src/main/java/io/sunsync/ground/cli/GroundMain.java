package io.sunsync.ground.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code sunsync ground}: the operator's command line. Every subcommand takes {@code --help}
 * and lists the {@link ExitCode}s.
 */
@Command(name = "sunsync ground", mixinStandardHelpOptions = true, version = "sunsync-ground 0.1.0",
        description = "Operator tools for sunsync satellites over MQTT 5: one satellite or a whole constellation.",
        subcommands = {StatusCommand.class, TmCommand.class, EventsCommand.class, TcCommand.class, JobCommand.class,
                ArchiveCommand.class, PlotCommand.class,
                FleetCommand.class, ConsoleCommand.class, CompletionCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Connection profile: ~/.config/sunsync/ground.yaml, --profile FILE or $SUNSYNC_GROUND_PROFILE "
                + "(see docs/operations.md); flags override it.",
                "", "Examples:", "  sunsync ground status", "  sunsync ground help status"})
public final class GroundMain {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with every subcommand, exit code lists and help set up. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new GroundMain());
        Map<String, String> codes = new LinkedHashMap<>();
        for (ExitCode c : ExitCode.values()) {
            codes.put(Integer.toString(c.code()), c.meaning());
        }
        apply(cl, codes);
        return cl;
    }

    private static void apply(CommandLine cl, Map<String, String> codes) {
        cl.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        for (CommandLine sub : cl.getSubcommands().values()) {
            apply(sub, codes);
        }
    }
}
