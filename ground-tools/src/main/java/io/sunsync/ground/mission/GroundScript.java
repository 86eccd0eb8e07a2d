package io.sunsync.ground.mission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.ground.command.CommandSession;
import io.sunsync.ground.command.RefusedException;
import io.sunsync.ground.command.SequenceCounter;
import io.sunsync.ground.command.VerificationReport;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.tc.CommandKeyFile;
import io.sunsync.ground.tc.CommandSigner;
import io.sunsync.orbit.EclipsePass;
import io.sunsync.sim.fdyn.FittedElements;
import io.sunsync.sim.fdyn.FlightDynamics;
import io.sunsync.sim.scenario.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The scripted ground operator of the rehearsal, in process, using the ground tools' own classes
 * (a {@link CommandSession} over MQTT, signed with the satellite's key): it uplinks the eclipse
 * ephemeris and the orbit elements flight dynamics fitted to the truth as soon as the satellite is
 * up, and again as the run goes on (ephemeris twice a day, elements daily), keeps the satellite's
 * job queue fed with a mix of jobs, acknowledges every result the {@link ResultCollector}
 * verified, and at set points of the mission sends operator commands: a board ceiling, a board
 * taken out of service and back (arm, then execute), power-save mode and back, a cancelled job,
 * and two commands the satellite must refuse: one forged (signed with a wrong key) and one stale
 * (past its validity window). Every command and how it ended goes to the {@link CommandLog}.
 *
 * <p>The script follows mission time from the satellite's housekeeping ({@link LiveView}), so
 * it does the same things at any speed. Threading: {@link #run} on the calling thread.
 */
public final class GroundScript {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Validity of every command, in mission time: generous, as mission time runs fast. */
    private static final Duration VALID = Duration.ofHours(3);
    /** How long the ground waits for a command's final report, in wall time. */
    private static final Duration REPORT_TIMEOUT = Duration.ofSeconds(20);
    /** Most eclipse windows one {@code forecast.ephemeris} carries (flight's limit). */
    private static final int MAX_WINDOWS = 64;

    private final MissionSettings settings;
    /** The flight process while the script runs (commands to a flight that has exited wait out their timeout). */
    private FlightProcess flight;
    private final MissionPlan plan;
    private final MissionFolder folder;
    private final String brokerUrl;
    private final LiveView live;
    private final JobBook jobs;
    private final ResultCollector results;
    private final CommandLog log;
    private final Console console;
    private final PrintWriter sessionLog;
    private final JobMix mix;
    private final List<Step> steps = new ArrayList<>();
    private final FittedElements firstElements;
    private final List<String> acknowledged = new ArrayList<>();
    private CommandSession session;
    private CommandSigner signer;
    private SequenceCounter sequences;
    private double nextFeedS;
    private int submitted;

    /** Something the operator does at {@code atS} of mission time. */
    private record Step(double atS, String what, Action action) {
    }

    @FunctionalInterface
    private interface Action {
        void run(Instant now) throws Exception;
    }

    public GroundScript(MissionSettings settings, MissionPlan plan, MissionFolder folder, String brokerUrl, LiveView live,
                        JobBook jobs, ResultCollector results, CommandLog log, Console console, PrintWriter sessionLog) {
        this.settings = settings;
        this.plan = plan;
        this.folder = folder;
        this.brokerUrl = brokerUrl;
        this.live = live;
        this.jobs = jobs;
        this.results = results;
        this.log = log;
        this.console = console;
        this.sessionLog = sessionLog;
        this.mix = new JobMix(plan.boards(), plan.durationS());
        // Fitted before the satellite is up (a day of the truth orbit), so they go up at once with the ephemeris.
        this.firstElements = flightDynamics().elements(plan.start());
        plan();
    }

    /** Results acknowledged (job ids), in order. */
    public List<String> acknowledged() {
        return List.copyOf(acknowledged);
    }

    /** Jobs submitted. */
    public int submitted() {
        return submitted;
    }

    // ---------------------------------------------------------------------------------------- plan

    /** The operator's timeline, as shares of a 3-day mission (scaled to this one). */
    private void plan() {
        double d = plan.durationS();
        double h = d / 72; // "an hour" of the reference 3-day mission
        double orbitS = plan.scenario().orbit().model().periodS();
        String first = Scenario.boardId(0);
        String last = Scenario.boardId(plan.boards() - 1);
        double refresh = Math.min(12 * 3600, d / 2);
        for (double t = refresh; t < d; t += refresh) {
            steps.add(new Step(t, "eclipse ephemeris refresh", this::uplinkEphemeris));
        }
        for (double t = 86_400; t < d; t += 86_400) {
            steps.add(new Step(t, "orbit elements refresh", this::refreshElements));
        }
        steps.add(new Step(1 * h, "orbit-table process job", now -> submit(JobMix.Kind.ORBIT_TABLE, now, true)));
        for (double t = 1.5 * h; t < d; t += 3 * h) {
            steps.add(new Step(t, "evaluation job", now -> submit(JobMix.Kind.EVAL, now, true)));
        }
        steps.add(new Step(2 * h, "board ceiling", now -> command("board.cap", args("board", first, "capW", 700),
                "operator ceiling: hold " + first + " at or below 700 W", CommandLog.Expect.COMPLETED)));
        steps.add(new Step(2.5 * h, "forged command", this::forged));
        steps.add(new Step(3 * h, "stale command", this::stale));
        for (double t = 3 * h; t < d; t += 4 * h) {
            steps.add(new Step(t, "fine-tune job", now -> submit(JobMix.Kind.FINETUNE, now, true)));
        }
        steps.add(new Step(4 * h, "board out of service", now -> command("board.disable", args("board", last),
                "take " + last + " out of service for maintenance (arm, then execute)", CommandLog.Expect.COMPLETED)));
        steps.add(new Step(5 * h, "cancelled job", this::submitAndCancel));
        for (double t = 6 * h; t < d; t += 12 * h) {
            steps.add(new Step(t, "urgent job", now -> submit(JobMix.Kind.URGENT, now, true)));
        }
        steps.add(new Step(8 * h, "failing process job", now -> submit(JobMix.Kind.BAD_INPUT, now, true)));
        steps.add(new Step(10 * h, "board back in service", now -> command("board.enable", args("board", last),
                "return " + last + " to service (arm, then execute)", CommandLog.Expect.COMPLETED)));
        double maxCapW = plan.scenario().boards().maxCapW();
        steps.add(new Step(18 * h, "ceiling cleared", now -> command("board.cap", args("board", first, "capW", maxCapW),
                "clear the ceiling on " + first + " (a ceiling at the board's maximum clears it)",
                CommandLog.Expect.COMPLETED)));
        for (double t = 25 * h; t < d; t += 24 * h) {
            steps.add(new Step(t, "orbit-table process job", now -> submit(JobMix.Kind.ORBIT_TABLE, now, true)));
        }
        double saveAt = 30 * h;
        double saveFor = Math.min(orbitS, 0.1 * d);
        steps.add(new Step(saveAt, "power-save mode", now -> command("mode.set",
                args("mode", "POWER_SAVE", "reason", "rehearsal: power-save drill for one orbit"),
                "power-save drill: only jobs of priority 50 and up run, on 80 % of the budget (arm, then execute)",
                CommandLog.Expect.COMPLETED)));
        steps.add(new Step(saveAt + saveFor, "nominal mode", now -> command("mode.set",
                args("mode", "NOMINAL", "reason", "rehearsal: drill over"), "back to nominal (arm, then execute)",
                CommandLog.Expect.COMPLETED)));
        steps.add(new Step(0.9 * d, "job inventory", now -> command("job.list", JSON.createObjectNode(),
                "inventory of the satellite's jobs", CommandLog.Expect.COMPLETED)));
        steps.sort(Comparator.comparingDouble(Step::atS));
    }

    // ------------------------------------------------------------------------------------------ run

    /**
     * Runs the session until the flight process has exited.
     *
     * @param flight   the flight software
     * @param progress called about every 100 ms with the mission time elapsed (s), for the console
     */
    public void run(FlightProcess flight, Consumer<Long> progress) throws Exception {
        this.flight = flight;
        awaitOnline(flight);
        try (GroundConnection conn = new GroundConnection(io.sunsync.ground.mqtt.ConnectSettings.transientSession(brokerUrl,
                GroundConnection.randomClientId("ground-ops")))) {
            session = CommandSession.open(conn, settings.sat(), Duration.ofSeconds(30), Clock.systemUTC(),
                    folder.telemetryKeys(settings.sat()));
            if (session.context().dictionary() == null || session.context().hk() == null) {
                throw new MissionException(MissionError.GROUND_SESSION, "no dictionary or housekeeping from "
                        + settings.sat() + " within 30 s of it coming online");
            }
            try {
                signer = CommandKeyFile.read(folder.groundKeys(settings.sat())).signer(1);
            } catch (IOException e) {
                throw new MissionException(MissionError.GROUND_SESSION, "cannot read the command keys: " + e.getMessage(), e);
            }
            sequences = new SequenceCounter(folder.groundState());
            // The eclipse forecast before any load: without it the throttler cannot shed ahead of the first
            // eclipse (loading the boards first gave a 1 s brown-out at the first eclipse entry).
            uplinkEphemeris(missionNow());
            uplinkElements(firstElements); // the satellite then predicts its own eclipses too
            initialLoad(missionNow());
            Instant now;
            int next = 0;
            long lastTick = 0;
            double cutoffS = commandCutoffS(plan);
            while (flight.isAlive()) {
                session.drain();
                now = missionNow();
                double elapsed = Duration.between(plan.start(), now).toMillis() / 1000.0;
                boolean commanding = elapsed < cutoffS;
                while (commanding && next < steps.size() && steps.get(next).atS() <= elapsed) {
                    Step s = steps.get(next++);
                    try {
                        // each step at the satellite's latest time: earlier steps' round trips moved it on
                        s.action().run(missionNow());
                    } catch (RefusedException e) {
                        say(now, "ground", s.what() + ": refused on the ground (" + e.code() + "): " + e.getMessage());
                    }
                }
                if (commanding && elapsed >= nextFeedS) {
                    feed(missionNow());
                    nextFeedS = elapsed + Math.max(300, plan.durationS() / 432);
                }
                // Results verified before the cutoff are acknowledged even once it has passed (they were
                // waiting while the last steps ran); those verified after it stay on board.
                acknowledgeResults(plan.start().plusMillis(Math.round(cutoffS * 1000)));
                if (System.nanoTime() - lastTick > 100_000_000L) {
                    progress.accept((long) elapsed);
                    lastTick = System.nanoTime();
                }
                Thread.sleep(20);
            }
        } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
            throw new MissionException(MissionError.GROUND_SESSION, "ground session: " + e.getMessage(), e);
        }
    }

    /**
     * Mission time (s from the start) after which the ground sends nothing more: flight stops at
     * the end of the mission, and a command sent as it stops would get no answer. Results
     * verified after it stay unacknowledged (still on board), which the verdict allows.
     */
    static double commandCutoffS(MissionPlan plan) {
        return plan.durationS() - Math.max(600, 0.02 * plan.durationS());
    }

    /** Waits for the satellite's birth message ({@code online}), or fails if flight dies first. */
    private void awaitOnline(FlightProcess flight) throws MissionException, InterruptedException {
        long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!live.wasOnline() || live.housekeeping() == null) {
            if (!flight.isAlive()) {
                throw new MissionException(MissionError.FLIGHT_START, "the flight software exited before it came online "
                        + "(see " + folder.flightLog() + ")");
            }
            if (System.nanoTime() > end) {
                throw new MissionException(MissionError.FLIGHT_START, "the flight software did not come online within "
                        + "3 minutes (see " + folder.flightLog() + ")");
            }
            Thread.sleep(5);
        }
    }

    private Instant missionNow() {
        Instant t = live.missionTime();
        return t == null ? plan.start() : t;
    }

    // -------------------------------------------------------------------------------------- actions

    private FlightDynamics flightDynamics() {
        return FlightDynamics.of(plan.scenario());
    }

    /**
     * The daily refresh: a fit that flight dynamics cannot make is reported and skipped (the satellite
     * flies on the elements it has), not the end of the ground session.
     */
    private void refreshElements(Instant now) throws Exception {
        FittedElements fitted;
        try {
            fitted = flightDynamics().elements(now);
        } catch (io.sunsync.orbit.ElementsException e) {
            say(now, "ground", "flight dynamics: no new elements today: " + e.getMessage());
            return;
        }
        uplinkElements(fitted);
    }

    /** Uplinks orbit elements flight dynamics fitted to the truth orbit (a day of it before their epoch). */
    private void uplinkElements(FittedElements elements) throws Exception {
        command("orbit.elements", args("elements", elements.tle()), String.format(Locale.ROOT,
                "flight dynamics: orbit elements of %s (fit residual %.0f m)", elements.epoch(), elements.fitRmsM()),
                CommandLog.Expect.COMPLETED);
    }

    /** Uplinks the eclipse windows from now to a day ahead (at most 64, flight's limit). */
    private void uplinkEphemeris(Instant now) throws Exception {
        ObjectNode a = ephemeris(plan, now);
        JsonNode windows = a.path("windows");
        String until = windows.isEmpty() ? "-" : windows.get(windows.size() - 1).path("end").asText();
        command("forecast.ephemeris", a, "flight dynamics: " + windows.size() + " eclipse windows until " + until,
                CommandLog.Expect.COMPLETED);
    }

    /**
     * The arguments of {@code forecast.ephemeris} for the eclipse windows of {@code plan}'s orbit
     * from a little before {@code now} (an eclipse under way is included) to a day ahead, at most
     * 64 (flight's limit), as flight dynamics would predict them from the truth orbit: each window
     * from the penumbra entry (the array's output starts to fall) to the penumbra exit (full output),
     * with its umbra, or for a grazing pass the least share of the Sun it shows.
     */
    public static ObjectNode ephemeris(MissionPlan plan, Instant now) {
        Instant to = now.plus(Duration.ofHours(26));
        if (to.isAfter(plan.end().plus(Duration.ofHours(2)))) {
            to = plan.end().plus(Duration.ofHours(2));
        }
        List<EclipsePass> passes = plan.scenario().truthOrbit().eclipses(now.minus(Duration.ofMinutes(30)), to).stream()
                .filter(p -> p.penumbraEnd().isAfter(now)).limit(MAX_WINDOWS).toList();
        ObjectNode a = JSON.createObjectNode();
        ArrayNode list = a.putArray("windows");
        for (EclipsePass p : passes) {
            ObjectNode w = list.addObject().put("start", p.penumbraStart().toString()).put("end", p.penumbraEnd().toString());
            if (p.total()) {
                w.put("umbraStart", p.umbraStart().toString()).put("umbraEnd", p.umbraEnd().toString());
            } else {
                // a grazing pass: how much of the Sun it still shows (rounded down: never more than it is)
                w.put("minLitPct", Math.floor(p.minLitFraction() * 1000) / 10);
            }
        }
        return a;
    }

    /** Fills the boards: training on most, sweeps on the rest, and one of each other synthetic kind. */
    private void initialLoad(Instant now) throws Exception {
        int trains = plan.boards() / mix.boardsOf(JobMix.Kind.TRAIN);
        int n = 0;
        for (int i = 0; i < trains + 1; i++) {
            n += submit(JobMix.Kind.TRAIN, now, false) ? 1 : 0;
        }
        for (int i = 0; i < sweepReserve() + plan.boards() % mix.boardsOf(JobMix.Kind.TRAIN); i++) {
            n += submit(JobMix.Kind.SWEEP, now, false) ? 1 : 0;
        }
        say(now, "ground", "job.submit x" + n + ": " + (trains + 1) + " training runs of "
                + mix.boardsOf(JobMix.Kind.TRAIN) + " boards and one-board sweeps to fill the "
                + plan.boards() + " boards");
    }

    /** Keeps a training run and a few sweeps queued, so boards that come free always find work. */
    private void feed(Instant now) throws Exception {
        int queuedTrain = 0;
        int queuedSweep = 0;
        for (JobBook.Job j : jobs.jobs()) {
            if (j.phase() == JobBook.Phase.QUEUED) {
                if (j.id().startsWith("train-")) {
                    queuedTrain++;
                } else if (j.id().startsWith("sweep-")) {
                    queuedSweep++;
                }
            }
        }
        if (queuedTrain < 1) {
            submit(JobMix.Kind.TRAIN, now, false);
        }
        for (int i = queuedSweep; i < sweepReserve(); i++) {
            submit(JobMix.Kind.SWEEP, now, false);
        }
    }

    private int sweepReserve() {
        return Math.max(2, plan.boards() / 16);
    }

    /** Submits the next job of {@code kind}; true if the satellite queued it. */
    private boolean submit(JobMix.Kind kind, Instant now, boolean announce) throws Exception {
        ObjectNode spec = mix.next(kind, now);
        ObjectNode a = JSON.createObjectNode();
        a.set("spec", spec);
        String what = spec.path("id").asText() + " (" + spec.path("kind").asText() + ", "
                + spec.path("boards").path("count").asInt() + " board" + (spec.path("boards").path("count").asInt() == 1 ? "" : "s")
                + ", priority " + spec.path("priority").asInt()
                + (spec.has("expectedWorkUnits") ? ", " + spec.path("expectedWorkUnits").asLong() + " work units" : "")
                + (spec.has("deadline") ? ", due " + spec.path("deadline").asText() : "") + ")";
        CommandLog.Entry e = send("job.submit", a, "submit " + what, CommandLog.Expect.COMPLETED, signer, VALID, announce);
        if ("COMPLETED".equals(e.stage())) {
            submitted++;
            return true;
        }
        return false;
    }

    /** A job submitted by mistake and cancelled at once. */
    private void submitAndCancel(Instant now) throws Exception {
        ObjectNode spec = mix.next(JobMix.Kind.EVAL, now);
        spec.put("id", "eval-wrong-dataset");
        // low priority and long, so it is still queued or running when the cancel arrives
        spec.put("priority", 10);
        if (spec.has("expectedWorkUnits")) {
            spec.put("expectedWorkUnits", 100 * spec.path("expectedWorkUnits").asLong());
        }
        ObjectNode a = JSON.createObjectNode();
        a.set("spec", spec);
        send("job.submit", a, "submit eval-wrong-dataset (a mistake)", CommandLog.Expect.COMPLETED, signer, VALID, true);
        submitted++;
        command("job.cancel", args("id", "eval-wrong-dataset", "reason", "wrong data set"),
                "cancel the job submitted by mistake", CommandLog.Expect.COMPLETED);
    }

    /** A command signed with a key that is not the satellite's: it must be refused (BAD_MAC). */
    private void forged(Instant now) throws Exception {
        byte[] wrongKey = new byte[32];
        new SecureRandom().nextBytes(wrongKey);
        CommandSigner forger = new CommandSigner(settings.sat(), signer.keyId(), wrongKey);
        send("board.cap", args("board", Scenario.boardId(0), "capW", 1),
                "FORGED: an attacker's board.cap 1 W, signed with a key that is not the satellite's",
                CommandLog.Expect.REJECTED, forger, VALID, true);
    }

    /** A command held up past its validity window: it must be refused (EXPIRED). */
    private void stale(Instant now) throws Exception {
        send("board.cap", args("board", Scenario.boardId(0), "capW", 400),
                "STALE: a board.cap whose validity window closed before it arrived",
                CommandLog.Expect.REJECTED, signer, Duration.ofMinutes(-10), true);
    }

    /**
     * Acknowledges every result the collector verified since the last call before {@code cutoff},
     * all sent before the first report is awaited: one at a time, a ground on a loaded machine fell
     * behind the rehearsal's compressed time and left results unacknowledged at the end. Those
     * verified after the cutoff stay on board, as the verdict expects.
     */
    private void acknowledgeResults(Instant cutoff) throws Exception {
        // Once flight has exited an acknowledgement would only wait out its report timeout: the
        // rest stay unacknowledged (on board), which the verdict allows for results near the end.
        List<ResultCollector.Verified> batch = new ArrayList<>();
        ResultCollector.Verified v;
        while (flight.isAlive() && (v = results.verified().poll()) != null) {
            if (v.missionAt() != null && v.missionAt().isBefore(cutoff)) {
                batch.add(v);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        session.drain();
        Instant at = missionNow();
        long t0 = System.nanoTime();
        List<CommandSession.Request> requests = batch.stream()
                .map(r -> new CommandSession.Request("job.ackResult", args("id", r.job()))).toList();
        List<String> lines = new ArrayList<>();
        List<CommandSession.Result> done;
        try {
            done = session.sendEach(signer, sequences, requests, VALID, REPORT_TIMEOUT, CommandSession.lines(lines::add));
        } catch (RefusedException e) {
            for (int i = 0; i < batch.size(); i++) {
                logged(at, refused(at, requests.get(i), purposeOfAck(batch.get(i)), CommandLog.Expect.COMPLETED, e, t0),
                        i == 0 ? lines : List.of(), false);
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            CommandLog.Entry e = entry(at, requests.get(i).name(), purposeOfAck(batch.get(i)), requests.get(i).args(),
                    CommandLog.Expect.COMPLETED, done.get(i), t0);
            logged(at, e, i == 0 ? lines : List.of(), false);
            if ("COMPLETED".equals(e.stage())) {
                acknowledged.add(batch.get(i).job());
            }
        }
    }

    private static String purposeOfAck(ResultCollector.Verified v) {
        return "acknowledge the verified result of " + v.job() + " (" + v.bytes() + " bytes, " + v.files().size()
                + " file(s))";
    }

    private void command(String name, ObjectNode args, String purpose, CommandLog.Expect expect) throws Exception {
        send(name, args, purpose, expect, signer, VALID, true);
    }

    /** Sends a command through the session, follows it to its final report and logs it. */
    private CommandLog.Entry send(String name, ObjectNode args, String purpose, CommandLog.Expect expect,
                                  CommandSigner with, Duration valid, boolean announce) throws Exception {
        session.drain();
        Instant at = missionNow();
        long t0 = System.nanoTime();
        List<String> lines = new ArrayList<>();
        CommandLog.Entry entry;
        try {
            CommandSession.Result r = session.execute(with, sequences, name, args, valid, REPORT_TIMEOUT,
                    (sat, cmd, a) -> true, lines::add);
            entry = entry(at, name, purpose, args, expect, r, t0);
        } catch (RefusedException e) {
            entry = refused(at, new CommandSession.Request(name, args), purpose, expect, e, t0);
        }
        logged(at, entry, lines, announce);
        return entry;
    }

    private static CommandLog.Entry entry(Instant at, String name, String purpose, ObjectNode args,
                                          CommandLog.Expect expect, CommandSession.Result r, long t0) {
        VerificationReport last = r.last();
        boolean armed = r.reports().stream().anyMatch(rep -> "arm".equals(rep.name()));
        return new CommandLog.Entry(at, name, purpose, abridged(args), expect, r.seq(), armed,
                last == null ? "NO_REPORT" : last.stage(), last == null ? null : last.reason(),
                last == null ? "no final report within " + REPORT_TIMEOUT.toSeconds() + " s" : last.message(),
                (System.nanoTime() - t0) / 1e6);
    }

    private static CommandLog.Entry refused(Instant at, CommandSession.Request r, String purpose,
                                            CommandLog.Expect expect, RefusedException e, long t0) {
        return new CommandLog.Entry(at, r.name(), purpose, abridged(r.args()), expect, -1, false,
                "REFUSED_ON_GROUND", e.code().name(), e.getMessage(), (System.nanoTime() - t0) / 1e6);
    }

    /** Records {@code entry} in the command log and the session log, and says it when asked or unexpected. */
    private void logged(Instant at, CommandLog.Entry entry, List<String> lines, boolean announce) {
        log.add(entry);
        for (String l : lines) {
            sessionLog.println(at + "  " + l);
        }
        CommandLog.Expect expect = entry.expect();
        String verdict = entry.asExpected() ? (expect == CommandLog.Expect.REJECTED ? "  (as expected)" : "")
                : "  (NOT AS EXPECTED: " + expect + ")";
        String line = entry.name() + ": " + entry.purpose() + " -> " + entry.stage()
                + (entry.reason() == null ? "" : " " + entry.reason()) + (entry.armed() ? " [armed]" : "") + verdict;
        sessionLog.println(at + "  " + line);
        sessionLog.flush();
        if (announce || !entry.asExpected()) {
            say(at, "ground", line);
        }
    }

    private void say(Instant at, String who, String text) {
        String elapsed = elapsedLabel(at);
        console.line(String.format(Locale.ROOT, "  %s %-16s %-6s %s", elapsed, at.toString().substring(0, 16) + "Z", who,
                text));
    }

    /** {@code T+d.hh:mm} from the mission start. */
    String elapsedLabel(Instant at) {
        long s = Math.max(0, Duration.between(plan.start(), at).toSeconds());
        return String.format(Locale.ROOT, "T+%d.%02d:%02d", s / 86_400, s % 86_400 / 3600, s % 3600 / 60);
    }

    /** Prints an on-board event worth an operator's attention (called from the recorder thread). */
    public void onEvent(io.sunsync.ground.events.EventRecord e) {
        boolean notable = e.severity().ordinal() >= io.sunsync.ground.events.Severity.MEDIUM.ordinal()
                || e.code().startsWith("MODE_") || e.code().equals("JOB_FAILED") || e.code().equals("JOB_EXPIRED")
                || e.code().equals("JOB_CANCELLED");
        if (notable) {
            say(e.t(), "sat", e.severity() + " " + e.source() + " " + e.code() + ": " + e.message());
        }
    }

    private static ObjectNode args(Object... kv) {
        ObjectNode o = JSON.createObjectNode();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            if (v instanceof Integer n) {
                o.put((String) kv[i], n);
            } else if (v instanceof Number n) {
                o.put((String) kv[i], n.doubleValue());
            } else {
                o.put((String) kv[i], String.valueOf(v));
            }
        }
        return o;
    }

    private static String abridged(ObjectNode args) {
        String s = args.toString();
        return s.length() <= 200 ? s : s.substring(0, 197) + "...";
    }
}
