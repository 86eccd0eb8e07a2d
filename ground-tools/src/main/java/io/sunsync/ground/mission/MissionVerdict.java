package io.sunsync.ground.mission;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether the rehearsal did its job: each check names what broke, so a failed run says why.
 * Immutable.
 *
 * @param checks every check, passed or not
 */
public record MissionVerdict(List<Check> checks) {

    /** What a check is about; the code a script can act on. */
    public enum Code {
        /** Flight ran to the end of the mission and stopped cleanly (exit code 0). */
        FLIGHT_EXIT,
        /** The truth log was written to the end (the physics' own record). */
        TRUTH_LOG,
        /** No limit was violated (battery floor, brown-out, thermal, loops). */
        LIMIT_VIOLATIONS,
        /** The forged command was refused for its MAC. */
        FORGED_COMMAND,
        /** The stale command was refused as expired. */
        STALE_COMMAND,
        /** Every other command ended as the ground expected (COMPLETED). */
        COMMANDS,
        /** A critical command went through arm-then-execute. */
        ARM_EXECUTE,
        /** Housekeeping covered the mission. */
        HOUSEKEEPING,
        /** No downlink message was lost that flight did not report dropping. */
        TELEMETRY_GAPS,
        /**
         * Every message the ground took in passed telemetry authentication (its MAC verified under
         * the satellite's telemetry key); none was refused as forged, replayed or unsigned.
         */
        TELEMETRY_AUTH,
        /** Every result of a job finished before the last minutes was delivered, verified and acknowledged. */
        RESULTS,
        /**
         * The run did at least {@link #RATIO_FLOOR} of the oracle's bound, and (when graded) flight's
         * throttler did at least as much work as the best peer that flew the scenario without a violation.
         */
        GRADES
    }

    /**
     * One check.
     *
     * @param code   what it is about
     * @param ok     passed
     * @param detail what was found
     */
    public record Check(Code code, boolean ok, String detail) {
    }

    /** True when every check passed. */
    public boolean ok() {
        return checks.stream().allMatch(Check::ok);
    }

    /** The checks that failed. */
    public List<Check> failures() {
        return checks.stream().filter(c -> !c.ok()).toList();
    }

    /**
     * The least share of the oracle's bound a rehearsal of a day or more must reach. The rehearsal
     * flies a job mix (boards wait between jobs), a power-save drill and a board taken out of
     * service, so it stays below what the throttler reaches with every board busy (0.997 on the
     * default scenario in {@code bench throttler}); 0.90 leaves room for those and nothing else.
     * Shorter rehearsals are mostly the first hours, while the job mix ramps up, and are graded
     * against the peers only.
     */
    public static final double RATIO_FLOOR = 0.90;
    /** The shortest rehearsal the floor applies to, in days. */
    public static final double FLOOR_MIN_DAYS = 1.0;

