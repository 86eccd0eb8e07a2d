package io.sunsync.ground.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code sunsync ground}: the operator's command line. Exit codes: 0 success, 1 failure,
 * 2 usage error, 3 nothing heard from the satellite in time.
 */
@Command(name = "sunsync ground", mixinStandardHelpOptions = true, version = "sunsync-ground 0.1.0",
        description = "Operator tools for sunsync satellites over MQTT 5.",
        subcommands = {StatusCommand.class, CommandLine.HelpCommand.class})
public final class GroundMain {
    /** Nothing heard from the satellite within the timeout. */
    public static final int EXIT_NO_DATA = 3;

    public static void main(String[] args) {
        System.exit(new CommandLine(new GroundMain()).execute(args));
    }
}
