package io.sunsync.ground.constellation;

import io.sunsync.ground.mission.MissionException;
import io.sunsync.ground.mission.MissionOptions;
import io.sunsync.ground.mission.MissionSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sunsync constellation}: N flight processes against one embedded broker with the ground's
 * fleet view; report with message rates and each flight process's memory, threads and CPU. Exit
 * code 0 when every flight ran to the end and exited cleanly and every command completed, 1 otherwise, 2 when it could not run.
 */
@Command(name = "sunsync constellation", mixinStandardHelpOptions = true,
        description = {"Several satellites (each its own flight process on the sim backend) against one embedded MQTT 5 "
                + "broker, with the ground's fleet view; writes report.md, report.html and summary.json (messages/s, "
                + "per-satellite RSS, heap, threads, CPU) into --out.",
            "Exit code: 0 every flight exited cleanly and every command completed, 1 not, 2 it could not run."})
public final class ConstellationCommand implements Callable<Integer> {

    @Option(names = "--satellites", defaultValue = "4", description = "Flight instances (default ${DEFAULT-VALUE}).")
    int satellites;

    @Mixin
    MissionOptions mission = new MissionOptions(120, 1, "out/constellation");

    @Option(names = "--hours", defaultValue = "2", description = "Mission time to fly, in h (default ${DEFAULT-VALUE}).")
    double hours;

    @Option(names = "--seed", description = "Seed of the first satellite; the others take the next ones.")
    Long seed;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ConstellationCommand()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        ConstellationRun.Settings settings;
        try {
            settings = new ConstellationRun.Settings(satellites, new MissionSettings(mission.scenario(), hours / 24, seed,
                    mission.boards(), mission.out(), mission.speed(), mission.hkPeriodS(), 10, mission.flightCommand(), false,
                    "sat-001"));
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("sunsync constellation: " + e.getMessage());
            return 2;
        }
        try {
            var summary = new ConstellationRun(settings, System.out).run();
            return summary.path("allExitedCleanly").asBoolean() && summary.path("allCommandsCompleted").asBoolean()
                    && summary.path("telemetryRefused").asLong() == 0 ? 0 : 1;
        } catch (MissionException e) {
            spec.commandLine().getErr().println("sunsync constellation: " + e.error() + ": " + e.getMessage());
            return 2;
        }
    }
}
