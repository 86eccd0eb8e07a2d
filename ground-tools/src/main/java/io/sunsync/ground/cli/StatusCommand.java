package io.sunsync.ground.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.sunsync.ground.status.GroundConnection;
import io.sunsync.ground.status.StatusTable;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sunsync ground status}: the latest presence and housekeeping of one or all satellites. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows each satellite's presence and latest housekeeping as a table.",
        footer = {"", "Examples:", "  sunsync ground status --sat sat-001", "  sunsync ground status -b tcp://gs1:1883"})
public final class StatusCommand implements Callable<Integer> {
    @Mixin
    BrokerOptions broker;

    @Option(names = {"-s", "--sat"}, paramLabel = "ID", description = "Satellite id (default: every satellite heard).")
    String sat;

    @Option(names = "--timeout-s", defaultValue = "5", description = "How long to listen, in s (default ${DEFAULT-VALUE}).")
    double timeoutS;

    @Spec
    CommandSpec spec;

    private final Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        String filterSat = sat == null ? "+" : sat;
        Map<String, JsonNode> presence = new TreeMap<>();
        Map<String, JsonNode> hk = new TreeMap<>();
        Map<String, Instant> received = new TreeMap<>();
        try (GroundConnection conn = new GroundConnection(broker.broker, broker.username, broker.password)) {
            conn.subscribe("sunsync/" + filterSat + "/birth");
            conn.subscribe("sunsync/" + filterSat + "/tm/hk");
            long deadline = System.nanoTime() + (long) (timeoutS * 1e9);
            while (System.nanoTime() < deadline) {
                GroundConnection.Received r = conn.poll(100);
                if (r != null) {
                    String id = r.topic().split("/")[1];
                    if (r.topic().endsWith("/birth")) {
                        presence.put(id, r.body());
                    } else {
                        hk.put(id, r.body());
                        received.put(id, clock.instant());
                    }
                }
                // One satellite asked for and both its retained messages in: no need to wait longer.
                if (sat != null && presence.containsKey(sat) && hk.containsKey(sat)) {
                    break;
                }
            }
        }
        java.util.Set<String> sats = new java.util.TreeSet<>(presence.keySet());
        sats.addAll(hk.keySet());
        if (sats.isEmpty()) {
            spec.commandLine().getErr().println("no satellite heard on " + broker.broker + " within " + timeoutS + " s");
            return GroundMain.EXIT_NO_DATA;
        }
        for (String id : sats) {
            spec.commandLine().getOut().print(StatusTable.render(id, presence.get(id), hk.get(id), received.get(id),
                    clock.instant()));
            spec.commandLine().getOut().println();
        }
        return hk.isEmpty() ? GroundMain.EXIT_NO_DATA : 0;
    }
}
