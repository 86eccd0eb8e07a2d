package io.sunsync.ground.mission;

import io.sunsync.ground.archive.ArchiveReader;
import io.sunsync.ground.archive.ArchiveRecord;
import io.sunsync.ground.events.EventRecord;
import io.sunsync.ground.tmauth.TelemetryVerifier;
import io.sunsync.ground.tmauth.Verdict;
import io.sunsync.sim.control.ScenarioRunner;
import io.sunsync.testkit.EmbeddedBroker;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The mission rehearsal behind {@code sunsync demo}, end to end: an embedded MQTT 5 broker, the
 * flight software started by its own launcher as a child process on the sim backend (real
 * journal, outbox and commanding state on disk), the ground station in this process (recorder,
 * result downloads, the scripted operator), the static baseline on the same scenario, and at the
 * end the mission report built from the ground's archive and the sim's truth log.
 *
 * <p>Threading: {@link #run} on the calling thread; it starts the recorder, the result
 * collector and the baseline on threads of their own and joins them.
 */
public final class MissionRun {
    private final MissionSettings settings;
    private final PrintStream out;
    private final GroundReady onGroundReady;

    /** Told when the ground station can be joined: the broker is up and the satellite's keys are written. */
    @FunctionalInterface
    public interface GroundReady {
        /**
         * Called on the run's thread before flight starts.
         *
         * @param brokerUrl the mission's broker
         * @param folder    the mission folder (the satellite's command keys: {@link MissionFolder#groundKeys},
         *                  the station's sequence numbers: {@link MissionFolder#groundState})
         */
        void ready(String brokerUrl, MissionFolder folder) throws Exception;
    }

    /**
     * @param settings how to run
     * @param out      the console (progress, the ground's lines, the summary)
     */
    public MissionRun(MissionSettings settings, PrintStream out) {
        this(settings, out, (url, folder) -> {
        });
    }

    /** As {@link #MissionRun(MissionSettings, PrintStream)}, telling {@code onGroundReady} when the ground can be joined. */
    public MissionRun(MissionSettings settings, PrintStream out, GroundReady onGroundReady) {
        this.settings = settings;
        this.out = out;
        this.onGroundReady = onGroundReady;
    }

    /** Runs the rehearsal and writes the report; the report's verdict says whether it passed. */
    public MissionReport run() throws MissionException, InterruptedException {
        long t0 = System.nanoTime();
        LoadAverage loadAtStart = LoadAverage.now();
        MissionPlan plan = MissionPlan.of(settings);
        MissionFolder folder = MissionFolder.prepare(settings.out());
        header(plan, folder);
        CompletableFuture<ScenarioRunner.RunResult> baseline = BaselineRun.start(plan);
        EmbeddedBroker broker;
        try {
            broker = EmbeddedBroker.start();
        } catch (RuntimeException e) {
            throw new MissionException(MissionError.BROKER, "the embedded MQTT broker did not start: " + e.getMessage(), e);
        }
        try (broker; PrintWriter sessionLog = new PrintWriter(Files.newBufferedWriter(folder.sessionLog(),
                StandardCharsets.UTF_8))) {
            String url = "tcp://127.0.0.1:" + broker.port();
            out.printf("  broker    %s  (HiveMQ CE embedded, MQTT 5)%n", url);
            Path config = folder.writeFlight(settings, plan, url);
            GradingRun grading = GradingRun.start(settings, plan, folder);
            onGroundReady.ready(url, folder);
            StreamLedger ledger = new StreamLedger();
            // One verifier for the ground's two sessions (their streams do not overlap).
            TelemetryVerifier verifier = new TelemetryVerifier(folder.telemetryKeys(settings.sat()));
            LiveView live = new LiveView();
            JobBook jobs = new JobBook();
            CommandLog commands = new CommandLog();
            boolean bar = settings.progress() && Console.isTerminal();
            try (Console console = new Console(out, bar, Math.round(plan.durationS()));
                 ResultCollector results = ResultCollector.open(url, settings.sat(), folder.results(), ledger, live,
                         verifier)) {
                GroundScript script = new GroundScript(settings, plan, folder, url, live, jobs, results, commands, console,
                        sessionLog);
                try (TelemetryRecorder recorder = TelemetryRecorder.open(url, settings.sat(), folder.archive(), ledger, live,
                        jobs, script::onEvent, verifier)) {
                    Thread recorderThread = start(recorder, "ground-recorder");
                    Thread resultsThread = start(results, "ground-results");
                    long flightT0 = System.nanoTime();
                    Integer exit;
                    List<String> flightCommand;
                    try (FlightProcess flight = FlightProcess.start(settings.flightCommand(), config, plan.durationS(),
                            folder.flightLog())) {
                        flightCommand = flight.command();
                        out.printf("  flight    %s  (pid %d, log %s)%n%n", String.join(" ", flight.command()), flight.pid(),
                                relative(folder.flightLog()));
                        out.flush();
                        script.run(flight, elapsedS -> console.progress(elapsedS, status(live, jobs, script)));
                        exit = flight.waitFor(120);
                        console.progress(Math.round(plan.durationS()), status(live, jobs, script));
                    }
                    double flightWallS = (System.nanoTime() - flightT0) / 1e9;
                    // Let what the broker still holds for us arrive, then stop.
                    recorder.finish();
                    results.finish();
                    recorderThread.join(TimeUnit.SECONDS.toMillis(60));
                    resultsThread.join(TimeUnit.SECONDS.toMillis(60));
                    check(recorder.failure(), "the ground recorder");
                    check(results.failure(), "the result downloads");
                    console.close();
                    out.printf("%nflight exited with code %s after %.0f s; building the report...%n",
                            exit == null ? "(none: still running after 2 minutes, stopped)" : exit, flightWallS);
                    out.flush();
                    MissionData data = new MissionData(settings, plan, folder, url, flightCommand, exit, flightWallS,
                            loadAtStart, LoadAverage.now(), hk(folder, settings.sat()), events(folder, settings.sat()),
                            TruthLog.read(folder.truthLog()), baseline(baseline), commands.entries(), results.all(),
                            results.incomplete(), script.acknowledged(), script.submitted(), ledger.snapshot(),
                            results.badChunks(), results.duplicateChunks(), jobs, recorder.duplicates(),
                            grades(grading), verdicts(verifier.counts(settings.sat())));
                    MissionReport report = MissionReport.build(data, (System.nanoTime() - t0) / 1e9);
                    report.write();
                    return report;
                }
            }
        } catch (IOException e) {
            throw new MissionException(MissionError.OUT_FOLDER, "cannot write in " + folder.root() + ": " + e.getMessage(), e);
        } catch (MissionException | InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new MissionException(MissionError.GROUND_SESSION, "the ground session failed: " + e, e);
        }
    }

    /** The grading run's verdict, waiting for it (it started with the mission, so it is usually done). */
    private GradingRun.Grades grades(GradingRun grading) throws InterruptedException {
        if (grading == null) {
            return null;
        }
        try (grading) {
            out.printf("grading the throttler against the peers on this scenario...%n");
            out.flush();
            return grading.await(900);
        }
    }

    private void header(MissionPlan plan, MissionFolder folder) {
        double days = plan.durationS() / 86_400;
        out.printf(Locale.ROOT, "sunsync demo: mission rehearsal '%s', %.2f days from %s, %d boards, seed %d%n",
                plan.scenario().name(), days, plan.start(), plan.boards(), plan.scenario().seed());
        String pace = settings.speed() > 0 ? String.format(Locale.ROOT, "%.0f x real time (%s of mission in about %s)",
                settings.speed(), human(plan.durationS()), human(plan.durationS() / settings.speed()))
                : "as fast as flight can go";
        out.printf(Locale.ROOT, "  pace      %s; housekeeping every %.0f s, control every %.0f s of mission time%n", pace,
                settings.hkPeriodS(), settings.controlPeriodS());
        out.printf("  output    %s%n", relative(folder.root()));
        out.flush();
    }

    static String human(double s) {
        if (s >= 2 * 86_400) {
            return String.format(Locale.ROOT, "%.1f days", s / 86_400);
        }
        if (s >= 2 * 3600) {
            return String.format(Locale.ROOT, "%.1f h", s / 3600);
        }
        if (s >= 120) {
            return String.format(Locale.ROOT, "%.0f min", s / 60);
        }
        return String.format(Locale.ROOT, "%.0f s", s);
    }

    private static String relative(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        return p.startsWith(cwd) ? cwd.relativize(p).toString() : p.toString();
    }

    private static String status(LiveView live, JobBook jobs, GroundScript script) {
        com.fasterxml.jackson.databind.JsonNode hk = live.housekeeping();
        if (hk == null) {
            return "waiting for the satellite";
        }
        String t = hk.path("t").asText("");
        t = t.length() >= 16 ? t.substring(5, 10) + " " + t.substring(11, 16) + "Z" : t;
        return String.format(Locale.ROOT, "%s SoC %3.0f%% %s %s wu, %d jobs done, %d results",
                t, hk.path("power").path("socPct").asDouble(Double.NaN),
                hk.path("power").path("sunlit").asBoolean(true) ? "sun" : "ecl",
                MissionReport.compact(hk.path("boards").path("workUnits").asDouble()),
                jobs.counts().get(JobBook.Phase.SUCCEEDED), script.acknowledged().size());
    }

    private static Thread start(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void check(Throwable failure, String what) throws MissionException {
        if (failure != null) {
            throw new MissionException(MissionError.GROUND_SESSION, what + " failed: " + failure, failure);
        }
    }

    private static ScenarioRunner.RunResult baseline(CompletableFuture<ScenarioRunner.RunResult> f)
            throws InterruptedException {
        try {
            return f.get(10, TimeUnit.MINUTES);
        } catch (ExecutionException | TimeoutException e) {
            return null; // the report says the baseline is missing; the mission itself is unaffected
        }
    }

    private static List<ArchiveRecord> hk(MissionFolder folder, String sat) throws IOException {
        return new ArchiveReader(folder.archive()).read(sat, "hk", null, null, null);
    }

    private static List<EventRecord> events(MissionFolder folder, String sat) throws IOException {
        List<EventRecord> out = new ArrayList<>();
        for (ArchiveRecord r : new ArchiveReader(folder.archive()).read(sat, "evt", null, null, null)) {
            try {
                out.add(EventRecord.parse(sat, r.msg()));
            } catch (IllegalArgumentException e) {
                // not an ICD event; it stays in the archive
            }
        }
        return out;
    }

    /** Verdict counts by name, every verdict present. */
    private static Map<String, Long> verdicts(Map<Verdict, Long> counts) {
        Map<String, Long> m = new java.util.LinkedHashMap<>();
        for (Verdict v : Verdict.values()) {
            m.put(v.name(), counts.getOrDefault(v, 0L));
        }
        return m;
    }
}