    /** Judges a run by its figures. */
    public static MissionVerdict of(MissionFigures f, MissionData d) {
        List<Check> c = new ArrayList<>();
        Integer exit = f.run().flightExit();
        c.add(new Check(Code.FLIGHT_EXIT, exit != null && exit == 0,
                exit == null ? "flight had to be stopped" : "flight exit code " + exit));
        c.add(new Check(Code.TRUTH_LOG, d.truth().complete(), d.truth().complete()
                ? d.truth().samples().size() + " samples and the final totals"
                : "no final line in " + d.folder().truthLog() + " (flight did not close the model)"));
        c.add(new Check(Code.LIMIT_VIOLATIONS, d.truth().complete() && f.limits().violations() == 0,
                f.limits().violations() == 0 ? "none" : f.limits().violations() + " episodes: " + f.limits().byKind()));
        List<CommandLog.Entry> forged = d.commands().stream().filter(e -> e.purpose().startsWith("FORGED")).toList();
        c.add(new Check(Code.FORGED_COMMAND, !forged.isEmpty() && forged.stream()
                .allMatch(e -> "REJECTED".equals(e.stage()) && "BAD_MAC".equals(e.reason())),
                forged.isEmpty() ? "no forged command was sent" : outcomes(forged)));
        List<CommandLog.Entry> stale = d.commands().stream().filter(e -> e.purpose().startsWith("STALE")).toList();
        c.add(new Check(Code.STALE_COMMAND, !stale.isEmpty() && stale.stream()
                .allMatch(e -> "REJECTED".equals(e.stage()) && "EXPIRED".equals(e.reason())),
                stale.isEmpty() ? "no stale command was sent" : outcomes(stale)));
        List<CommandLog.Entry> others = d.commands().stream()
                .filter(e -> e.expect() == CommandLog.Expect.COMPLETED && !atTheEnd(e, d)).toList();
        List<CommandLog.Entry> wrong = others.stream().filter(e -> !e.asExpected()).toList();
        c.add(new Check(Code.COMMANDS, !others.isEmpty() && wrong.isEmpty(), wrong.isEmpty()
                ? others.size() + " completed"
                : wrong.size() + " of " + others.size() + " did not complete: " + outcomes(wrong.subList(0, Math.min(5, wrong.size())))));
        long armed = d.commands().stream().filter(e -> e.armed() && "COMPLETED".equals(e.stage())).count();
        c.add(new Check(Code.ARM_EXECUTE, armed > 0, armed + " critical commands armed and executed"));
        long frames = f.telemetry().hkFrames();
        long expected = f.telemetry().hkExpected();
        c.add(new Check(Code.HOUSEKEEPING, frames >= 0.95 * expected && frames > 0,
                String.format(Locale.ROOT, "%d frames of %d expected (every %.0f s)", frames, expected, f.run().hkPeriodS())));
        long unexplained = f.telemetry().lost() - f.telemetry().lostExplained();
        c.add(new Check(Code.TELEMETRY_GAPS, unexplained == 0, unexplained == 0
                ? f.telemetry().lost() + " lost, " + f.telemetry().lostExplained() + " of them reported dropped by flight"
                : unexplained + " messages missing that flight never reported dropping: " + gaps(f)));
        long authentic = d.authentication().getOrDefault("AUTHENTIC", 0L);
        long refused = d.authentication().entrySet().stream()
                .filter(e -> !e.getKey().equals("AUTHENTIC") && !e.getKey().equals("DUPLICATE"))
                .mapToLong(Map.Entry::getValue).sum();
        c.add(new Check(Code.TELEMETRY_AUTH, authentic > 0 && refused == 0, refused == 0
                ? authentic + " messages verified (HMAC-SHA256, telemetry key), " + d.authentication().get("DUPLICATE")
                + " redelivered copies, none refused"
                : refused + " messages refused by telemetry authentication " + d.authentication()));
        MissionFigures.Results r = f.results();
        boolean resultsOk = r.lost().isEmpty() && r.delivered() > 0 && r.badChunks() == 0
                && r.acknowledged() >= r.delivered() - afterCutoff(d) - late(d);
        c.add(new Check(Code.RESULTS, resultsOk, String.format(Locale.ROOT,
                "%d delivered and verified, %d acknowledged, %d still on board at the end, %d lost%s%s", r.delivered(),
                r.acknowledged(), r.pendingAtEnd().size(), r.lost().size(),
                r.lost().isEmpty() ? "" : " " + r.lost().subList(0, Math.min(5, r.lost().size())),
                r.badChunks() == 0 ? "" : ", " + r.badChunks() + " bad chunks")));
        c.add(grades(f.work().ratioToOracle(), f.work().ratioToBaseline(), d.plan().durationS() / 86_400, d.grades()));
        return new MissionVerdict(List.copyOf(c));
    }

