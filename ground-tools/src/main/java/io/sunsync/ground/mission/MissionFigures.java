package io.sunsync.ground.mission;

import com.fasterxml.jackson.databind.JsonNode;
import io.sunsync.ground.archive.ArchiveRecord;
import io.sunsync.ground.events.EventRecord;
import io.sunsync.sim.economy.DesignCheck;
import io.sunsync.sim.economy.EnergyBalance;
import io.sunsync.sim.economy.MassBudget;
import io.sunsync.sim.economy.WattsAndTonnes;
import io.sunsync.sim.power.EnergyTotals;
import io.sunsync.sim.scenario.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The mission report's figures, computed from {@link MissionData}: what the ground saw (its
 * archive, its command log, its results) checked against what physically happened (the truth
 * log) and against the best any controller could have done (the oracle) and the static baseline.
 * Serialised as {@code summary.json}. Immutable.
 *
 * @param run       how the rehearsal ran
 * @param work      compute delivered, against the oracle and the baseline
 * @param energy    the energy account
 * @param limits    limit violations and the margins kept
 * @param modes     mode changes
 * @param commands  telecommands sent and how they ended
 * @param telemetry what the ground received of each downlink stream
 * @param results   results delivered, verified and acknowledged
 * @param jobs      the jobs
 * @param faults    faults that happened and what fault protection did
 * @param economy   the economy in watts and tonnes: mass, energy balance, work per kWh, per kg, per $
 */
