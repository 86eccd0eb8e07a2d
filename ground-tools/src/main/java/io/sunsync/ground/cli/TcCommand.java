package io.sunsync.ground.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.ground.command.Arguments;
import io.sunsync.ground.command.CommandDefinition;
import io.sunsync.ground.command.CommandDictionary;
import io.sunsync.ground.command.CommandSession;
import io.sunsync.ground.command.RefusedException;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.profile.LoadedProfile;
import io.sunsync.ground.tc.CommandSigner;
import io.sunsync.ground.tmauth.TelemetryKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sunsync ground tc}: telecommands built from the satellite's dictionary, signed and verified. */
@Command(name = "tc", mixinStandardHelpOptions = true, description = "Telecommands: send, list, describe.",
        subcommands = {TcCommand.Send.class, TcCommand.ListCommands.class, TcCommand.Describe.class,
            CommandLine.HelpCommand.class})
public final class TcCommand {

    /** Sends one command and exits by how it ended. */
    static ExitCode run(CommandSession session, CommandingOptions c, LoadedProfile profile, java.util.Map<String, String> environ,
                        String sat, String name, ObjectNode args, GroundCommand cmd) throws Exception {
        CommandSigner signer;
        try {
            session.check(name, args);
            signer = c.signer(profile, sat, session.context());
        } catch (RefusedException e) {
            return refused(cmd, e);
        }
        CommandSession.Result r;
        try {
            r = session.execute(signer, c.sequences(environ), name, args, c.valid(), c.timeout(), c.confirmation(cmd.err()),
                    line -> {
                        cmd.out().println(sat + " " + line);
                        cmd.out().flush();
                    });
        } catch (RefusedException e) {
            return refused(cmd, e);
        }
        return outcome(cmd, r, c.timeoutS());
    }

    static ExitCode refused(GroundCommand cmd, RefusedException e) {
        cmd.fail(ExitCode.REFUSED_LOCALLY, "refused (" + e.code() + "): " + e.getMessage());
        return ExitCode.REFUSED_LOCALLY;
    }

    static ExitCode outcome(GroundCommand cmd, CommandSession.Result r, double timeoutS) {
        if (r.declined()) {
            cmd.fail(ExitCode.DECLINED, "not confirmed: nothing sent");
            return ExitCode.DECLINED;
        }
        if (r.last() == null) {
            cmd.fail(ExitCode.NO_REPORT, "no final verification report within " + timeoutS
                    + " s (the command may still run; watch tc/ack or events)");
            return ExitCode.NO_REPORT;
        }
        return switch (r.last().stage()) {
            case "COMPLETED" -> ExitCode.OK;
            case "REJECTED" -> ExitCode.REJECTED;
            default -> ExitCode.FAILED;
        };
    }

    /** {@code tc send}. */
    @Command(name = "send", mixinStandardHelpOptions = true,
            description = {"Sends a telecommand built from the satellite's dictionary: NAME and key=value arguments "
                    + "(key:=JSON for a JSON value), typed and checked against the command's schema (names, types, "
                    + "ranges, modes) before anything is sent; a mistake is refused locally (exit 10).",
                    "The command is signed (HMAC-SHA256, the satellite's key), numbered above the last sequence number "
                            + "used, valid for --valid-s, and its verification reports are followed to the end: exit 0 "
                            + "COMPLETED, 11 REJECTED, 12 FAILED, 13 no final report.",
                    "Critical commands go arm-then-execute after confirmation (--yes for scripts; declining is exit 14)."},
            footer = {"", "Examples:",
                    "  sunsync ground tc send --sat sat-001 ping echo=hello",
                    "  sunsync ground tc send --sat sat-001 board.cap board=board-03 capW=800",
                    "  sunsync ground tc send --sat sat-001 mode.set mode=POWER_SAVE reason=\"low SoC\"",
                    "  sunsync ground tc send --sat sat-001 param.set name=telemetry.hk.periodS value:=2 --dry-run",
                    "  sunsync ground tc describe --sat sat-001 board.cap"})
    public static final class Send extends ConnectedCommand {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Mixin
        CommandingOptions commanding;

        @Parameters(index = "0", paramLabel = "NAME", description = "Command name (tc list shows them).")
        String name;

        @Parameters(index = "1..*", paramLabel = "KEY=VALUE", description = "Arguments.")
        List<String> words = new ArrayList<>();

        @Option(names = "--dry-run", description = "Check and sign, print the envelope, send nothing.")
        boolean dryRun;