    /**
     * The GRADES check: the rehearsal's own share of the oracle's bound against the floor (for a
     * day or more), and flight's throttler against the best peer that flew the scenario cleanly,
     * on equal terms (when graded).
     */
    static Check grades(double ratio, double ratioToBaseline, double days, GradingRun.Grades g) {
        boolean floorApplies = days >= FLOOR_MIN_DAYS;
        boolean floor = Double.isFinite(ratio) && ratio > 0 && (!floorApplies || ratio >= RATIO_FLOOR);
        String head = String.format(Locale.ROOT, "ratio to the oracle %.3f (%s), to the static baseline %.2f", ratio,
                floorApplies ? String.format(Locale.ROOT, "floor %.2f", RATIO_FLOOR)
                        : String.format(Locale.ROOT, "no floor under %.0f day", FLOOR_MIN_DAYS), ratioToBaseline);
        if (g == null) {
            return new Check(Code.GRADES, floor, head + "; not graded against the peers (no grading command)");
        }
        if (g.problem() != null) {
            return new Check(Code.GRADES, false, head + "; peers: " + g.problem());
        }
        boolean clean = g.throttlerViolations() == 0;
        boolean peers = g.bestPeer() == null || g.ratioToBestPeer() >= 1.0;
        String peer = g.bestPeer() == null
                ? "no peer flew the scenario without a violation (" + g.peers() + ")"
                : String.format(Locale.ROOT, "%.3f x the best clean peer, %s at %.3f of the oracle", g.ratioToBestPeer(),
                g.bestPeer(), g.bestPeerRatio());
        return new Check(Code.GRADES, floor && clean && peers, String.format(Locale.ROOT,
                "%s; the throttler with every board busy: %.3f of the oracle, %d violations, %s", head, g.throttlerRatio(),
                g.throttlerViolations(), peer));
    }

    /**
     * Commands sent as flight was stopping may get no answer: that is not a failure of either side.
     * "As it was stopping" is the last stretch in which the ground still commands (up to its
     * cutoff, {@link GroundScript#commandCutoffS}) and three housekeeping periods and a minute more:
     * a batch of acknowledgements sent just before the cutoff waits for its reports while the
     * compressed mission runs to its end (600 mission seconds are one wall second at 600x), and a
     * 2-core CI machine once answered such a batch of 12 after flight had stopped.
     */
    private static boolean atTheEnd(CommandLog.Entry e, MissionData d) {
        double lastS = d.plan().durationS() - GroundScript.commandCutoffS(d.plan()) + 3 * d.settings().hkPeriodS() + 60;
        return "NO_REPORT".equals(e.stage()) && !e.missionAt().isBefore(d.plan().end().minusSeconds(Math.round(lastS)));
    }

    /** Results verified after the ground stopped commanding: left on board, unacknowledged. */
    private static long afterCutoff(MissionData d) {
        java.time.Instant cutoff = d.plan().start().plusMillis(Math.round(GroundScript.commandCutoffS(d.plan()) * 1000));
        return d.results().stream().filter(v -> v.missionAt() == null || !v.missionAt().isBefore(cutoff)).count();
    }

    /** Results verified whose acknowledgement went out as flight was stopping. */
    private static long late(MissionData d) {
        return d.commands().stream().filter(e -> e.name().equals("job.ackResult") && atTheEnd(e, d)).count();
    }

    private static String outcomes(List<CommandLog.Entry> entries) {
        StringBuilder sb = new StringBuilder();
        for (CommandLog.Entry e : entries) {
            sb.append(sb.length() == 0 ? "" : "; ").append(e.name()).append(' ').append(e.stage())
                    .append(e.reason() == null ? "" : " " + e.reason());
        }
        return sb.toString();
    }

    private static String gaps(MissionFigures f) {
        StringBuilder sb = new StringBuilder();
        for (Map<String, Object> s : f.telemetry().streams()) {
            if (((Number) s.get("lost")).longValue() > 0) {
                sb.append(sb.length() == 0 ? "" : "; ").append(s.get("stream")).append(" seq ").append(s.get("gaps"));
            }
        }
        return sb.toString();
    }
}
