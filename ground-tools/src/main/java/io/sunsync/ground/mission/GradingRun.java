package io.sunsync.ground.mission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sunsync.sim.economy.EnergyBalance;
import io.sunsync.sim.economy.WattsAndTonnes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Flight's throttler graded against the peers on the rehearsal's own scenario, in a child process
 * ({@code sunsync bench throttler}, started while the mission flies, at low priority): the
 * throttler's control chain in lockstep with the same physics, every board always busy, beside
 * the static fleet, the two-level schedule tuned on the scenario and the greedy controller. The
 * mission itself flies a job mix with drills, so its own work is graded against the oracle's
 * bound; whether the control law beats the peers is graded here, on equal terms.
 */
public final class GradingRun implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final Process process;
    private final Path out;
    private final List<String> command;

    private GradingRun(Process process, Path out, List<String> command) {
        this.process = process;
        this.out = out;
        this.command = command;
    }

    /**
     * The verdict of the grading run.
     *
     * @param command            how it ran
     * @param throttlerRatio     the throttler's ratio to the oracle (every board busy)
     * @param throttlerViolations its violations
     * @param bestPeer           the peer with no violation that did the most work, or null if none ran clean
     * @param bestPeerRatio      its ratio to the oracle (NaN if none)
     * @param ratioToBestPeer    the throttler's work over the best clean peer's (NaN if none)
     * @param peers              every peer's result
     * @param problem            why there is no verdict (null when there is one)
     * @param throttler          the throttler's own row in the grading run (null when not read)
     */
    public record Grades(String command, double throttlerRatio, int throttlerViolations, String bestPeer,
                         double bestPeerRatio, double ratioToBestPeer, List<Peer> peers, String problem, Peer throttler) {
        /** Grades without the throttler's own row. */
        public Grades(String command, double throttlerRatio, int throttlerViolations, String bestPeer, double bestPeerRatio,
                      double ratioToBestPeer, List<Peer> peers, String problem) {
            this(command, throttlerRatio, throttlerViolations, bestPeer, bestPeerRatio, ratioToBestPeer, peers, problem,
                    null);
        }

        static Grades failed(String command, String problem) {
            return new Grades(command, Double.NaN, -1, null, Double.NaN, Double.NaN, List.of(), problem);
        }
    }

    /**
     * One peer on the scenario.
     *
     * @param controller    its name
     * @param ratioToOracle its work over the oracle's bound
     * @param violations    its limit-violation episodes
     * @param energy        where the energy its arrays collected went (null when the grading run did not say)
     * @param economy       its work in watts and tonnes (null when the grading run did not say)
     */
    public record Peer(String controller, double ratioToOracle, int violations, EnergyBalance energy,
                       WattsAndTonnes economy) {
        /** A peer without its watts and tonnes. */
        public Peer(String controller, double ratioToOracle, int violations) {
            this(controller, ratioToOracle, violations, null, null);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %.3f of the oracle, %d violations", controller, ratioToOracle, violations);
        }
    }

    /**
     * Starts grading {@code plan}'s scenario (the copy in the mission folder, with the plan's seed,
     * board count and duration, at flight's control period), or returns null when no grading
     * command is set.
     */
    public static GradingRun start(MissionSettings settings, MissionPlan plan, MissionFolder folder) throws MissionException {
        if (settings.gradingCommand().isEmpty()) {
            return null;
        }
        Path out = folder.root().resolve("grades").toAbsolutePath();
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/nice"))) {
            cmd.addAll(List.of("/usr/bin/nice", "-n", "10")); // the mission's own processes come first
        }
        cmd.addAll(settings.gradingCommand());
        cmd.addAll(List.of("--scenario-file", folder.flightDir().resolve("scenario.yaml").toAbsolutePath().toString(),
                "--seed", Long.toString(plan.scenario().seed()), "--boards", Integer.toString(plan.boards()),
                "--duration-s", String.format(Locale.ROOT, "%.0f", plan.durationS()),
                "--control-period-s", Double.toString(settings.controlPeriodS()), "--out", out.toString()));
        try {
            Files.createDirectories(out);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(out.resolve("grading.log").toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            return new GradingRun(p, out, List.copyOf(cmd));
        } catch (IOException e) {
            throw new MissionException(MissionError.FLIGHT_START, "cannot start the grading run (" + String.join(" ", cmd)
                    + "): " + e.getMessage(), e);
        }
    }

    /** Waits up to {@code timeoutS} for the grading to finish and reads its verdict. */
    public Grades await(long timeoutS) throws InterruptedException {
        String cmd = String.join(" ", command);
        if (!process.waitFor(timeoutS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return Grades.failed(cmd, "the grading run did not finish in " + timeoutS + " s");
        }
        if (process.exitValue() != 0) {
            return Grades.failed(cmd, "the grading run exited with " + process.exitValue() + " (see "
                    + out.resolve("grading.log") + ")");
        }
        try {
            return read(JSON.readTree(out.resolve("throttler.json").toFile()), cmd);
        } catch (IOException | RuntimeException e) {
            return Grades.failed(cmd, "cannot read " + out.resolve("throttler.json") + ": " + e.getMessage());
        }
    }

    /** The grades in a {@code bench throttler} result of one scenario. */
    static Grades read(JsonNode n, String cmd) {
        JsonNode v = n.path("verdicts").path(0);
        if (v.isMissingNode()) {
            return Grades.failed(cmd, "no verdict in the grading run's output");
        }
        List<Peer> peers = new ArrayList<>();
        Peer throttler = null;
        for (JsonNode r : n.path("rows")) {
            Peer p = new Peer(r.path("controller").asText(), r.path("ratioToOracle").asDouble(Double.NaN),
                    r.path("violations").asInt(-1), optional(r.path("energy"), EnergyBalance.class),
                    optional(r.path("economy"), WattsAndTonnes.class));
            if (r.path("role").asText().equals("throttler")) {
                throttler = p;
            } else {
                peers.add(p);
            }
        }
        return new Grades(cmd, v.path("throttlerRatio").asDouble(Double.NaN), v.path("throttlerViolations").asInt(-1),
                v.hasNonNull("bestPeer") ? v.path("bestPeer").asText() : null, v.path("bestPeerRatio").asDouble(Double.NaN),
                v.path("ratioToBestPeer").asDouble(Double.NaN), List.copyOf(peers), null, throttler);
    }

    /** {@code n} as a {@code type}, or null when it is missing or does not fit (a grading run from before the figures). */
    private static <T> T optional(JsonNode n, Class<T> type) {
        if (n == null || !n.isObject()) {
            return null;
        }
        try {
            return JSON.treeToValue(n, type);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
