package io.sunsync.sim.cli;

import io.sunsync.sim.SimSatellite;
import io.sunsync.sim.hil.HilServer;
import io.sunsync.sim.scenario.Scenario;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sunsync sim hil}: serves the model over TCP (JSON lines) for hardware-in-the-loop rigs. */
@Command(name = "hil", mixinStandardHelpOptions = true,
        description = "Serves the simulated satellite over TCP (JSON lines) to flight's remote backend.")
public final class HilCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "7420", description = "TCP port (default ${DEFAULT-VALUE}; 0 = any free).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String bind;

    @Mixin
    ScenarioOption scenarioOption;

    @Option(names = "--speed", defaultValue = "1",
            description = "Virtual seconds per wall second the model advances (default ${DEFAULT-VALUE}: real time).")
    double speed;

    @Mixin
    TruthLogOption truthLog;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("--speed must be > 0 (the HIL model runs against the wall clock)");
        }
        Scenario sc = scenarioOption.load();
        SimSatellite sat = new SimSatellite(sc, truthLog.recording());
        CountDownLatch stop = new CountDownLatch(1);
        try (HilServer server = HilServer.start(sat, bind, port, speed)) {
            PrintWriter say = spec.commandLine().getOut();
            say.printf(Locale.ROOT, "sunsync sim hil: scenario %s, %d boards, serving on %s:%d at %.1fx real time%n",
                    sc.name(), sc.boards().count(), bind, server.port(), speed);
            say.printf("  point flight's remote backend here: hardware.backends.remote: {host: %s, port: %d}%n", bind,
                    server.port());
            say.flush();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                sat.close();
                stop.countDown();
            }, "sim-hil-stop"));
            stop.await();
        }
        return 0;
    }
}
