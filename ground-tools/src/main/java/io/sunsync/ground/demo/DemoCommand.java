package io.sunsync.ground.demo;

import io.sunsync.ground.mission.MissionException;
import io.sunsync.ground.mission.MissionOptions;
import io.sunsync.ground.mission.MissionReport;
import io.sunsync.ground.mission.MissionRun;
import io.sunsync.ground.mission.MissionSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sunsync demo}: the mission rehearsal (docs/mission-run.md). An embedded MQTT 5 broker,
 * the flight software started by its own launcher as a child process on the sim backend, a
 * scripted ground session, and the mission report in the output folder. Exit code 0 when every
 * check of the verdict passed, 1 when one failed, 2 when the rehearsal could not be run.
 */
@Command(name = "sunsync demo", mixinStandardHelpOptions = true,
        description = {"The mission rehearsal: a simulated satellite through the depth of the eclipse season, the flight "
                + "software as it flies, and a scripted ground session over an embedded MQTT 5 broker; writes the "
                + "mission report (report.md, report.html, PNG plots, summary.json) into --out; at the default --speed "
                + "three days of mission time take under three minutes.",
            "Exit code: 0 every check passed, 1 a check failed (see the verdict), 2 it could not run."})
public final class DemoCommand implements Callable<Integer> {

    @Mixin
    MissionOptions mission = new MissionOptions(1800, 60, "out/demo");

    @Option(names = "--days", description = "Mission length in days of mission time (default: the scenario's, 3).")
    Double days;

    @Option(names = "--seed", description = "Random seed (default: the scenario's).")
    Long seed;

    @Option(names = "--realtime", description = "Run at wall-clock speed (for HIL and for watching); same as --speed 1.")
    boolean realtime;

    @Option(names = "--control-period-s", defaultValue = "10",
            description = "Flight's control period (throttler tick), in s of mission time (default ${DEFAULT-VALUE}).")
    double controlPeriodS;

    @Option(names = "--sat", defaultValue = "sat-001", description = "Satellite id (default ${DEFAULT-VALUE}).")
    String sat;

    @Option(names = "--no-progress", description = "No progress bar: print a status line at each tenth of the mission.")
    boolean noProgress;

    @Option(names = "--grading-command", defaultValue = "${env:SUNSYNC_GRADING_COMMAND}",
            description = "How to grade the throttler against the peers on the same scenario "
                    + "(default: $SUNSYNC_GRADING_COMMAND, set by ./sunsync to 'sunsync bench throttler').")
    String gradingCommand;

    @Option(names = "--console",
            description = "Also open the web console on the mission (prints its address and a one-time operator login); "
                    + "it stays open after the report while you are at a terminal, until Ctrl-C.")
    boolean console;

    @Option(names = "--console-port", defaultValue = "8080",
            description = "The console's port with --console (default ${DEFAULT-VALUE}; 0: any free one).")
    int consolePort;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DemoCommand()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        MissionSettings settings;
        try {
            settings = new MissionSettings(mission.scenario(), days, seed, mission.boards(), mission.out(),
                    realtime ? 1 : mission.speed(), mission.hkPeriodS(), controlPeriodS, mission.flightCommand(), !noProgress, sat)
                    .withGrading(MissionOptions.words(gradingCommand));
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("sunsync demo: " + e.getMessage());
            return 2;
        }
        DemoConsole[] web = new DemoConsole[1];
        try {
            MissionRun run = new MissionRun(settings, System.out, (url, folder) -> {
                if (console) {
                    web[0] = DemoConsole.start(url, folder, sat, consolePort, System.out);
                }
            });
            MissionReport report = run.run();
            report.print(System.out);
            if (web[0] != null && System.console() != null) {
                System.out.println("\nconsole still open for review at " + web[0].url() + " (the mission is over: its broker "
                        + "is gone); Ctrl-C to close it");
                System.out.flush();
                new java.util.concurrent.CountDownLatch(1).await();
            }
            return report.verdict().ok() ? 0 : 1;
        } catch (MissionException e) {
            spec.commandLine().getErr().println("sunsync demo: " + e.error() + ": " + e.getMessage());
            return 2;
        } finally {
            if (web[0] != null) {
                web[0].close();
            }
        }
    }
}