        @Option(names = "--dict-timeout-s", defaultValue = "5",
                description = "How long to wait for the satellite's dictionary and housekeeping, in s (default ${DEFAULT-VALUE}).")
        double dictTimeoutS;

        @Override
        protected ExitCode run(LoadedProfile profile) throws Exception {
            String sat = commanding.sat(profile);
            try (GroundConnection conn = connect(profile, "tc")) {
                CommandSession session = CommandSession.open(conn, sat, Duration.ofMillis((long) (dictTimeoutS * 1000)), clock,
                        TelemetryKeys.fromProfile(profile));
                ObjectNode args;
                try {
                    if (session.context().dictionary() == null) {
                        session.check(name, JSON.createObjectNode());
                    }
                    CommandDefinition def = session.context().dictionary().command(name)
                            .orElseThrow(() -> new RefusedException(io.sunsync.ground.command.Refusal.UNKNOWN_COMMAND,
                                    "'" + name + "' is not in " + sat + "'s dictionary; 'tc list --sat " + sat + "' lists its commands"));
                    args = Arguments.parse(def, words);
                    if (dryRun) {
                        session.check(name, args);
                        CommandSigner signer = commanding.signer(profile, sat, session.context());
                        long seq = commanding.sequences(environ).peek(sat, session.context().lastSeq() + 1);
                        byte[] env = signer.sign(session.signed(seq, name, args, null, commanding.valid()));
                        out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(env)));
                        out().println("(dry run: not sent" + (def.alwaysCritical() ? "; critical: would be armed first" : "") + ")");
                        out().flush();
                        return ExitCode.OK;
                    }
                } catch (RefusedException e) {
                    return refused(this, e);
                }
                return TcCommand.run(session, commanding, profile, environ, sat, name, args, this);
            }
        }
    }

    /**
     * What {@code tc list} and {@code tc describe} share: the satellite's dictionary, as a command
     * session receives it within 5 s; none is {@link ExitCode#NO_DATA}.
     */
    abstract static class DictionaryCommand extends ConnectedCommand {
        private final String verb;

        @Mixin
        CommandingOptions commanding;

        DictionaryCommand(String verb) {
            this.verb = verb;
        }

        @Override
        protected ExitCode run(LoadedProfile profile) throws Exception {
            String sat = commanding.sat(profile);
            try (GroundConnection conn = connect(profile, "tc")) {
                CommandSession session = CommandSession.open(conn, sat, Duration.ofSeconds(5), clock, TelemetryKeys.fromProfile(profile));
                if (session.context().dictionary() == null) {
                    err().println("tc " + verb + ": no dictionary from " + sat);
                    return ExitCode.NO_DATA;
                }
                return show(sat, session.context().dictionary());
            }
        }

        /** Shows what the command is for from {@code sat}'s dictionary; its exit code. */
        abstract ExitCode show(String sat, CommandDictionary dictionary);
    }

    /** {@code tc list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the commands in the satellite's dictionary.",
            footer = {"", "Examples:", "  sunsync ground tc list --sat sat-001"})
    public static final class ListCommands extends DictionaryCommand {
        public ListCommands() {
            super("list");
        }

        @Override
        ExitCode show(String sat, CommandDictionary dictionary) {
            out().printf("%s (%s)%n", sat, dictionary.software());
            for (CommandDefinition d : dictionary.commands()) {
                out().printf("  %-18s %-8s %s%n", d.name(), d.alwaysCritical() ? "critical" : d.criticalDepends() ? "depends" : "",
                        d.description());
            }
            out().flush();
            return ExitCode.OK;
        }
    }

    /** {@code tc describe}. */
    @Command(name = "describe", mixinStandardHelpOptions = true,
            description = "Shows one command of the satellite's dictionary: what it does, criticality, modes, arguments.",
            footer = {"", "Examples:", "  sunsync ground tc describe --sat sat-001 board.cap"})
    public static final class Describe extends DictionaryCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "Command name.")
        String name;

        public Describe() {
            super("describe");
        }

        @Override
        ExitCode show(String sat, CommandDictionary dictionary) {
            var def = dictionary.command(name);
            if (def.isEmpty()) {
                fail(ExitCode.REFUSED_LOCALLY, "'" + name + "' is not in " + sat + "'s dictionary");
                return ExitCode.REFUSED_LOCALLY;
            }
            out().print(def.get().describe());
            out().flush();
            return ExitCode.OK;
        }
    }
}