public record MissionFigures(Run run, Work work, Energy energy, Limits limits, Modes modes, Commands commands,
                             Telemetry telemetry, Results results, Jobs jobs, Faults faults, Economy economy) {
    private static final com.fasterxml.jackson.databind.ObjectMapper TOTALS = new com.fasterxml.jackson.databind.ObjectMapper()
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * How the rehearsal ran.
     *
     * @param scenario       scenario name
     * @param description    what it shows
     * @param start          mission start
     * @param end            mission end
     * @param days           mission length, days
     * @param boards         accelerator boards
     * @param seed           random seed
     * @param speed          mission seconds per wall second (0: flat out)
     * @param hkPeriodS      housekeeping period, s
     * @param controlPeriodS control period, s
     * @param wallS          wall time of the whole rehearsal, s
     * @param flightWallS    wall time flight ran, s
     * @param achievedSpeed  mission seconds per wall second flight achieved
     * @param loadAtStart    load average at the start
     * @param loadAtEnd      load average when flight ended
     * @param cores          CPU cores
     * @param java           Java version
     * @param flightCommand  flight's command line
     * @param flightExit     flight's exit code (null: stopped)
     */
    public record Run(String scenario, String description, Instant start, Instant end, double days, int boards,
                      long seed, double speed, double hkPeriodS, double controlPeriodS, double wallS, double flightWallS,
                      double achievedSpeed, String loadAtStart, String loadAtEnd, int cores, String java,
                      String flightCommand, Integer flightExit) {
    }

    /**
     * Compute delivered (1 work unit = one board-second at full cap).
     *
     * @param workUnits             what the boards delivered (truth)
     * @param groundWorkUnits       what housekeeping reported last
     * @param oracleWorkUnits       the oracle's bound for the same time (NaN if missing)
     * @param ratioToOracle         work / bound
     * @param oracleMethod          how the bound was computed
     * @param baselineController    the static baseline (null if it did not run)
     * @param baselineWorkUnits     its work
     * @param baselineRatioToOracle its work / bound
     * @param ratioToBaseline       work / the baseline's
     * @param jobsWorkUnits         work the jobs reported done (their last progress)
     */
    public record Work(double workUnits, double groundWorkUnits, double oracleWorkUnits, double ratioToOracle,
                       String oracleMethod, String baselineController, double baselineWorkUnits,
                       double baselineRatioToOracle, double ratioToBaseline, double jobsWorkUnits) {
    }

    /**
     * The energy account, in kWh.
     *
     * @param arrayAvailableKWh   what the arrays could deliver
     * @param arrayDeliveredKWh   what they delivered
     * @param boardsKWh           what the boards drew
     * @param essentialKWh        housekeeping, pumps and heaters
     * @param curtailedKWh        array power left unused (shunted)
     * @param curtailedPct        curtailed, % of available
     * @param sunlitCurtailedPct  curtailed, % of what was available in sunlight
     * @param batteryLossKWh      battery losses
     * @param baselineCurtailedKWh the baseline's curtailment
     * @param eclipseS            time in eclipse, s
     * @param eclipses            eclipses seen in housekeeping
     */
    public record Energy(double arrayAvailableKWh, double arrayDeliveredKWh, double boardsKWh, double essentialKWh,
                         double curtailedKWh, double curtailedPct, double sunlitCurtailedPct, double batteryLossKWh,
                         double baselineCurtailedKWh, double eclipseS, int eclipses) {
    }

    /**
     * Limits and margins (truth).
     *
     * @param violations       violation episodes, all kinds
     * @param byKind           episodes by kind
     * @param episodes         the first episodes (kind, device, start, duration, worst, limit)
     * @param minSocPct        lowest state of charge
     * @param floorPct         the battery's depth-of-discharge floor
     * @param maxBoardTempC    hottest board die
     * @param slowdownC        boards' hardware slowdown temperature
     * @param maxLoopC         warmest coolant loop
     * @param loopMaxC         loops' upper limit
     * @param minLoopC         coldest coolant loop
     * @param loopMinC         loops' lower limit
     */
    public record Limits(int violations, Map<String, Integer> byKind, List<JsonNode> episodes, double minSocPct,
                         double floorPct, double maxBoardTempC, double slowdownC, double maxLoopC, double loopMaxC,
                         double minLoopC, double loopMinC) {
    }

    /**
     * Mode changes.
     *
     * @param changes   every change: mission time, mode, reason
     * @param timeInS   seconds spent in each mode (from housekeeping)
     */
    public record Modes(List<Map<String, String>> changes, Map<String, Double> timeInS) {
    }

    /**
     * Telecommands.
     *
     * @param sent             commands sent (arm commands not counted separately)
     * @param completed        ended COMPLETED
     * @param rejected         ended REJECTED
     * @param failed           ended FAILED
     * @param unanswered       no final report
     * @param refusedOnGround  refused by the ground's own checks (never sent)
     * @param armed            sent arm-then-execute
     * @param rejectedBy       rejections by reason
     * @param byName           per command: sent, completed, rejected, failed, mean round trip (ms)
     * @param asExpected       ended as the ground expected
     * @param unexpected       those that did not
     * @param notable          the operator commands (everything but the routine job submissions and acknowledgements)
     * @param flightCounters   the satellite's own counters (last housekeeping: received, accepted, rejected, rejectedBy, ...)
     */
    public record Commands(int sent, int completed, int rejected, int failed, int unanswered, int refusedOnGround,
                           int armed, Map<String, Integer> rejectedBy, Map<String, Map<String, Object>> byName,
                           int asExpected, List<CommandLog.Entry> unexpected, List<CommandLog.Entry> notable,
                           JsonNode flightCounters) {
    }

    /**
     * Telemetry received, per downlink stream.
     *
     * @param streams         per stream: produced, delivered, duplicates, lost, gaps
     * @param hkFrames        housekeeping frames archived
     * @param hkExpected      frames the mission should have produced (duration / period)
     * @param lost            messages lost, all streams
     * @param lostExplained   of those, reported by flight as dropped (OUTBOX_DROPPED)
     * @param flightDropped   messages flight says it gave up on (last housekeeping {@code link.dropped})
     * @param archiveRecords  records in the ground's archive
     * @param duplicatesDropped redelivered copies the archive recognised and dropped
     * @param linkOutages     link outages the scenario scripted (truth)
     */
    public record Telemetry(List<Map<String, Object>> streams, long hkFrames, long hkExpected, long lost,
                            long lostExplained, long flightDropped, long archiveRecords, long duplicatesDropped,
                            int linkOutages) {
    }

    /**
     * Results.
     *
     * @param jobsSucceeded      jobs that ended SUCCEEDED
     * @param delivered          results downloaded with every chunk and file checked (SHA-256)
     * @param bytes              their size
     * @param acknowledged       acknowledged by the ground (job.ackResult COMPLETED)
     * @param releasedOnBoard    acknowledgements flight confirmed (RESULT_ACKNOWLEDGED)
     * @param pendingAtEnd       results of jobs that finished in the last minutes, still on board (not lost)
     * @param lost               results of jobs that finished well before the end and never arrived
     * @param incompleteDownloads downloads begun and not finished
     * @param badChunks          chunks that failed their checksum (asked again)
     * @param duplicateChunks    chunks that came twice
     * @param processOutputs     what the process jobs wrote (file: first line)
     */
    public record Results(int jobsSucceeded, int delivered, long bytes, int acknowledged, int releasedOnBoard,
                          List<String> pendingAtEnd, List<String> lost, Map<String, Long> incompleteDownloads,
                          long badChunks, long duplicateChunks, Map<String, String> processOutputs) {
    }

    /**
     * Jobs.
     *
     * @param submitted   jobs the satellite accepted
     * @param byPhase     jobs per state at the end
     * @param preemptions times a job gave its boards up to a higher-priority one
     * @param failures    failed, expired and cancelled jobs with their reason
     */
    public record Jobs(int submitted, Map<String, Integer> byPhase, int preemptions, List<String> failures) {
    }

    /**
     * Faults (truth counts) and what fault protection did (its events).
     *
     * @param counts      upsets, hangs, resets, brown-outs, failures ... (truth)
     * @param fdirEvents  fault protection's events by code
     * @param sensorFaults sensor faults flight flagged
     */
    public record Faults(Map<String, Integer> counts, Map<String, Integer> fdirEvents, int sensorFaults) {
    }

    /**
     * The economy in watts and tonnes (docs/mission-run.md, "Watts and tonnes").
     *
     * @param satellite      what the satellite weighs, part by part, and costs to launch (its scenario's mass and
     *                       cost model, docs/sim-harness.md)
     * @param balance        where the energy the arrays collected went (truth)
     * @param figures        the mission's work per kWh collected, per kWh the boards drew, per kg and per $ of launch
     * @param designProblems why the design could not fly (the battery cannot carry housekeeping through the longest
     *                       eclipse, ...), empty when it can
     * @param controllers    the same for flight in this mission and for every controller flown on its scenario beside
     *                       it: the static baseline, and the grading run's throttler and peers
     */
    public record Economy(MassBudget satellite, EnergyBalance balance, WattsAndTonnes figures, List<String> designProblems,
                          List<ControllerEconomy> controllers) {
    }

    /**
     * One controller in watts and tonnes.
     *
     * @param controller    its name
     * @param source        where it flew: {@code mission} (flight, job mix and drills), {@code baseline} (in process,
     *                      beside the mission) or {@code grading} (the grading run: every board always busy)
     * @param workUnits     its work
     * @param ratioToOracle its work over the oracle's bound
     * @param violations    its limit-violation episodes
     * @param balance       where the energy went
     * @param figures       its work per kWh, per kg, per $
     * @param matchKg       the launch mass per satellite it would need to do the work of the throttler it is compared
     *                      with (the mission's flight for the baseline, the grading run's throttler for its peers):
     *                      satellite kg × (that work / its work − 1); negative when it did more; NaN for the throttlers
     * @param matchUsdLow   that mass at the low end of the launch price range, US$
     * @param matchUsdHigh  at the high end, US$
     */
    public record ControllerEconomy(String controller, String source, double workUnits, double ratioToOracle,
                                    int violations, EnergyBalance balance, WattsAndTonnes figures, double matchKg,
                                    double matchUsdLow, double matchUsdHigh) {
    }

    // -------------------------------------------------------------------------------------------------

    /** Computes the figures of a finished run. */
    public static MissionFigures of(MissionData d, double wallS) {
        return new MissionFigures(run(d, wallS), work(d), energy(d), limits(d), modes(d), commands(d), telemetry(d),
                results(d), jobs(d), faults(d), economy(d));
    }

    private static Economy economy(MissionData d) {
        Scenario s = d.plan().scenario();
        MassBudget mass = MassBudget.of(s);
        double life = s.economy().boardLifeYears();
        List<String> problems = new ArrayList<>(DesignCheck.reasons(s));
        JsonNode fin = d.truth().last();
        EnergyBalance balance = null;
        WattsAndTonnes figures = null;
        double work = Double.NaN;
        List<ControllerEconomy> controllers = new ArrayList<>();
        if (fin != null) {
            try {
                EnergyTotals e = TOTALS.treeToValue(fin.path("energy"), EnergyTotals.class);
                double elapsedS = fin.path("elapsedS").asDouble();
                work = fin.path("workUnits").asDouble(Double.NaN);
                balance = EnergyBalance.of(e, s.bus().housekeepingW(), elapsedS);
                figures = WattsAndTonnes.of(work, elapsedS, balance, mass, life);
                JsonNode oracle = d.truth().oracle();
                int violations = 0;
                for (var it = fin.path("violationCounts").elements(); it.hasNext(); ) {
                    violations += it.next().asInt();
                }
                controllers.add(new ControllerEconomy("flight (sunsync throttler)", "mission", work,
                        oracle == null ? Double.NaN : work / oracle.path("workUnits").asDouble(Double.NaN), violations,
                        balance, figures, Double.NaN, Double.NaN, Double.NaN));
            } catch (java.io.IOException | IllegalArgumentException ex) {
                problems.add("the truth log's energy totals could not be read: " + ex.getMessage());
            }
        }
        if (d.baseline() != null) {
            var t = d.baseline().truth();
            EnergyBalance b = EnergyBalance.of(t.energy(), s.bus().housekeepingW(), t.elapsedS());
            int violations = t.violationCounts().values().stream().mapToInt(Integer::intValue).sum();
            JsonNode oracle = d.truth().oracle();
            controllers.add(controller(d.baseline().controller(), "baseline", t.workUnits(),
                    oracle == null ? Double.NaN : t.workUnits() / oracle.path("workUnits").asDouble(Double.NaN), violations,
                    b, WattsAndTonnes.of(t.workUnits(), t.elapsedS(), b, mass, life), work, mass));
        }
        GradingRun.Grades g = d.grades();
        if (g != null && g.problem() == null && g.throttler() != null && g.throttler().economy() != null) {
            double thWork = g.throttler().economy().workUnits();
            controllers.add(controller(g.throttler().controller(), "grading", thWork, g.throttler().ratioToOracle(),
                    g.throttler().violations(), g.throttler().energy(), g.throttler().economy(), Double.NaN, mass));
            for (GradingRun.Peer p : g.peers()) {
                if (p.economy() != null) {
                    controllers.add(controller(p.controller(), "grading", p.economy().workUnits(), p.ratioToOracle(),
                            p.violations(), p.energy(), p.economy(), thWork, mass));
                }
            }
        }
        return new Economy(mass, balance, figures, problems, controllers);
    }

    private static ControllerEconomy controller(String name, String source, double work, double ratio, int violations,
                                                EnergyBalance b, WattsAndTonnes w, double throttlerWork, MassBudget mass) {
        double matchKg = mass.totalKg() * (throttlerWork / work - 1);
        return new ControllerEconomy(name, source, work, ratio, violations, b, w, matchKg,
                matchKg * mass.launchLowUsd() / mass.totalKg(), matchKg * mass.launchHighUsd() / mass.totalKg());
    }

    private static Run run(MissionData d, double wallS) {
        var s = d.plan().scenario();
        return new Run(s.name(), s.description(), d.plan().start(), d.plan().end(), d.plan().durationS() / 86_400,
                d.plan().boards(), s.seed(), d.settings().speed(), d.settings().hkPeriodS(),
                d.settings().controlPeriodS(), wallS, d.flightWallS(), d.plan().durationS() / Math.max(1e-9, d.flightWallS()),
                d.loadAtStart().toString(), d.loadAtEnd().toString(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), String.join(" ", d.flightCommand()), d.flightExit());
    }

    private static Work work(MissionData d) {
        JsonNode fin = d.truth().last();
        JsonNode oracle = d.truth().oracle();
        double work = fin == null ? Double.NaN : fin.path("workUnits").asDouble(Double.NaN);
        double bound = oracle == null ? Double.NaN : oracle.path("workUnits").asDouble(Double.NaN);
        double ground = d.hk().isEmpty() ? Double.NaN
                : d.hk().get(d.hk().size() - 1).msg().path("boards").path("workUnits").asDouble(Double.NaN);
        String baseline = d.baseline() == null ? null : d.baseline().controller();
        double baseWork = d.baseline() == null ? Double.NaN : d.baseline().truth().workUnits();
        double jobsWork = 0;
        for (JobBook.Job j : d.jobs().jobs()) {
            jobsWork += Double.isFinite(j.workUnits()) ? j.workUnits() : 0;
        }
        return new Work(work, ground, bound, work / bound, oracle == null ? null : oracle.path("method").asText(),
                baseline, baseWork, baseWork / bound, work / baseWork, jobsWork);
    }

    private static Energy energy(MissionData d) {
        JsonNode e = d.truth().last() == null ? null : d.truth().last().path("energy");
        double available = kwh(e, "arrayAvailableWh");
        double curtailed = kwh(e, "curtailedWh");
        double sunlitAvailable = 0;
        for (JsonNode s : d.truth().samples()) {
            // samples are spot values; the sunlit share of the energy is close to the sunlit share of the samples
            if (s.path("sunlit").asBoolean()) {
                sunlitAvailable += s.path("arrayAvailableW").asDouble();
            }
        }
        double allAvailable = 0;
        for (JsonNode s : d.truth().samples()) {
            allAvailable += s.path("arrayAvailableW").asDouble();
        }
        double sunlitKWh = allAvailable > 0 ? available * sunlitAvailable / allAvailable : available;
        double baselineCurtailed = d.baseline() == null ? Double.NaN : d.baseline().truth().energy().curtailedWh() / 1000;
        int eclipses = 0;
        boolean wasSunlit = true;
        for (ArchiveRecord r : d.hk()) {
            boolean sunlit = r.msg().path("power").path("sunlit").asBoolean(true);
            if (wasSunlit && !sunlit) {
                eclipses++;
            }
            wasSunlit = sunlit;
        }
        return new Energy(available, kwh(e, "arrayDeliveredWh"), kwh(e, "boardsWh"), kwh(e, "essentialWh"), curtailed,
                100 * curtailed / available, 100 * curtailed / sunlitKWh, kwh(e, "batteryLossWh"), baselineCurtailed,
                d.truth().last() == null ? Double.NaN : d.truth().last().path("eclipseS").asDouble(), eclipses);
    }

    private static double kwh(JsonNode e, String field) {
        return e == null ? Double.NaN : e.path(field).asDouble(Double.NaN) / 1000;
    }

    private static Limits limits(MissionData d) {
        JsonNode fin = d.truth().last();
        Map<String, Integer> byKind = new TreeMap<>();
        List<JsonNode> episodes = new ArrayList<>();
        int total = 0;
        if (fin != null) {
            fin.path("violationCounts").fields().forEachRemaining(f -> byKind.put(f.getKey(), f.getValue().asInt()));
            for (JsonNode v : fin.path("violations")) {
                if (episodes.size() < 20) {
                    episodes.add(v);
                }
            }
        }
        for (int n : byKind.values()) {
            total += n;
        }
        var s = d.plan().scenario();
        return new Limits(total, byKind, episodes, num(fin, "minSocPct"), s.battery().floorPct(), num(fin, "maxBoardTempC"),
                s.boards().slowdownC(), num(fin, "maxLoopC"), s.thermal().loopMaxC(), num(fin, "minLoopC"),
                s.thermal().loopMinC());
    }

    private static double num(JsonNode n, String field) {
        return n == null ? Double.NaN : n.path(field).asDouble(Double.NaN);
    }

    private static Modes modes(MissionData d) {
        List<Map<String, String>> changes = new ArrayList<>();
        for (EventRecord e : d.events()) {
            if (e.code().startsWith("MODE_")) {
                Map<String, String> c = new LinkedHashMap<>();
                c.put("t", e.t().toString());
                c.put("mode", e.code().substring("MODE_".length()));
                c.put("message", e.message());
                changes.add(c);
            }
        }
        Map<String, Double> timeIn = new TreeMap<>();
        ArchiveRecord prev = null;
        for (ArchiveRecord r : d.hk()) {
            if (prev != null) {
                double dt = Duration.between(prev.when(), r.when()).toMillis() / 1000.0;
                timeIn.merge(prev.msg().path("mode").asText("?"), dt, Double::sum);
            }
            prev = r;
        }
        return new Modes(changes, timeIn);
    }

    private static Commands commands(MissionData d) {
        int completed = 0;
        int rejected = 0;
        int failed = 0;
        int unanswered = 0;
        int refused = 0;
        int armed = 0;
        int expected = 0;
        Map<String, Integer> rejectedBy = new TreeMap<>();
        Map<String, Map<String, Object>> byName = new TreeMap<>();
        Map<String, double[]> rtt = new TreeMap<>();
        List<CommandLog.Entry> unexpected = new ArrayList<>();
        List<CommandLog.Entry> notable = new ArrayList<>();
        for (CommandLog.Entry e : d.commands()) {
            switch (e.stage()) {
                case "COMPLETED" -> completed++;
                case "REJECTED" -> {
                    rejected++;
                    rejectedBy.merge(String.valueOf(e.reason()), 1, Integer::sum);
                }
                case "FAILED" -> failed++;
                case "REFUSED_ON_GROUND" -> refused++;
                default -> unanswered++;
            }
            armed += e.armed() ? 1 : 0;
            if (e.asExpected()) {
                expected++;
            } else {
                unexpected.add(e);
            }
            if (!e.name().equals("job.ackResult") && !(e.name().equals("job.submit") && !announced(e))) {
                notable.add(e);
            }
            Map<String, Object> n = byName.computeIfAbsent(e.name(), k -> new LinkedHashMap<>(Map.of("sent", 0,
                    "completed", 0, "rejected", 0, "failed", 0)));
            n.merge("sent", 1, (a, b) -> (Integer) a + (Integer) b);
            String key = switch (e.stage()) {
                case "COMPLETED" -> "completed";
                case "REJECTED" -> "rejected";
                case "FAILED" -> "failed";
                default -> "other";
            };
            n.merge(key, 1, (a, b) -> (Integer) a + (Integer) b);
            double[] r = rtt.computeIfAbsent(e.name(), k -> new double[2]);
            r[0] += e.wallMs();
            r[1]++;
        }
        rtt.forEach((name, r) -> byName.get(name).put("meanRoundTripMs", Math.round(r[0] / r[1] * 10) / 10.0));
        JsonNode counters = d.hk().isEmpty() ? null : d.hk().get(d.hk().size() - 1).msg().path("commanding");
        return new Commands(d.commands().size(), completed, rejected, failed, unanswered, refused, armed, rejectedBy,
                byName, expected, unexpected, notable, counters);
    }

    /** Job submissions the script announced (the non-routine ones) have a purpose beyond training and sweeps. */
    private static boolean announced(CommandLog.Entry e) {
        return !(e.purpose().startsWith("submit train-") || e.purpose().startsWith("submit sweep-"));
    }

    private static Telemetry telemetry(MissionData d) {
        List<Map<String, Object>> streams = new ArrayList<>();
        long lost = 0;
        long explained = 0;
        Map<String, List<long[]>> dropped = droppedRanges(d.events());
        for (StreamLedger.StreamStats s : d.streams().values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("stream", s.stream());
            m.put("produced", s.produced());
            m.put("delivered", s.distinct());
            m.put("duplicates", s.duplicates());
            m.put("lost", s.missing());
            long ex = 0;
            for (long[] gap : s.gaps()) {
                for (long q = gap[0]; q <= gap[1]; q++) {
                    if (covered(dropped.get(s.stream()), q)) {
                        ex++;
                    }
                }
            }
            m.put("lostReportedByFlight", ex);
            List<String> gaps = new ArrayList<>();
            for (long[] g : s.gaps()) {
                gaps.add(g[0] == g[1] ? Long.toString(g[0]) : g[0] + "-" + g[1]);
            }
            m.put("gaps", gaps);
            streams.add(m);
            lost += s.missing();
            explained += ex;
        }
        long flightDropped = d.hk().isEmpty() ? 0 : d.hk().get(d.hk().size() - 1).msg().path("link").path("dropped").asLong();
        long expectedFrames = (long) Math.floor(d.plan().durationS() / d.settings().hkPeriodS());
        int outages = d.truth().last() == null ? 0 : d.truth().last().path("linkOutages").size();
        return new Telemetry(streams, d.hk().size(), expectedFrames, lost, explained, flightDropped,
                archiveRecords(d), d.archiveDuplicates(), outages);
    }

    private static long archiveRecords(MissionData d) {
        long n = 0;
        for (StreamLedger.StreamStats s : d.streams().values()) {
            if (!s.stream().equals("results")) {
                n += s.distinct();
            }
        }
        return n;
    }

    /** The sequence ranges flight reported dropped ({@code OUTBOX_DROPPED}), by stream. */
    static Map<String, List<long[]>> droppedRanges(List<EventRecord> events) {
        Map<String, List<long[]>> out = new TreeMap<>();
        for (EventRecord e : events) {
            if (e.code().equals("OUTBOX_DROPPED")) {
                out.computeIfAbsent(e.data().path("stream").asText(), k -> new ArrayList<>())
                        .add(new long[] {e.data().path("firstSeq").asLong(), e.data().path("lastSeq").asLong()});
            }
        }
        return out;
    }

    private static boolean covered(List<long[]> ranges, long seq) {
        if (ranges == null) {
            return false;
        }
        for (long[] r : ranges) {
            if (seq >= r[0] && seq <= r[1]) {
                return true;
            }
        }
        return false;
    }

    /** How long before the end a finished job's result may still be on board without counting as lost, in s. */
    static double pendingMarginS(MissionPlan plan) {
        return Math.max(1800, 0.03 * plan.durationS());
    }

    private static Results results(MissionData d) {
        Map<String, ResultCollector.Verified> delivered = new LinkedHashMap<>();
        long bytes = 0;
        for (ResultCollector.Verified v : d.results()) {
            delivered.put(v.job(), v);
            bytes += v.bytes();
        }
        int succeeded = 0;
        List<String> pending = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        Instant cutoff = d.plan().end().minusSeconds(Math.round(pendingMarginS(d.plan())));
        for (JobBook.Job j : d.jobs().jobs()) {
            if (j.phase() != JobBook.Phase.SUCCEEDED) {
                continue;
            }
            succeeded++;
            if (!delivered.containsKey(j.id())) {
                if (j.finished() != null && j.finished().isBefore(cutoff)) {
                    lost.add(j.id());
                } else {
                    pending.add(j.id());
                }
            }
        }
        int released = 0;
        for (EventRecord e : d.events()) {
            if (e.code().equals("RESULT_ACKNOWLEDGED")) {
                released++;
            }
        }
        Map<String, String> outputs = new TreeMap<>();
        for (ResultCollector.Verified v : d.results()) {
            if (v.job().startsWith("orbit-table-")) {
                for (var f : v.files()) {
                    outputs.put(v.job() + "/" + f.name(), firstLines(v.directory().resolve(f.name())));
                }
            }
        }
        return new Results(succeeded, delivered.size(), bytes, d.acknowledged().size(), released, pending, lost,
                d.incompleteResults(), d.badChunks(), d.duplicateChunks(), outputs);
    }

    private static String firstLines(java.nio.file.Path p) {
        try (var lines = java.nio.file.Files.lines(p)) {
            return String.join(" | ", lines.limit(2).toList());
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static Jobs jobs(MissionData d) {
        Map<String, Integer> byPhase = new LinkedHashMap<>();
        d.jobs().counts().forEach((p, n) -> byPhase.put(p.name(), n));
        int preemptions = 0;
        for (EventRecord e : d.events()) {
            if (e.code().equals("JOB_REQUEUED") && "PREEMPTED".equals(e.data().path("reason").asText())
                    || e.code().equals("JOB_SUSPENDED") && "PREEMPTED".equals(e.data().path("reason").asText())) {
                preemptions++;
            }
        }
        List<String> failures = new ArrayList<>();
        for (EventRecord e : d.events()) {
            if (e.code().equals("JOB_FAILED") || e.code().equals("JOB_EXPIRED") || e.code().equals("JOB_CANCELLED")) {
                failures.add(e.data().path("jobId").asText() + " " + e.code().substring(4) + " ("
                        + e.data().path("reason").asText() + "): " + e.message());
            }
        }
        return new Jobs(d.jobsSubmitted(), byPhase, preemptions, failures);
    }

    private static Faults faults(MissionData d) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (d.truth().last() != null) {
            d.truth().last().path("counts").fields().forEachRemaining(f -> counts.put(f.getKey(), f.getValue().asInt()));
        }
        Map<String, Integer> fdir = new TreeMap<>();
        int sensor = 0;
        for (EventRecord e : d.events()) {
            if (e.source().equals("fdir")) {
                if (e.code().equals("SENSOR_FAULT")) {
                    sensor++;
                } else {
                    fdir.merge(e.code(), 1, Integer::sum);
                }
            }
        }
        return new Faults(counts, fdir, sensor);
    }
}
