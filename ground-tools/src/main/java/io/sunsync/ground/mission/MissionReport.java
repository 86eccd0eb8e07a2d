package io.sunsync.ground.mission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.sunsync.sim.economy.WattsAndTonnes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The mission report of a finished rehearsal: its {@link MissionFigures}, its
 * {@link MissionVerdict}, and the files written from them into the output folder:
 * {@code summary.json} (the figures and the verdict, for scripts), {@code report.md} and
 * {@code report.html} (the same, for people) and the PNG plots ({@link MissionCharts}).
 *
 * <p>Immutable once built; {@link #write} from one thread.
 */
public final class MissionReport {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private final MissionData data;
    private final MissionFigures figures;
    private final MissionVerdict verdict;

    private MissionReport(MissionData data, MissionFigures figures, MissionVerdict verdict) {
        this.data = data;
        this.figures = figures;
        this.verdict = verdict;
    }

    /** Computes the figures and the verdict of a finished run that took {@code wallS} in all. */
    public static MissionReport build(MissionData data, double wallS) {
        MissionFigures f = MissionFigures.of(data, wallS);
        return new MissionReport(data, f, MissionVerdict.of(f, data));
    }

    public MissionFigures figures() {
        return figures;
    }

    public MissionVerdict verdict() {
        return verdict;
    }

    /** The output folder's {@code summary.json}. */
    public Path summaryFile() {
        return data.folder().root().resolve("summary.json");
    }

    /** The output folder's {@code report.md}. */
    public Path markdownFile() {
        return data.folder().root().resolve("report.md");
    }

    /** Writes the plots, {@code summary.json}, {@code report.md} and {@code report.html}. */
    public void write() throws IOException {
        Path root = data.folder().root();
        List<MissionCharts.Chart> charts = MissionCharts.write(data, figures, root);
        Files.writeString(summaryFile(), JSON.writeValueAsString(summary()) + "\n", StandardCharsets.UTF_8);
        ReportDocument doc = document(charts);
        Files.writeString(markdownFile(), doc.markdown(), StandardCharsets.UTF_8);
        Files.writeString(root.resolve("report.html"), doc.html(), StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------------------------ summary

    /** {@code summary.json}: the verdict, the headline figures, then every figure. */
    ObjectNode summary() {
        ObjectNode s = JSON.createObjectNode();
        s.put("ok", verdict.ok());
        s.set("verdict", JSON.valueToTree(verdict.checks()));
        s.set("headline", JSON.valueToTree(headline()));
        ObjectNode all = JSON.valueToTree(figures);
        all.fields().forEachRemaining(e -> s.set(e.getKey(), e.getValue()));
        if (data.grades() != null) {
            s.set("peers", JSON.valueToTree(data.grades()));
        }
        return s;
    }

    /**
     * The figures a reader looks at first.
     *
     * @param workUnits       compute delivered (work units: board-seconds at full cap)
     * @param ratioToOracle   work / the oracle's bound
     * @param ratioToBaseline work / the static baseline's
     * @param curtailedKWh    array energy left unused
     * @param curtailedPct    of what the arrays could deliver
     * @param violations      limit violation episodes (must be 0)
     * @param commands        sent, accepted, rejected (and by reason)
     * @param telemetry       downlink messages produced, delivered, lost (all streams but results)
     * @param results         results delivered (every chunk and file checked with SHA-256), acknowledged
     * @param wattsAndTonnes    the satellite's mass and W/kg, and the work per kWh collected, per kWh the boards drew,
     *                          per kg and per $ of launch
     */
    public record Headline(double workUnits, double ratioToOracle, double ratioToBaseline, double curtailedKWh,
                           double curtailedPct, int violations, Map<String, Object> commands,
                           Map<String, Long> telemetry, Map<String, Object> results, Map<String, Double> wattsAndTonnes) {
    }

    /** The headline figures. */
    public Headline headline() {
        MissionFigures.Commands c = figures.commands();
        Map<String, Object> commands = new java.util.LinkedHashMap<>();
        commands.put("sent", c.sent());
        commands.put("accepted", c.completed() + c.failed());
        commands.put("rejected", c.rejected());
        commands.put("rejectedBy", c.rejectedBy());
        commands.put("completed", c.completed());
        commands.put("failed", c.failed());
        commands.put("unanswered", c.unanswered());
        commands.put("refusedOnGround", c.refusedOnGround());
        commands.put("armedAndExecuted", c.armed());
        long produced = 0;
        long delivered = 0;
        long lost = 0;
        for (Map<String, Object> st : figures.telemetry().streams()) {
            if (!"results".equals(st.get("stream"))) {
                produced += ((Number) st.get("produced")).longValue();
                delivered += ((Number) st.get("delivered")).longValue();
                lost += ((Number) st.get("lost")).longValue();
            }
        }
        Map<String, Long> telemetry = new java.util.LinkedHashMap<>();
        telemetry.put("produced", produced);
        telemetry.put("delivered", delivered);
        telemetry.put("lost", lost);
        telemetry.put("lostReportedByFlight", figures.telemetry().lostExplained());
        telemetry.put("authenticated", data.authentication().getOrDefault("AUTHENTIC", 0L));
        telemetry.put("refused", data.authentication().entrySet().stream()
                .filter(e -> !e.getKey().equals("AUTHENTIC") && !e.getKey().equals("DUPLICATE"))
                .mapToLong(Map.Entry::getValue).sum());
        MissionFigures.Results r = figures.results();
        Map<String, Object> results = new java.util.LinkedHashMap<>();
        results.put("jobsSucceeded", r.jobsSucceeded());
        results.put("delivered", r.delivered());
        results.put("verified", r.delivered());
        results.put("bytes", r.bytes());
        results.put("acknowledged", r.acknowledged());
        results.put("pendingAtEnd", r.pendingAtEnd().size());
        results.put("lost", r.lost().size());
        results.put("badChunks", r.badChunks());
        MissionFigures.Work w = figures.work();
        MissionFigures.Energy e = figures.energy();
        MissionFigures.Economy ec = figures.economy();
        Map<String, Double> wt = new java.util.LinkedHashMap<>();
        wt.put("satelliteKg", ec.satellite().totalKg());
        wt.put("arrayWPerKg", ec.satellite().arrayWPerKg());
        wt.put("computeWPerKg", ec.satellite().computeWPerKg());
        if (ec.figures() != null) {
            wt.put("workPerKWhCollected", ec.figures().workPerKWhCollected());
            wt.put("workPerKWhBoards", ec.figures().workPerKWhBoards());
            wt.put("workPerKg", ec.figures().workPerKg());
            wt.put("workPerKgPerDay", ec.figures().workPerKgPerDay());
            wt.put("workPerUsdAtLowPrice", ec.figures().workPerUsdAtLowPrice());
            wt.put("workPerUsdAtHighPrice", ec.figures().workPerUsdAtHighPrice());
        }
        return new Headline(w.workUnits(), w.ratioToOracle(), w.ratioToBaseline(), e.curtailedKWh(), e.curtailedPct(),
                figures.limits().violations(), commands, telemetry, results, wt);
    }

    // ------------------------------------------------------------------------------------ console

    /** The summary printed at the end of a run. */
    public void print(PrintStream out) {
        Headline h = headline();
        MissionFigures.Run run = figures.run();
        out.printf(Locale.ROOT, "%nMission report: %s%n", data.folder().root().resolve("report.html"));
        out.printf(Locale.ROOT, "  work done          %s work units (%.3f of the oracle's bound, %.2f x the static baseline)%n",
                compact(h.workUnits()), h.ratioToOracle(), h.ratioToBaseline());
        out.printf(Locale.ROOT, "  energy curtailed   %.1f kWh (%.1f %% of the array's)%n", h.curtailedKWh(), h.curtailedPct());
        MissionFigures.Economy ec = figures.economy();
        if (ec.figures() != null) {
            out.printf(Locale.ROOT, "  watts and tonnes   %,.0f work units per kWh collected, %,.0f per kg per day; satellite "
                    + "%,.0f kg (%.1f W/kg)%n", ec.figures().workPerKWhCollected(), ec.figures().workPerKgPerDay(),
                    ec.satellite().totalKg(), ec.satellite().arrayWPerKg());
        }
        out.printf(Locale.ROOT, "  limit violations   %d%n", h.violations());
        out.printf(Locale.ROOT, "  commands           %s sent, %s accepted, %s rejected %s%n", h.commands().get("sent"),
                h.commands().get("accepted"), h.commands().get("rejected"), h.commands().get("rejectedBy"));
        out.printf(Locale.ROOT, "  telemetry          %d produced, %d delivered, %d lost; %d verified (HMAC), %d refused%n",
                h.telemetry().get("produced"), h.telemetry().get("delivered"), h.telemetry().get("lost"),
                h.telemetry().get("authenticated"), h.telemetry().get("refused"));
        out.printf(Locale.ROOT, "  results            %s delivered and verified (SHA-256), %s acknowledged%n",
                h.results().get("delivered"), h.results().get("acknowledged"));
        out.printf(Locale.ROOT, "  wall time          %.0f s (flight %.0f s: %.0f x real time)%n", run.wallS(),
                run.flightWallS(), run.achievedSpeed());
        out.printf("%nVerdict: %s%n", verdict.ok() ? "PASSED" : "FAILED");
        for (MissionVerdict.Check c : verdict.checks()) {
            out.printf("  %-4s %-16s %s%n", c.ok() ? "ok" : "FAIL", c.code(), c.detail());
        }
        out.flush();
    }

    /** A number in a few characters: 1234 -> 1.23k, 4.5e6 -> 4.50M. */
    public static String compact(double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        double a = Math.abs(v);
        if (a >= 1e9) {
            return String.format(Locale.ROOT, "%.2fG", v / 1e9);
        }
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        }
        if (a >= 1e4) {
            return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", v);
    }

    // ----------------------------------------------------------------------------------- document

    private ReportDocument document(List<MissionCharts.Chart> charts) {
        MissionFigures.Run run = figures.run();
        Headline h = headline();
        ReportDocument doc = new ReportDocument("Mission report: " + run.scenario());
        doc.para(String.format(Locale.ROOT, "**%s.** %s, %.2f days from %s to %s, %d boards, seed %d. %s",
                verdict.ok() ? "PASSED" : "FAILED", run.description(), run.days(), run.start(), run.end(), run.boards(),
                run.seed(), pace(run)));
        doc.heading(1, "Figures");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("work done", compact(h.workUnits()) + " work units (board-seconds at full cap)"));
        rows.add(List.of("ratio to the oracle", fmt3(h.ratioToOracle()) + " (the best any controller could do: "
                + orNone(figures.work().oracleMethod()) + ")"));
        rows.add(List.of("ratio to the static baseline", String.format(Locale.ROOT, "%.2f (%s: %s work units)",
                h.ratioToBaseline(), orNone(figures.work().baselineController()), compact(figures.work().baselineWorkUnits()))));
        rows.add(List.of("energy curtailed", String.format(Locale.ROOT, "%.1f kWh, %.1f %% of what the arrays could give "
                + "(baseline: %.1f kWh)", h.curtailedKWh(), h.curtailedPct(), figures.energy().baselineCurtailedKWh())));
        MissionFigures.Economy econ = figures.economy();
        if (econ.figures() != null) {
            rows.add(List.of("watts and tonnes", String.format(Locale.ROOT, "%,.0f work units per kWh collected, %,.0f per kWh "
                            + "the boards drew, %,.0f per kg of satellite per day; satellite %,.0f kg, %.1f W/kg",
                    econ.figures().workPerKWhCollected(), econ.figures().workPerKWhBoards(), econ.figures().workPerKgPerDay(),
                    econ.satellite().totalKg(), econ.satellite().arrayWPerKg())));
        }
        rows.add(List.of("limit violations", h.violations() + (h.violations() == 0 ? " (must be 0)"
                : " " + figures.limits().byKind())));
        rows.add(List.of("commands", String.format(Locale.ROOT, "%s sent, %s accepted, %s rejected %s, %s armed then executed",
                h.commands().get("sent"), h.commands().get("accepted"), h.commands().get("rejected"),
                h.commands().get("rejectedBy"), h.commands().get("armedAndExecuted"))));
        rows.add(List.of("telemetry", String.format(Locale.ROOT, "%d messages produced, %d delivered, %d lost "
                + "(%d of them reported dropped by flight); %d verified by their MAC (telemetry key), %d refused",
                h.telemetry().get("produced"), h.telemetry().get("delivered"), h.telemetry().get("lost"),
                h.telemetry().get("lostReportedByFlight"), h.telemetry().get("authenticated"),
                h.telemetry().get("refused"))));
        rows.add(List.of("results", String.format(Locale.ROOT, "%s delivered, every chunk and file verified (SHA-256), "
                + "%s acknowledged, %s still on board at the end", h.results().get("delivered"),
                h.results().get("acknowledged"), h.results().get("pendingAtEnd"))));
        doc.table(List.of("figure", "value"), rows);

        doc.heading(1, "Verdict");
        List<List<String>> checks = new ArrayList<>();
        for (MissionVerdict.Check c : verdict.checks()) {
            checks.add(List.of(c.ok() ? "ok" : "**FAIL**", "`" + c.code() + "`", c.detail()));
        }
        doc.table(List.of("", "check", "found"), checks);

        doc.heading(1, "Plots");
        for (MissionCharts.Chart c : charts) {
            doc.para(c.caption());
            doc.image(c.file(), c.caption());
        }

        work(doc);
        energy(doc);
        economy(doc);
        limits(doc);
        commands(doc);
        telemetry(doc);
        results(doc);
        jobs(doc);
        faults(doc);
        files(doc, run);
        return doc;
    }

    private void work(ReportDocument doc) {
        MissionFigures.Work w = figures.work();
        doc.heading(1, "Work");
        doc.table(List.of("", "work units", "ratio to the oracle"), List.of(
                List.of("flight's throttler (truth)", compact(w.workUnits()), fmt3(w.ratioToOracle())),
                List.of("as housekeeping reported it", compact(w.groundWorkUnits()), fmt3(w.groundWorkUnits() / w.oracleWorkUnits())),
                List.of("the jobs' own progress", compact(w.jobsWorkUnits()), fmt3(w.jobsWorkUnits() / w.oracleWorkUnits())),
                List.of("static baseline (" + orNone(w.baselineController()) + ")", compact(w.baselineWorkUnits()),
                        fmt3(w.baselineRatioToOracle())),
                List.of("oracle (" + orNone(w.oracleMethod()) + ")", compact(w.oracleWorkUnits()), "1")));
        GradingRun.Grades g = data.grades();
        if (g != null) {
            doc.heading(2, "The throttler against the peers");
            if (g.problem() != null) {
                doc.para("Not graded: " + g.problem());
                return;
            }
            doc.para("The same scenario in lockstep with flight's control chain and with each peer, every board "
                    + "always busy (`" + g.command() + "`): the static fleet sized for the worst eclipse, a two-level "
                    + "sun/eclipse schedule from the same ephemeris tuned by a sweep on this scenario, the greedy "
                    + "reactive controller.");
            List<List<String>> rows = new java.util.ArrayList<>();
            rows.add(List.of("flight's throttler", fmt3(g.throttlerRatio()), Integer.toString(g.throttlerViolations())));
            for (GradingRun.Peer p : g.peers()) {
                rows.add(List.of(p.controller(), fmt3(p.ratioToOracle()), Integer.toString(p.violations())));
            }
            doc.table(List.of("controller", "ratio to the oracle", "violations"), rows);
            doc.para(g.bestPeer() == null ? "No peer flew this scenario without a violation."
                    : String.format(Locale.ROOT, "The throttler did %.3f x the work of the best peer without a violation (%s).",
                    g.ratioToBestPeer(), g.bestPeer()));
        }
    }

    private void energy(ReportDocument doc) {
        MissionFigures.Energy e = figures.energy();
        doc.heading(1, "Energy");
        doc.table(List.of("", "kWh"), List.of(
                List.of("array available", f1(e.arrayAvailableKWh())),
                List.of("array delivered", f1(e.arrayDeliveredKWh())),
                List.of("boards", f1(e.boardsKWh())),
                List.of("essential loads (housekeeping, pumps, heaters)", f1(e.essentialKWh())),
                List.of("curtailed", String.format(Locale.ROOT, "%.1f (%.1f %%; %.1f %% of sunlit)", e.curtailedKWh(),
                        e.curtailedPct(), e.sunlitCurtailedPct())),
                List.of("curtailed by the static baseline", f1(e.baselineCurtailedKWh())),
                List.of("battery losses", f1(e.batteryLossKWh()))));
        doc.para(String.format(Locale.ROOT, "%d eclipses seen in housekeeping, %.1f h in the Earth's shadow.", e.eclipses(),
                e.eclipseS() / 3600));
    }

    private void economy(ReportDocument doc) {
        MissionFigures.Economy e = figures.economy();
        var m = e.satellite();
        doc.heading(1, "Watts and tonnes");
        doc.para(String.format(Locale.ROOT, "The satellite weighs %,.0f kg by its scenario's mass model (docs/sim-harness.md, "
                        + "\"Mass and cost model\"): %.1f W of array per kg (SpaceX quotes ~100 kW per tonne), %.1f W of compute "
                        + "per kg; launching it costs $%,.0f to $%,.0f.", m.totalKg(), m.arrayWPerKg(), m.computeWPerKg(),
                m.launchLowUsd(), m.launchHighUsd()));
        doc.table(List.of("part", "kg", "share"), List.of(
                part("solar array", m.arrayKg(), m), part("battery", m.batteryKg(), m), part("radiators", m.radiatorKg(), m),
                part("accelerator boards", m.boardsKg(), m), part("pumps and plumbing", m.coolingKg(), m),
                part("structure, harness and avionics", m.structureKg(), m), part("**satellite**", m.totalKg(), m)));
        for (String p : e.designProblems()) {
            doc.para("**The design cannot fly:** " + p);
        }
        WattsAndTonnes w = e.figures();
        if (w == null) {
            doc.para("No figures: the truth log has no final totals.");
            return;
        }
        doc.table(List.of("work (board-seconds at full cap)", "this mission"), List.of(
                List.of("per kWh the arrays collected", String.format(Locale.ROOT, "%,.0f", w.workPerKWhCollected())),
                List.of("per kWh the boards drew", String.format(Locale.ROOT, "%,.0f", w.workPerKWhBoards())),
                List.of("per kg of satellite", String.format(Locale.ROOT, "%,.0f (%,.0f per day)", w.workPerKg(),
                        w.workPerKgPerDay())),
                List.of("per kg over a board's life (" + f1(w.boardLifeYears()) + " years, at this mission's daily rate)",
                        String.format(Locale.ROOT, "%,.0f", w.lifetimeWorkPerKg())),
                List.of("per $ of launch", String.format(Locale.ROOT, "%.3f to %.2f (at the high and low price)",
                        w.workPerUsdAtHighPrice(), w.workPerUsdAtLowPrice())),
                List.of("per $ of launch over a board's life", String.format(Locale.ROOT, "%,.0f to %,.0f",
                        w.lifetimeWorkPerUsdAtHighPrice(), w.lifetimeWorkPerUsdAtLowPrice()))));
        doc.heading(2, "Energy balance");
        doc.para("Where the energy the arrays collected went (kWh; truth). The mission flew a job mix with drills; the static "
                + "baseline flew beside it in process; the grading run flew the throttler and its peers with every board "
                + "always busy. The rows add up to what was collected.");
        List<String> header = new ArrayList<>(List.of(""));
        List<MissionFigures.ControllerEconomy> cs = e.controllers();
        cs.forEach(c -> header.add(c.controller() + " (" + c.source() + ")"));
        List<List<String>> rows = new ArrayList<>();
        rows.add(balanceRow("collected by the arrays", cs, EnergyBalanceRow.COLLECTED));
        rows.add(balanceRow("to compute (boards)", cs, EnergyBalanceRow.COMPUTE));
        rows.add(balanceRow("to housekeeping", cs, EnergyBalanceRow.HOUSEKEEPING));
        rows.add(balanceRow("to heaters and pumps", cs, EnergyBalanceRow.HEATERS_PUMPS));
        rows.add(balanceRow("stored (the battery's net change)", cs, EnergyBalanceRow.STORED));
        rows.add(balanceRow("battery losses", cs, EnergyBalanceRow.LOSSES));
        rows.add(balanceRow("curtailed", cs, EnergyBalanceRow.CURTAILED));
        rows.add(balanceRow("unserved (a shortfall)", cs, EnergyBalanceRow.UNSERVED));
        doc.table(header, rows);
        doc.para("The plot " + MissionCharts.ENERGY_BALANCE + " (under Plots) draws the same, as shares of what was collected.");
        doc.heading(2, "Each controller in watts and tonnes");
        List<List<String>> peers = new ArrayList<>();
        for (MissionFigures.ControllerEconomy c : cs) {
            peers.add(List.of(c.controller(), c.source(), fmt3(c.ratioToOracle()), Integer.toString(c.violations()),
                    String.format(Locale.ROOT, "%,.0f", c.figures().workPerKWhCollected()),
                    String.format(Locale.ROOT, "%,.0f", c.figures().workPerKWhBoards()),
                    String.format(Locale.ROOT, "%,.0f", c.figures().workPerKgPerDay()),
                    Double.isFinite(c.matchKg()) ? String.format(Locale.ROOT, "%+,.0f kg (%s to %s)", c.matchKg(),
                            usd(c.matchUsdLow()), usd(c.matchUsdHigh())) : "—"));
        }
        doc.table(List.of("controller", "flown", "ratio to the oracle", "violations", "work per kWh collected",
                "per kWh the boards drew", "per kg-day", "launch mass per satellite to match the throttler's work"), peers);
        doc.para("The last column is what a satellite flown by that controller would have to weigh more (and what the "
                + "difference costs to launch) to do the work of the throttler it is compared with: the mission's flight "
                + "for the static baseline, the grading run's throttler for its peers.");
    }

    /** Dollars with the sign before the symbol: $12,833, -$37,857. */
    private static String usd(double v) {
        return (v < 0 ? "-$" : "$") + String.format(Locale.ROOT, "%,.0f", Math.abs(v));
    }

    private static List<String> part(String name, double kg, io.sunsync.sim.economy.MassBudget m) {
        return List.of(name, String.format(Locale.ROOT, "%,.0f", kg), String.format(Locale.ROOT, "%.0f %%", 100 * kg / m.totalKg()));
    }

    /** The rows of the energy-balance table. */
    enum EnergyBalanceRow {
        COLLECTED, COMPUTE, HOUSEKEEPING, HEATERS_PUMPS, STORED, LOSSES, CURTAILED, UNSERVED;

        double of(io.sunsync.sim.economy.EnergyBalance b) {
            return switch (this) {
                case COLLECTED -> b.collectedKWh();
                case COMPUTE -> b.computeKWh();
                case HOUSEKEEPING -> b.housekeepingKWh();
                case HEATERS_PUMPS -> b.heatersPumpsKWh();
                case STORED -> b.storedKWh();
                case LOSSES -> b.batteryLossKWh();
                case CURTAILED -> b.curtailedKWh();
                case UNSERVED -> b.unservedKWh();
            };
        }
    }

    private static List<String> balanceRow(String name, List<MissionFigures.ControllerEconomy> cs, EnergyBalanceRow row) {
        List<String> r = new ArrayList<>(List.of(name));
        for (MissionFigures.ControllerEconomy c : cs) {
            double kwh = row.of(c.balance());
            double pct = 100 * kwh / c.balance().collectedKWh();
            r.add(row == EnergyBalanceRow.COLLECTED ? f1(kwh) : String.format(Locale.ROOT, "%.1f (%.1f %%)", kwh, pct));
        }
        return r;
    }

    private void limits(ReportDocument doc) {
        MissionFigures.Limits l = figures.limits();
        doc.heading(1, "Limits");
        doc.table(List.of("", "worst", "limit"), List.of(
                List.of("battery state of charge", f1(l.minSocPct()) + " %", "floor " + f1(l.floorPct()) + " %"),
                List.of("hottest board", f1(l.maxBoardTempC()) + " °C", "slowdown " + f1(l.slowdownC()) + " °C"),
                List.of("warmest coolant loop", f1(l.maxLoopC()) + " °C", "max " + f1(l.loopMaxC()) + " °C"),
                List.of("coldest coolant loop", f1(l.minLoopC()) + " °C", "min " + f1(l.loopMinC()) + " °C")));
        doc.para("Violation episodes: " + l.violations() + (l.byKind().isEmpty() ? "" : " " + l.byKind()) + ".");
        List<String> ep = new ArrayList<>();
        for (JsonNode n : l.episodes()) {
            ep.add("`" + n + "`");
        }
        doc.bullets(ep);
    }

    private void commands(ReportDocument doc) {
        MissionFigures.Commands c = figures.commands();
        doc.heading(1, "Commands");
        doc.para(String.format(Locale.ROOT, "%d sent: %d completed, %d rejected %s, %d failed, %d without a final report, "
                + "%d refused by the ground's own checks; %d went through arm-then-execute. The satellite's own counters "
                + "at the end: `%s`.", c.sent(), c.completed(), c.rejected(), c.rejectedBy(), c.failed(), c.unanswered(),
                c.refusedOnGround(), c.armed(), c.flightCounters()));
        List<List<String>> rows = new ArrayList<>();
        for (CommandLog.Entry e : c.notable()) {
            rows.add(List.of(elapsed(e.missionAt()), "`" + e.name() + "`", e.purpose(), e.stage()
                    + (e.reason() == null ? "" : " `" + e.reason() + "`") + (e.armed() ? " (armed)" : ""),
                    e.asExpected() ? "yes" : "**no**"));
        }
        doc.heading(2, "The operator's commands");
        doc.table(List.of("T+", "command", "why", "outcome", "as expected"), rows);
        List<List<String>> byName = new ArrayList<>();
        c.byName().forEach((name, m) -> byName.add(List.of("`" + name + "`", String.valueOf(m.get("sent")),
                String.valueOf(m.get("completed")), String.valueOf(m.get("rejected")), String.valueOf(m.get("failed")),
                String.valueOf(m.get("meanRoundTripMs")))));
        doc.heading(2, "By command");
        doc.table(List.of("command", "sent", "completed", "rejected", "failed", "mean round trip, ms (wall)"), byName);
    }

    private void telemetry(ReportDocument doc) {
        MissionFigures.Telemetry t = figures.telemetry();
        doc.heading(1, "Telemetry");
        List<List<String>> rows = new ArrayList<>();
        for (Map<String, Object> s : t.streams()) {
            rows.add(List.of(String.valueOf(s.get("stream")), String.valueOf(s.get("produced")),
                    String.valueOf(s.get("delivered")), String.valueOf(s.get("duplicates")), String.valueOf(s.get("lost")),
                    String.valueOf(s.get("lostReportedByFlight"))));
        }
        doc.table(List.of("stream", "produced", "delivered", "duplicates", "lost", "of which flight reported dropped"), rows);
        doc.para(String.format(Locale.ROOT, "Housekeeping: %d frames archived of %d expected; %d records in the ground's "
                + "archive, %d redelivered copies dropped; flight gave up on %d messages; %d link outages scripted.",
                t.hkFrames(), t.hkExpected(), t.archiveRecords(), t.duplicatesDropped(), t.flightDropped(), t.linkOutages()));
        doc.para("Telemetry authentication (every message's MAC checked under the satellite's telemetry key, "
                + "its sequence number against those already seen), by verdict: " + data.authentication() + ".");
    }

    private void results(ReportDocument doc) {
        MissionFigures.Results r = figures.results();
        doc.heading(1, "Results");
        doc.para(String.format(Locale.ROOT, "%d jobs succeeded; %d results downloaded (%s bytes) with every chunk and file "
                + "checked against its SHA-256, %d acknowledged (flight confirmed %d releases), %d still on board at the end, "
                + "%d lost; %d bad chunks asked again, %d duplicate chunks.", r.jobsSucceeded(), r.delivered(),
                compact(r.bytes()), r.acknowledged(), r.releasedOnBoard(), r.pendingAtEnd().size(), r.lost().size(),
                r.badChunks(), r.duplicateChunks()));
        List<String> outputs = new ArrayList<>();
        r.processOutputs().forEach((file, text) -> outputs.add("`" + file + "`: " + text));
        doc.bullets(outputs);
    }

    private void jobs(ReportDocument doc) {
        MissionFigures.Jobs j = figures.jobs();
        doc.heading(1, "Jobs");
        doc.para(j.submitted() + " jobs submitted; at the end: " + j.byPhase() + "; " + j.preemptions() + " preemptions.");
        doc.bullets(j.failures().subList(0, Math.min(20, j.failures().size())));
        doc.heading(2, "Modes");
        List<String> m = new ArrayList<>();
        for (Map<String, String> c : figures.modes().changes()) {
            m.add(c.get("t") + " " + c.get("mode") + ": " + c.get("message"));
        }
        doc.bullets(m);
        List<String> time = new ArrayList<>();
        figures.modes().timeInS().forEach((mode, s) -> time.add(String.format(Locale.ROOT, "%s: %.1f h", mode, s / 3600)));
        doc.para("Time in each mode: " + String.join(", ", time) + ".");
    }

    private void faults(ReportDocument doc) {
        MissionFigures.Faults f = figures.faults();
        doc.heading(1, "Faults");
        doc.para("Injected by the sim (truth): " + f.counts() + ". Fault protection's events: " + f.fdirEvents()
                + "; sensor faults flagged: " + f.sensorFaults() + ".");
    }

    private void files(ReportDocument doc, MissionFigures.Run run) {
        doc.heading(1, "How it ran");
        doc.bullets(List.of(
                "flight: `" + run.flightCommand() + "` as a child process (exit code " + run.flightExit()
                        + "), its journal, outbox and commanding state on disk under `flight/`",
                "broker: " + data.brokerUrl() + " (HiveMQ CE embedded, MQTT 5)",
                String.format(Locale.ROOT, "wall time %.0f s in all; flight ran %.0f s (%.0f x real time); load average "
                        + "%s at the start, %s at the end, %d cores, Java %s", run.wallS(), run.flightWallS(),
                        run.achievedSpeed(), run.loadAtStart(), run.loadAtEnd(), run.cores(), run.java()),
                "files: `flight/` (config, keys, outbox, state, jobs, `flight.log`, `truth.jsonl`), `ground/` (archive, "
                        + "results, state, `session.log`), `summary.json`, this report and its plots"));
    }

    private String pace(MissionFigures.Run run) {
        return run.speed() > 0 ? String.format(Locale.ROOT, "Paced at %.0f x real time.", run.speed())
                : String.format(Locale.ROOT, "Flown as fast as flight could go (%.0f x real time).", run.achievedSpeed());
    }

    private String elapsed(java.time.Instant at) {
        long s = Math.max(0, java.time.Duration.between(data.plan().start(), at).toSeconds());
        return String.format(Locale.ROOT, "%d.%02d:%02d", s / 86_400, s % 86_400 / 3600, s % 3600 / 60);
    }

    private static String fmt3(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "-";
    }

    private static String f1(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : "-";
    }

    private static String orNone(String s) {
        return s == null ? "none" : s;
    }
}
