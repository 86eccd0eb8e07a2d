package io.sunsync.ground.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.status.ConstellationState;
import io.sunsync.ground.status.StatusTable;
import io.sunsync.ground.telemetry.Highlighter;
import io.sunsync.ground.telemetry.PointCatalog;
import io.sunsync.testkit.EmbeddedBroker;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sunsync demo}: a mission rehearsal on one machine. Starts an embedded MQTT 5 broker
 * (HiveMQ CE) on a free loopback port, launches the flight software on the sim backend as a
 * child process (as it would run on the board), runs a ground session that follows its
 * telemetry, and ends with a summary. Exit code 0 when flight ran cleanly and its telemetry
 * reached the ground.
 */
@Command(name = "sunsync demo", mixinStandardHelpOptions = true,
        description = "Runs a simulated satellite, the flight software and a ground session on an embedded broker.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--duration-s", defaultValue = "6000",
            description = "Mission time to simulate, in s (default ${DEFAULT-VALUE}: about one orbit).")
    double durationS;

    @Option(names = "--speed", defaultValue = "600",
            description = "Virtual seconds per wall second (default ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--seed", defaultValue = "1", description = "Simulation seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--boards", defaultValue = "96", description = "Accelerator boards (default ${DEFAULT-VALUE}).")
    int boards;

    @Option(names = "--out", defaultValue = "out/demo", description = "Output folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--print-every-s", defaultValue = "300",
            description = "Print a telemetry line every this much mission time, in s (default ${DEFAULT-VALUE}).")
    double printEveryS;

    @Option(names = "--flight-command", defaultValue = "${env:SUNSYNC_FLIGHT_COMMAND}",
            description = "How to start the flight software (default: $SUNSYNC_FLIGHT_COMMAND, set by ./sunsync).")
    String flightCommand;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DemoCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter say = spec.commandLine().getOut();
        if (flightCommand == null || flightCommand.isBlank()) {
            spec.commandLine().getErr().println("sunsync demo: no flight command; run it as ./sunsync demo "
                    + "(or pass --flight-command '/path/to/sunsync flight')");
            return 2;
        }
        Files.createDirectories(out);
        say.printf("sunsync demo: starting an embedded MQTT 5 broker (HiveMQ CE)...%n");
        say.flush();
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            say.printf("  broker      %s%n", broker.url());
            Path config = writeFlightConfig(broker.url());
            say.printf("  flight      %s --config %s%n", flightCommand, config);
            say.printf("  mission     %.0f s of mission time at %.0fx (about %.0f s of wall time)%n%n",
                    durationS, speed, durationS / speed);
            say.flush();
            try (GroundConnection ground = GroundConnection.open(broker.url())) {
                ground.subscribe("sunsync/+/birth");
                ground.subscribe("sunsync/+/tm/hk");
                Process flight = startFlight(config);
                Session session = follow(ground, flight, say);
                int flightExit = flight.exitValue();
                say.printf("%nWhat the ground saw (latest housekeeping of sat-001):%n");
                Instant now = Clock.systemUTC().instant();
                say.print(StatusTable.render(session.state.status("sat-001", now, PointCatalog.builtIn(), 5),
                        PointCatalog.builtIn(), new Highlighter(false), now));
                long expected = (long) Math.floor(durationS) ;
                say.printf("%nSummary%n");
                say.printf("  flight exit code        %d (log: %s)%n", flightExit, out.resolve("flight.log"));
                say.printf("  sim truth log           %s%n", out.resolve("truth.jsonl"));
                say.printf("  presence                %s%n", String.join(" -> ", session.presenceStates));
                say.printf("  housekeeping frames     %d received of %d produced (1 Hz)%n", session.frames, expected);
                say.printf("  min battery SoC         %.1f %%%n", session.minSocPct);
                say.printf("  eclipse time seen       %.0f s%n", session.eclipseS);
                say.flush();
                boolean ok = flightExit == 0 && session.frames > 0;
                return ok ? 0 : 1;
            }
        }
    }

    private Path writeFlightConfig(String brokerUrl) throws java.io.IOException {
        Path config = out.toAbsolutePath().resolve("flight.yaml");
        Files.writeString(config, """
                # Written by sunsync demo.
                satellite:
                  id: sat-001
                link:
                  broker: %s
                telemetry:
                  housekeepingPeriodS: 1.0
                hardware:
                  clock:        {backend: sim}
                  power:        {backend: sim}
                  thermal:      {backend: sim}
                  accelerators: {backend: sim}
                  backends:
                    sim:
                      speed: %s
                      seed: %d
                      boards: %d
                      truthLog: truth.jsonl   # what physically happened (docs/sim-harness.md)
                """.formatted(brokerUrl, speed, seed, boards));
        return config;
    }

    private Process startFlight(Path config) throws java.io.IOException {
        List<String> cmd = new ArrayList<>(List.of(flightCommand.trim().split("\\s+")));
        cmd.addAll(List.of("--config", config.toString(), "--duration-s", String.valueOf(durationS)));
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(out.resolve("flight.log").toFile())
                .start();
    }

    private static final class Session {
        final ConstellationState state = new ConstellationState();
        JsonNode lastHk;
        final List<String> presenceStates = new ArrayList<>();
        long frames;
        double minSocPct = Double.NaN;
        double eclipseS;
    }

    private Session follow(GroundConnection ground, Process flight, PrintWriter say) throws InterruptedException {
        Session s = new Session();
        Instant nextPrint = null;
        say.printf("  %-20s %-7s %9s %9s %9s %7s %9s %7s%n", "mission time", "sunlit", "array kW", "load kW",
                "batt kW", "SoC %", "boards kW", "max °C");
        long quietUntil = 0;
        while (true) {
            GroundConnection.Received r = ground.poll(200);
            if (r == null) {
                if (!flight.isAlive()) {
                    // Flight has exited: give the last messages a moment to arrive, then stop.
                    if (quietUntil == 0) {
                        quietUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                    } else if (System.nanoTime() > quietUntil) {
                        break;
                    }
                }
                continue;
            }
            s.state.accept(r, Clock.systemUTC().instant());
            if (r.topic().endsWith("/birth")) {
                s.presenceStates.add(r.json().path("state").asText());
                continue;
            }
            if (r.retained()) {
                continue; // a frame left over from an earlier run on this broker
            }
            JsonNode hk = r.json();
            s.lastHk = hk;
            s.frames++;
            JsonNode p = hk.path("power");
            double soc = p.path("socPct").asDouble();
            s.minSocPct = Double.isNaN(s.minSocPct) ? soc : Math.min(s.minSocPct, soc);
            if (!p.path("sunlit").asBoolean()) {
                s.eclipseS += 1.0;
            }
            Instant t = Instant.parse(hk.path("t").asText());
            if (nextPrint == null || !t.isBefore(nextPrint)) {
                nextPrint = t.plusMillis((long) (printEveryS * 1000));
                say.printf(Locale.ROOT, "  %-20s %-7s %9.1f %9.1f %+9.1f %7.1f %9.1f %7.1f%n", t, p.path("sunlit").asBoolean() ? "yes" : "no",
                        p.path("arrayW").asDouble() / 1000, p.path("loadW").asDouble() / 1000,
                        p.path("batteryW").asDouble() / 1000, soc, hk.path("boards").path("powerW").asDouble() / 1000,
                        hk.path("boards").path("maxTempC").asDouble());
                say.flush();
            }
        }
        flight.waitFor();
        return s;
    }
}
