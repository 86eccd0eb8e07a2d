package io.sunsync.bench.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sunsync.bench.cli.BenchCommand;
import io.sunsync.bench.cli.OutFile;
import io.sunsync.bench.cli.Quick;
import io.sunsync.ground.fleet.sim.SimulatedHousekeeping;
import io.sunsync.ground.ingest.FrameCheck;
import io.sunsync.ground.mqtt.GroundConnection.Received;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * What the ground's judgement of one received frame costs ({@code ./sunsync bench frame-check}):
 * {@link FrameCheck#check} (topic, UTF-8, JSON parse, the ICD schema, satellite and time) without
 * origin verification, from one thread as an ingest worker calls it, for a housekeeping frame as
 * the simulated fleet publishes it, an event, and a housekeeping frame that breaks its schema (the
 * quarantine path, which also lists the errors). Per kind: wall time per frame (median of the
 * rounds) and the thread's CPU time per frame (the least of the rounds; on a shared machine the
 * steadier figure). Writes {@code bench/out/frame-check.json} (or {@code --out});
 * {@code --quick} measures fewer frames.
 */
@Command(name = "frame-check", mixinStandardHelpOptions = true,
        description = {"The ground's check of one received frame (JSON parse + ICD schema): wall and CPU time per "
                + "housekeeping frame, event and schema violation, one thread.",
            "--quick: 5 rounds of 2,000 frames of each kind instead of 15 of 10,000."})
public final class FrameCheckBench implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant RX = Instant.parse("2027-06-21T12:00:00Z");

    @Mixin
    OutFile outFile;

    @Mixin
    Quick quick;

    private FrameCheckBench() {
    }

    public static void main(String[] args) {
        BenchCommand.exit(new FrameCheckBench(), args);
    }

    @Override
    public Integer call() throws Exception {
        int n = quick.on() ? 2_000 : 10_000;
        int rounds = quick.on() ? 5 : 15;
        FrameCheck check = new FrameCheck();
        String hkFrame = SimulatedHousekeeping.reference().frame("sat-0001", 1, 42, RX.minusSeconds(1));
        Received hk = received("sunsync/sat-0001/tm/hk", hkFrame);
        Received evt = received("sunsync/sat-0001/evt", "{\"sat\":\"sat-0001\",\"seq\":7,\"t\":\"2027-06-21T11:59:59Z\","
                + "\"severity\":\"MEDIUM\",\"source\":\"fdir\",\"code\":\"BOARD_HOT\",\"message\":\"board-07 at 84.2 C\","
                + "\"data\":{\"board\":\"board-07\"}}");
        Received bad = received("sunsync/sat-0001/tm/hk", hkFrame.replace("\"socPct\":", "\"socPct\":\"x\",\"ignored\":"));
        if (!check.check(hk, RX).accepted() || !check.check(evt, RX).accepted() || check.check(bad, RX).accepted()) {
            throw new IllegalStateException("the frames are not judged as meant: " + check.check(hk, RX) + " / "
                    + check.check(evt, RX) + " / " + check.check(bad, RX));
        }
        // The JIT warmed on every kind first, so the order of the rows does not count.
        for (int i = 0; i < 20_000; i++) {
            check.check(hk, RX);
            check.check(evt, RX);
            check.check(bad, RX);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(measure(check, "housekeeping", hk, n, rounds));
        rows.add(measure(check, "event", evt, n, rounds));
        rows.add(measure(check, "schema violation", bad, n, rounds));

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("benchmark", "frame-check");
        doc.put("t", Instant.now().toString());
        doc.put("java", System.getProperty("java.version"));
        doc.put("cores", Runtime.getRuntime().availableProcessors());
        doc.put("loadAverage", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        doc.put("frames", rows);
        Path out = outFile.write(doc);
        System.out.printf("load average %.1f on %d cores (figures are for this machine as it was)%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
        System.out.println("written " + out.toAbsolutePath());
        return 0;
    }

    private static Received received(String topic, String payload) {
        return new Received(topic, payload.getBytes(StandardCharsets.UTF_8), false, 1, 1, false, Map.of(), null);
    }

    /** Checks {@code frame} {@code n} times a round: wall time per frame (median), CPU time per frame (least). */
    private static Map<String, Object> measure(FrameCheck check, String what, Received frame, int n, int rounds) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sink = 0;
        double[] wallNs = new double[rounds];
        double cpuNs = Double.MAX_VALUE;
        for (int round = 0; round < rounds; round++) {
            long cpu0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink += check.check(frame, RX).accepted() ? 1 : 0;
            }
            wallNs[round] = (System.nanoTime() - t0) / (double) n;
            cpuNs = Math.min(cpuNs, (mx.getCurrentThreadCpuTime() - cpu0) / (double) n);
        }
        Arrays.sort(wallNs);
        double wall = wallNs[rounds / 2];
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("frame", what);
        row.put("payloadBytes", frame.payload().length);
        row.put("checked", (long) n * rounds);
        row.put("usPerFrame", Math.round(wall / 10) / 100.0);
        row.put("cpuUsPerFrame", Math.round(cpuNs / 10) / 100.0);
        row.put("framesPerCpuS", Math.round(1e9 / cpuNs));
        System.out.printf("%-16s %5d bytes: %7.2f us per frame, %7.2f us CPU (%,.0f frames per CPU second)  [%d]%n", what,
                frame.payload().length, wall / 1000, cpuNs / 1000, 1e9 / cpuNs, sink & 1);
        return row;
    }
}
