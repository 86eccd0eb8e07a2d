package io.sunsync.bench.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.bench.cli.BenchCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The benchmark suite's summary ({@code ./sunsync bench} with no name): reads what each
 * benchmark wrote under {@code bench/out/} in this invocation and writes {@code bench/results.json}
 * and {@code bench/results.md}: one row per figure with its target, whether it met it, and the
 * machine it ran on. A benchmark whose file is missing or older than the suite's start is
 * listed as not run, never with an old figure.
 *
 * <p>Usage: {@code BenchSummary OUT_DIR SUITE_START_EPOCH_S MODE [LOAD_AT_START]}. Single-threaded.
 */
public final class BenchSummary {
    /** The command line: {@code BenchSummary [OUT_DIR [SUITE_START_EPOCH_S [MODE [LOAD_AT_START]]]]}. */
    @Command(name = "bench-summary", mixinStandardHelpOptions = true,
            description = "Collects the figures the suite's benchmarks wrote into bench/results.json and bench/results.md.")
    static final class Launch implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "OUT_DIR", defaultValue = "bench/out",
                description = "Where the benchmarks wrote their JSON (default: ${DEFAULT-VALUE}); the results go beside it.")
        Path dir;

        @Parameters(index = "1", arity = "0..1", paramLabel = "SUITE_START_EPOCH_S", defaultValue = "0",
                description = "When the suite started: older files count as not run (default: ${DEFAULT-VALUE}).")
        long since;

        @Parameters(index = "2", arity = "0..1", paramLabel = "MODE", defaultValue = "full",
                description = "quick or full (default: ${DEFAULT-VALUE}).")
        String mode;

        @Parameters(index = "3", arity = "0..1", paramLabel = "LOAD_AT_START", defaultValue = "",
                description = "The load average when the suite started.")
        String loadAtStart;

        @Override
        public Integer call() throws IOException {
            summarize(dir, since, mode, loadAtStart);
            return 0;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One figure.
     *
     * @param bench  the benchmark
     * @param figure what is measured
     * @param value  the figure (NaN: not measured)
     * @param unit   its unit
     * @param target the target, as text ("" if none)
     * @param met    met the target (null: no target, or not measured)
     * @param note   how it was measured (baseline, sizes)
     */
    public record Row(String bench, String figure, double value, String unit, String target, Boolean met, String note) {
    }

    private final Path out;
    private final long sinceEpochS;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notRun = new ArrayList<>();

    BenchSummary(Path out, long sinceEpochS) {
        this.out = out;
        this.sinceEpochS = sinceEpochS;
    }

    public static void main(String[] args) {
        BenchCommand.exit(new Launch(), args);
    }

    private static void summarize(Path dir, long since, String mode, String loadAtStart) throws IOException {
        BenchSummary s = new BenchSummary(dir, since);
        s.collect();
        Path results = dir.toAbsolutePath().getParent();
        ObjectNode machine = machine(loadAtStart);
        ObjectNode doc = JSON.createObjectNode();
        doc.put("t", Instant.now().toString());
        doc.put("mode", mode);
        doc.set("machine", machine);
        doc.set("rows", JSON.valueToTree(s.rows));
        doc.set("notRun", JSON.valueToTree(s.notRun));
        Files.writeString(results.resolve("results.json"), JSON.writeValueAsString(doc) + "\n");
        String md = s.markdown(machine, mode);
        Files.writeString(results.resolve("results.md"), md);
        System.out.print(md);
        long missed = s.rows.stream().filter(r -> Boolean.FALSE.equals(r.met())).count();
        System.out.printf(Locale.ROOT, "%n%d figures, %d met their target, %d missed, %d benchmarks not run; "
                        + "bench/results.json, bench/results.md%n", s.rows.size(),
                s.rows.stream().filter(r -> Boolean.TRUE.equals(r.met())).count(), missed, s.notRun.size());
    }

    void collect() throws IOException {
        simSpeed(read("sim-speed.json"));
        controlTick(read("control-tick.json"));
        controlTickIo(read("control-tick-io.json"));
        throttler(read("throttler.json"));
        command(read("command.json"));
        outboxAppend(read("outbox-append.json"));
        outboxDrain(read("outbox-drain.json"));
        fleetIngest(read("fleet-ingest.json"));
        figures("archive", read("archive.json"));
    }

    /**
     * A benchmark that lists its own rows: {@code figures: [{figure, value, unit, target, met, note}]}
     * (the fleet archive's, written by {@link io.sunsync.bench.archive.ArchiveBench}).
     */
    private void figures(String bench, JsonNode n) {
        if (n == null) {
            return;
        }
        for (JsonNode f : n.path("figures")) {
            add(bench, f.path("figure").asText(), f.path("value").asDouble(Double.NaN), f.path("unit").asText(""),
                    f.path("target").asText(""), f.path("met").isBoolean() ? f.path("met").asBoolean() : null,
                    f.path("note").asText(""));
        }
    }

    /** The file if this suite wrote it, else null (and the benchmark is listed as not run). */
    private JsonNode read(String name) throws IOException {
        Path f = out.resolve(name);
        if (!Files.isRegularFile(f) || Files.getLastModifiedTime(f).toInstant().getEpochSecond() < sinceEpochS
                || Files.size(f) == 0) {
            notRun.add(name.replace(".json", ""));
            return null;
        }
        return JSON.readTree(f.toFile());
    }

    private void add(String bench, String figure, double value, String unit, String target, Boolean met, String note) {
        rows.add(new Row(bench, figure, value, unit, target, Double.isFinite(value) ? met : null, note));
    }

    private void simSpeed(JsonNode n) {
        if (n == null) {
            return;
        }
        double v = n.path("simulatedSecondsPerWallSecond").asDouble(Double.NaN);
        double target = n.path("target").asDouble(100_000);
        add("sim-speed", "simulated s per wall s", v, "x", ">= " + fmt(target), v >= target,
                String.format(Locale.ROOT, "%s, %d boards, step %s s, %s controller, %.1f s wall", n.path("scenario").asText(),
                        n.path("boards").asInt(), fmt(n.path("stepS").asDouble()), n.path("controller").asText(),
                        n.path("wallS").asDouble()));
    }

    private void controlTick(JsonNode n) {
        if (n == null || !n.isArray()) {
            return;
        }
        for (JsonNode b : n) {
            double us = b.path("primaryMetric").path("score").asDouble(Double.NaN);
            JsonNode p = b.path("primaryMetric").path("scorePercentiles");
            add("control-tick", "one control tick, " + b.path("params").path("boards").asText("?") + " boards (JMH avgt)", us,
                    b.path("primaryMetric").path("scoreUnit").asText("us/op"), "< 1000 us/op", us < 1000,
                    String.format(Locale.ROOT, "median %s, max %s us; %d x %s warm-up, %d x %s measured, %d fork",
                            fmt(p.path("50.0").asDouble()), fmt(p.path("100.0").asDouble()), b.path("warmupIterations").asInt(),
                            b.path("warmupTime").asText(), b.path("measurementIterations").asInt(),
                            b.path("measurementTime").asText(), b.path("forks").asInt()));
        }
    }

    private void controlTickIo(JsonNode n) {
        if (n == null) {
            return;
        }
        double tickTarget = n.path("targets").path("tickP99Ms").asDouble(10);
        double shedTarget = n.path("targets").path("shedAllMs").asDouble(100);
        String targetModel = n.path("targets").path("model").asText("nvml");
        int boards = n.path("boards").asInt();
        for (JsonNode m : n.path("models")) {
            String model = m.path("model").asText();
            String like = model.equals("none") ? "no device cost (the actuator's own)" : model + "-like I/O";
            boolean graded = model.equals(targetModel);
            double tickP99 = m.path("tickP99Ms").asDouble(Double.NaN);
            add("control-tick", "tick with device I/O p99, " + boards + " boards, " + like, tickP99, "ms",
                    graded ? "< " + fmt(tickTarget) + " ms" : "", graded ? tickP99 < tickTarget : null,
                    String.format(Locale.ROOT, "p50 %s ms, max %s ms; %s commands/tick, each p50 %s / p99 %s ms; all landed p99 %s ms; %d ticks, %d threads, tick budget %s s",
                            fmt(m.path("tickP50Ms").asDouble()), fmt(m.path("tickMaxMs").asDouble()),
                            fmt(m.path("commandsPerTick").asDouble()), fmt(m.path("commandP50Ms").asDouble()),
                            fmt(m.path("commandP99Ms").asDouble()), fmt(m.path("landedP99Ms").asDouble()),
                            m.path("ticks").asInt(), n.path("threads").asInt(), fmt(n.path("tickBudgetS").asDouble())));
            double shedMax = m.path("shedMaxMs").asDouble(Double.NaN);
            boolean complete = m.path("shedsIncomplete").asInt(1) == 0 && m.path("boardsLeftOnAfterShed").asInt(1) == 0;
            add("control-tick", "all " + boards + " boards shed (worst of " + m.path("sheds").asInt() + "), " + like, shedMax,
                    "ms", graded ? "< " + fmt(shedTarget) + " ms" : "", graded ? shedMax < shedTarget && complete : null,
                    "p50 " + fmt(m.path("shedP50Ms").asDouble()) + " ms" + (complete ? "" : "; NOT every board shed"));
        }
    }

    private void throttler(JsonNode n) {
        if (n == null) {
            return;
        }
        double target = n.path("targets").path("ratioToOracle30d").asDouble(0.97);
        double peerTarget = n.path("targets").path("ratioToBestPeer").asDouble(1.0);
        double faultsTarget = n.path("targets").path("ratioToBestPeerCascadingFaults").asDouble(1.15);
        for (JsonNode v : n.path("verdicts")) {
            String scenario = v.path("scenario").asText();
            double ratio = v.path("throttlerRatio").asDouble(Double.NaN);
            boolean thirtyDay = scenario.endsWith("-30d");
            add("throttler", "ratio to the oracle, " + scenario, ratio, "", thirtyDay ? ">= " + fmt(target) : "",
                    thirtyDay ? ratio >= target : null, "the LP oracle's bound for the same scenario");
            int violations = v.path("throttlerViolations").asInt(-1);
            add("throttler", "limit violations, " + scenario, violations, "", "0", violations == 0, "");
            boolean faults = scenario.equals("cascading-faults");
            double wanted = faults ? faultsTarget : peerTarget;
            if (v.hasNonNull("bestPeer")) {
                double r = v.path("ratioToBestPeer").asDouble(Double.NaN);
                add("throttler", "ratio to the best peer with 0 violations, " + scenario, r, "x", ">= " + fmt(wanted),
                        r >= wanted, v.path("bestPeer").asText() + " (" + fmt(v.path("bestPeerRatio").asDouble()) + " of the oracle)");
            } else {
                double r = v.path("ratioToBestAnyPeer").asDouble(Double.NaN);
                add("throttler", "ratio to the peer with the most work, " + scenario, r, "x", "", null,
                        "no peer ran without violations; " + v.path("bestAnyPeer").asText() + " had "
                                + v.path("bestAnyPeerViolations").asInt() + " violation episodes");
            }
            economy(n, v, scenario);
        }
    }

    /**
     * The throttler's work in watts and tonnes on one scenario, with its peers' in the note: per kWh
     * the arrays collected, per kg of satellite and day, and the launch mass (and dollars) the best
     * clean peer would need to match it. Absent from files written before the economy figures.
     */
    private void economy(JsonNode n, JsonNode v, String scenario) {
        JsonNode throttler = null;
        List<String> peers = new ArrayList<>();
        List<String> peersPerKg = new ArrayList<>();
        for (JsonNode r : n.path("rows")) {
            if (!r.path("scenario").asText().equals(scenario) || r.path("economy").isMissingNode()) {
                continue;
            }
            if (r.path("role").asText().equals("throttler")) {
                throttler = r;
            } else {
                peers.add(r.path("role").asText() + " " + fmt(r.path("economy").path("workPerKWhCollected").asDouble()));
                peersPerKg.add(r.path("role").asText() + " " + fmt(r.path("economy").path("workPerKgPerDay").asDouble()));
            }
        }
        if (throttler == null) {
            return;
        }
        JsonNode e = throttler.path("economy");
        add("throttler", "work per kWh the arrays collected, " + scenario, e.path("workPerKWhCollected").asDouble(Double.NaN),
                "work units/kWh", "", null, "peers: " + String.join(", ", peers) + "; per kWh the boards drew: "
                        + fmt(e.path("workPerKWhBoards").asDouble()));
        add("throttler", "work per kg of satellite per day, " + scenario, e.path("workPerKgPerDay").asDouble(Double.NaN),
                "work units/kg-day", "", null, "peers: " + String.join(", ", peersPerKg) + "; satellite "
                        + fmt(v.path("satelliteKg").asDouble()) + " kg");
        if (v.hasNonNull("bestPeer") && v.has("peerExtraKg")) {
            add("throttler", "launch mass the best clean peer needs for the throttler's work, " + scenario,
                    v.path("peerExtraKg").asDouble(Double.NaN), "kg/satellite", "", null, String.format(Locale.ROOT,
                            "%s; $%s..$%s of launch per satellite", v.path("bestPeer").asText(),
                            fmt(v.path("peerExtraUsdLow").asDouble()), fmt(v.path("peerExtraUsdHigh").asDouble())));
        }
    }

    private void command(JsonNode n) {
        if (n == null) {
            return;
        }
        JsonNode m = n.path("mosquitto");
        add("command", "authenticated commands verified per s (in process)", n.path("verify").path("commandsPerS")
                .asDouble(Double.NaN), "/s", "", null, n.path("verify").path("commands").asInt() + " commands");
        add("command", "send -> COMPLETED round trip p50", m.path("p50Ms").asDouble(Double.NaN), "ms", "< 5 ms",
                m.path("p50Ms").asDouble() < 5, m.path("roundTrips").asInt() + " round trips through Mosquitto");
        add("command", "send -> COMPLETED round trip p99", m.path("p99Ms").asDouble(Double.NaN), "ms", "< 20 ms",
                m.path("p99Ms").asDouble() < 20, "max " + fmt(m.path("maxMs").asDouble()) + " ms");
        add("command", "pipelined commands per s", m.path("pipelinedCommandsPerS").asDouble(Double.NaN), "/s", ">= 2000",
                m.path("pipelinedCommandsPerS").asDouble() >= 2000, m.path("pipelinedCommands").asInt() + " commands");
    }

    private void outboxAppend(JsonNode n) {
        if (n == null) {
            return;
        }
        double none = Double.NaN;
        for (JsonNode r : n.path("results")) {
            if (r.path("policy").asText().equals("none")) {
                none = r.path("appendMsgPerS").asDouble();
            }
        }
        List<String> seen = new ArrayList<>();
        for (JsonNode r : n.path("results")) {
            String policy = r.path("policy").asText();
            if (!seen.contains(policy)) {
                seen.add(policy);
                double v = r.path("appendMsgPerS").asDouble(Double.NaN);
                add("outbox-append", "appends per s, fsync " + policy, v, "/s", "", null, String.format(Locale.ROOT,
                        "%d messages of %d bytes; %.2f x fsync none", r.path("messages").asInt(), r.path("frameBytes").asInt(),
                        v / none));
            }
            if (r.path("latencyStream").asText().equals("tm/hk")) {
                add("outbox-append", "append -> sendable p99, tm/hk, fsync " + policy, r.path("sendableP99Ms")
                        .asDouble(Double.NaN), "ms", "", null, "p50 " + fmt(r.path("sendableP50Ms").asDouble()) + " ms");
            }
        }
    }

    private void outboxDrain(JsonNode n) {
        if (n == null) {
            return;
        }
        double v = n.path("drainMsgPerS").asDouble(Double.NaN);
        double target = n.path("targetMsgPerS").asDouble(5000);
        add("outbox-drain", "backlog drained through Mosquitto", v, "msg/s", ">= " + fmt(target), v >= target,
                n.path("frames").asInt() + " frames queued during an outage, fsync " + n.path("fsync").asText());
        long missing = n.path("missing").asLong(-1);
        add("outbox-drain", "messages lost", missing, "", "0", n.path("zeroLoss").asBoolean(false) && missing == 0,
                n.path("duplicates").asLong() + " duplicates, " + n.path("outOfOrder").asLong() + " out of order");
    }

    private void fleetIngest(JsonNode n) {
        if (n == null) {
            return;
        }
        double one = Double.NaN;
        double two = Double.NaN;
        for (JsonNode r : n.path("runs")) {
            if (r.path("mode").asText().equals("live") && r.path("archive").asText().equals("none")) {
                if (r.path("workers").asInt() == 1) {
                    one = r.path("ingestFramesPerS").asDouble();
                } else if (r.path("workers").asInt() == 2) {
                    two = r.path("ingestFramesPerS").asDouble();
                }
            }
        }
        String sizes = n.path("satellites").asInt() + " satellites x " + n.path("framesPerSatellite").asInt() + " frames, "
                + n.path("repeats").asInt() + " repeat(s), " + n.path("broker").asText();
        add("fleet-ingest", "frames ingested per s, 1 worker (live)", one, "/s", "", null, sizes);
        add("fleet-ingest", "frames ingested per s, 2 workers (live)", two, "/s", "", null,
                String.format(Locale.ROOT, "%.2f x one worker (shared subscription, same run)", two / one));
    }

    static ObjectNode machine(String loadAtStart) {
        ObjectNode m = JSON.createObjectNode();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("cpu", cpuModel());
        m.put("memoryGiB", memoryGiB());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("loadAverageAtStart", loadAtStart);
        m.put("loadAverageAtEnd", loadAverage());
        return m;
    }

    private static String cpuModel() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) {
                    return l.substring(l.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux: unknown
        }
        return "unknown";
    }

    private static double memoryGiB() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemTotal:")) {
                    return Math.round(Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0 * 10) / 10.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // unknown
        }
        return Double.NaN;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "";
        }
    }

    String markdown(ObjectNode machine, String mode) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Benchmarks\n\n");
        sb.append(String.format(Locale.ROOT, "Measured %s (`./sunsync bench`, %s mode) on %d cores (%s), %s GiB, %s, %s; "
                        + "load average %s at the start, %s at the end.%n%n", Instant.now().toString().substring(0, 16) + "Z", mode,
                machine.path("cores").asInt(), machine.path("cpu").asText(), fmt(machine.path("memoryGiB").asDouble()),
                machine.path("os").asText(), machine.path("java").asText(), machine.path("loadAverageAtStart").asText(),
                machine.path("loadAverageAtEnd").asText()));
        sb.append("| benchmark | figure | value | target | met | how |\n|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            sb.append("| ").append(r.bench()).append(" | ").append(r.figure()).append(" | ")
                    .append(Double.isFinite(r.value()) ? fmt(r.value()) + (r.unit().isEmpty() ? "" : " " + r.unit()) : "-")
                    .append(" | ").append(r.target()).append(" | ")
                    .append(r.met() == null ? "" : r.met() ? "yes" : "**no**").append(" | ").append(r.note()).append(" |\n");
        }
        if (!notRun.isEmpty()) {
            sb.append("\nNot run in this invocation: ").append(String.join(", ", notRun)).append(".\n");
        }
        return sb.toString();
    }

    static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        double a = Math.abs(v);
        if (v == Math.rint(v) && a < 1e15) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    // for tests
    List<Row> rows() {
        return rows;
    }

    List<String> notRun() {
        return notRun;
    }
}
