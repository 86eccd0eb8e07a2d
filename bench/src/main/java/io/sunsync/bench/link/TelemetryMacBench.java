package io.sunsync.bench.link;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sunsync.bench.cli.BenchCommand;
import io.sunsync.bench.cli.OutFile;
import io.sunsync.bench.cli.Quick;
import io.sunsync.flight.link.auth.TelemetryAuthenticator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * What telemetry authentication costs flight per message ({@code ./sunsync bench tm-mac}): the
 * time {@link TelemetryAuthenticator#sign} takes (MAC input built, HMAC-SHA256 under the active
 * telemetry key, hex) for an event, a housekeeping frame as flight makes it and a result chunk
 * (48 KiB of data, 64 KiB once in base64), from one thread as the link's sender calls it; and what
 * that is as a share of one core at the housekeeping rate of the demo (1 Hz) and when draining a
 * backlog at the outbox-drain target (5,000 msg/s). Writes {@code bench/out/tm-mac.json} (or the
 * path after {@code --out}); {@code --quick} measures fewer messages.
 */
@Command(name = "tm-mac", mixinStandardHelpOptions = true,
        description = {"Telemetry authentication's cost on board: HMAC-SHA256 signing per event, housekeeping frame and "
                + "result chunk, and the share of a core at 1 Hz and at 5,000 msg/s.",
            "--quick: 20,000 messages of each kind instead of 200,000."})
public final class TelemetryMacBench implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TelemetryMacBench() {
    }

    @Mixin
    OutFile outFile;

    @Mixin
    Quick quick;

    public static void main(String[] args) {
        BenchCommand.exit(new TelemetryMacBench(), args);
    }

    @Override
    public Integer call() throws Exception {
        int n = quick.on() ? 20_000 : 200_000;
        Path dir = Files.createTempDirectory("sunsync-bench-tm-mac-");
        Path keys = dir.resolve("tm-keys.json");
        Files.writeString(keys, "{\"sat\": \"bench-sat\", \"keys\": [{\"id\": 1, \"hex\": \"" + "5a".repeat(32) + "\"}]}");
        Files.setPosixFilePermissions(keys, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        TelemetryAuthenticator auth = TelemetryAuthenticator.load(keys, dir.resolve("tm-keys-state.json"), "bench-sat");

        byte[] event = ("{\"sat\":\"bench-sat\",\"seq\":1,\"t\":\"2027-06-21T00:00:00Z\",\"severity\":\"INFO\","
                + "\"source\":\"throttler\",\"code\":\"SHED_TIER\",\"message\":\"shed tier 1: 4 boards capped\","
                + "\"data\":{\"tier\":1,\"boards\":4}}").getBytes(StandardCharsets.UTF_8);
        byte[] hk = OutboxAppendBench.frame(1);
        byte[] chunk = new byte[64 * 1024];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (byte) ('A' + r.nextInt(26));
        }
        // The JIT warmed on every size first, so the order of the rows does not count.
        for (int i = 0; i < 20_000; i++) {
            auth.sign("sunsync/bench-sat/evt", "evt", i, event);
            auth.sign("sunsync/bench-sat/tm/hk", "tm/hk", i, hk);
            if (i % 20 == 0) {
                auth.sign("sunsync/bench-sat/results/job-1/chunk", "results", i, chunk);
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(measure(auth, "event", "sunsync/bench-sat/evt", "evt", event, n));
        rows.add(measure(auth, "housekeeping", "sunsync/bench-sat/tm/hk", "tm/hk", hk, n));
        rows.add(measure(auth, "result chunk", "sunsync/bench-sat/results/job-1/chunk", "results", chunk, Math.max(2_000, n / 20)));

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("benchmark", "tm-mac");
        doc.put("java", System.getProperty("java.version"));
        doc.put("cores", Runtime.getRuntime().availableProcessors());
        doc.put("loadAverage", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        doc.put("messages", rows);
        Path out = outFile.write(doc);
        System.out.printf("load average %.1f on %d cores (figures are for this machine as it was)%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        System.out.println("written " + out.toAbsolutePath());
        return 0;
    }

    /** Signs {@code n} copies of {@code payload} (seq 0..n-1) after a warm-up; the median of five rounds. */
    private static Map<String, Object> measure(TelemetryAuthenticator auth, String what, String topic, String stream,
                                               byte[] payload, int n) {
        long sink = 0;
        for (int i = 0; i < Math.min(n, 20_000); i++) {
            sink += auth.sign(topic, stream, i, payload).macHex().charAt(0);
        }
        double[] perMsgNs = new double[5];
        for (int round = 0; round < perMsgNs.length; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink += auth.sign(topic, stream, i, payload).macHex().charAt(0);
            }
            perMsgNs[round] = (System.nanoTime() - t0) / (double) n;
        }
        Arrays.sort(perMsgNs);
        double ns = perMsgNs[perMsgNs.length / 2];
        double mbPerS = payload.length / ns * 1e9 / 1e6;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("message", what);
        row.put("payloadBytes", payload.length);
        row.put("signed", (long) n * perMsgNs.length);
        row.put("usPerMessage", Math.round(ns / 10) / 100.0);
        row.put("messagesPerS", Math.round(1e9 / ns));
        row.put("payloadMBPerS", Math.round(mbPerS * 10) / 10.0);
        row.put("coreShareAt1Hz", 1e-9 * ns);
        row.put("coreShareAt5000PerS", 5_000 * 1e-9 * ns);
        System.out.printf("%-13s %7d bytes: %8.2f us per message (%,.0f /s, %.1f MB/s); one core's share at 1 Hz %.1e, "
                        + "at 5,000 msg/s %.1f %%  [%d]%n", what, payload.length, ns / 1000, 1e9 / ns, mbPerS, 1e-9 * ns,
                100 * 5_000 * 1e-9 * ns, sink & 1);
        return row;
    }
}
