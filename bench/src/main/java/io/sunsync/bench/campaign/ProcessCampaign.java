package io.sunsync.bench.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sunsync.bench.cli.BenchCommand;
import io.sunsync.bench.cli.Quick;
import io.sunsync.bench.cli.Seed;
import io.sunsync.testkit.MosquittoBroker;
import io.sunsync.testkit.TmpfsVolume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The process-level fault campaign: flight runs as its own JVM on the sim backend, with jobs and
 * commanding, against a real Mosquitto on loopback, its state (job journal, results, outbox,
 * anti-replay counters) on a small size-limited volume (a {@code tmpfs}), while the campaign
 * {@code kill -9}s it at random moments and restarts it, stops it with SIGTERM, restarts the
 * broker, fills the volume to {@code ENOSPC}, and restarts flight with its mission clock jumped
 * forward or back. A ground ({@link CampaignGround}) submits jobs, downloads and acknowledges
 * their results and pings throughout, retrying what a fault refused.
 *
 * <p>At the end every job, result, telemetry message (per stream, by sequence number, after
 * de-duplication) and verification report must be accounted for: received, or dropped on
 * purpose and counted by flight (only a full disk may do that).
 *
 * <p>What "clock jump" means here: flight's time is its {@code TimeSource}; in simulation that is
 * the sim's virtual clock, which starts at {@code hardware.backends.sim.epoch} at each start. A
 * restart with the epoch moved forward (hours to days, as after a long outage or a clock set
 * forward by the ground) or back (minutes to hours, as after a bad time fix) is the jump; the
 * wall-clock ({@code system}) scheduler's reaction to a jump while running is tested separately
 * ({@code SchedulerClockJumpTest}).
 */
public final class ProcessCampaign {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SAT = "sat-001";

    /** The process-level faults. */
    public enum Fault {
        /** {@code kill -9} of flight at a random moment, then a restart. */
        KILL9,
        /** SIGTERM (as {@code systemctl stop}), a clean stop, then a restart. */
        SIGTERM_RESTART,
        /** The broker stopped and started again (its persistence keeps sessions and queued messages). */
        BROKER_RESTART,
        /** The state volume filled to ENOSPC for a few seconds (sometimes flight is killed and restarted meanwhile). */
        DISK_FULL,
        /** Flight restarted with its mission clock jumped forward or back. */
        CLOCK_JUMP
    }

    /** Which faults a campaign draws. */
    public enum Mix {
        /** Every kind of {@link Fault}; the state lives on a size-limited {@code tmpfs} (root needed). */
        ALL,
        /**
         * Only {@code kill -9} of flight, at a random moment after each launch (during the JVM's
         * start, the journal's replay and recovery, or while jobs run and results are stored), as
         * fast as flight restarts; the state lives in a plain folder (no root needed).
         */
        KILL9
    }

    /**
     * Campaign settings.
     *
     * @param seed        random seed (fault order, timing, jobs)
     * @param faults      number of faults to inject
     * @param speed       sim speed-up (virtual seconds per wall second)
     * @param boards      sim boards
     * @param volumeBytes size of the state volume (the outbox gets a third)
     * @param minGapS     least wall time between faults, in s
     * @param maxGapS     most wall time between faults, in s
     * @param settleS     wall time allowed at the end for every job and result to settle, in s
     * @param work        working folder (config, logs, the volume's mount point)
     * @param scripted    the faults in this order instead of random draws (the short version covers each)
     * @param mix         which faults are drawn
     * @param jobScale    size of the ground's jobs (1: synthetic 120-300 work units, process 10-30 steps)
     * @param restartMaxS longest pause before flight is started again, in s (as systemd's RestartSec)
     */
    public record Options(long seed, int faults, double speed, int boards, long volumeBytes, double minGapS,
                          double maxGapS, double settleS, Path work, List<Fault> scripted, Mix mix, double jobScale,
                          double restartMaxS) {
        /** The short version for the test suite: every fault kind, some twice, in under a minute. */
        public static Options quick(Path work) {
            return new Options(11, 7, 60, 8, 24L << 20, 1.5, 2.5, 120, work,
                    List.of(Fault.KILL9, Fault.BROKER_RESTART, Fault.DISK_FULL, Fault.CLOCK_JUMP, Fault.SIGTERM_RESTART,
                            Fault.DISK_FULL, Fault.CLOCK_JUMP), Mix.ALL, 1.0, 1.5);
        }

        /** The full campaign: {@code faults} random faults. */
        public static Options full(Path work, int faults, long seed) {
            return new Options(seed, faults, 20, 8, 32L << 20, 2.0, 6.0, 300, work, null, Mix.ALL, 1.0, 1.5);
        }

        /**
         * The kill campaign: {@code kills} kill -9 of flight, each 0.3-6 s of wall time after its
         * launch (flight takes 2-5 s to start on a loaded 2-core machine, so about half the kills
         * land in the start or the recovery), restarted within 0.3 s, with smaller jobs.
         */
        public static Options kills(Path work, int kills, long seed) {
            return new Options(seed, kills, 60, 8, 96L << 20, 0.3, 6.0, 240, work, null, Mix.KILL9, 0.3, 0.3);
        }
    }

    /** The outcome: figures for the summary and every problem found (none when it passed). */
    public record Summary(Map<String, Object> figures, List<String> problems) {
        public boolean passed() {
            return problems.isEmpty();
        }
    }

    private final Options o;
    private final SplittableRandom random;
    private final Map<Fault, Integer> injected = new EnumMap<>(Fault.class);
    private final List<String> problems = new ArrayList<>();
    private final List<String> timeline = new ArrayList<>();
    private final Map<String, Integer> exitCodes = new TreeMap<>();
    private final List<Double> jumpsH = new ArrayList<>();
    private final List<Double> uptimesAtKillS = new ArrayList<>();
    private int killsWhileFull;
    private int unexpectedExits;
    private long bytesFilled;
    private MosquittoBroker broker;
    private TmpfsVolume volume;
    private FlightProcess flight;
    private volatile Instant runEpoch;
    private volatile long runStartNanos;
    private volatile Instant frozen;
    private final long t0 = System.nanoTime();

    private ProcessCampaign(Options o) {
        this.o = o;
        this.random = new SplittableRandom(o.seed());
    }

    /** Runs the campaign and returns its summary. */
    public static Summary run(Options o) throws Exception {
        return new ProcessCampaign(o).execute();
    }

    private Instant missionEstimate() {
        if (frozen != null) {
            return frozen;
        }
        double s = (System.nanoTime() - runStartNanos) / 1e9 * o.speed();
        return runEpoch.plusMillis(Math.round(s * 1000));
    }

    private void note(String what) {
        String line = String.format(Locale.ROOT, "%7.1f s  %s", (System.nanoTime() - t0) / 1e9, what);
        timeline.add(line);
        System.out.println("process campaign: " + line);
    }

    private Summary execute() throws Exception {
        Files.createDirectories(o.work());
        Path volDir = o.work().resolve("vol");
        if (o.mix() == Mix.ALL) {
            volume = TmpfsVolume.mount(volDir, o.volumeBytes());
        } else {
            Files.createDirectories(volDir);
        }
        // Every packet logged: an unanswered command can then be traced to the broker or past it.
        broker = MosquittoBroker.builder().persistence(true).configLine("log_type all").start();
        // In a kill loop the client compiler and the serial collector start a small JVM in about half
        // the time (what the loop spends most of its time on); neither changes what is written to disk.
        flight = FlightProcess.prepare(o.work(), SAT, "64m",
                o.mix() == Mix.KILL9 ? List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC") : List.of(), List.of());
        Path log = flight.log();
        CampaignSigner signer = new CampaignSigner(SAT, 1, CampaignSigner.KEY1);
        volatileStop = false;
        try (CampaignGround ground = new CampaignGround(broker.url(), SAT, signer, this::missionEstimate, o.seed())) {
            ground.scaleJobs(o.jobScale());
            launch(Instant.parse("2027-04-01T00:00:00Z"));
            // Commands go out once flight has a session on the broker (before its first connect the
            // broker has nobody to queue them for, as for a satellite never seen).
            if (!awaitCondition(() -> ground.hkFrames() > 0, 60, "first housekeeping frame")) {
                throw new IllegalStateException("flight never came up; see " + log);
            }
            Thread driver = new Thread(() -> drive(ground), "campaign-ground");
            driver.setDaemon(true);
            driver.start();
            int n = o.scripted() == null ? o.faults() : o.scripted().size();
            int forwardJumps = 0;
            for (int i = 0; i < n; i++) {
                pause(o.minGapS() + random.nextDouble() * (o.maxGapS() - o.minGapS()));
                Fault f = o.scripted() == null ? draw() : o.scripted().get(i);
                injected.merge(f, 1, Integer::sum);
                switch (f) {
                    case KILL9 -> kill9AndRestart(null);
                    case SIGTERM_RESTART -> sigtermAndRestart(null);
                    case BROKER_RESTART -> brokerRestart();
                    case DISK_FULL -> diskFull();
                    case CLOCK_JUMP -> {
                        boolean forward = o.scripted() != null ? forwardJumps++ == 0 : random.nextBoolean();
                        double hours = forward ? 1 + random.nextDouble() * 47 : -(1 / 6.0 + random.nextDouble() * (6 - 1 / 6.0));
                        jumpsH.add(hours);
                        Duration jump = Duration.ofSeconds(Math.round(hours * 3600));
                        if (random.nextBoolean()) {
                            kill9AndRestart(jump);
                        } else {
                            sigtermAndRestart(jump);
                        }
                    }
                    default -> throw new IllegalStateException(f.name());
                }
            }
            // Final phase: everything back, no new jobs, every job and result settles.
            if (volume != null) {
                volume.release();
            }
            if (!broker.isRunning()) {
                broker.restart();
            }
            superviseOnce();
            note("faults done; settling (no new jobs)");
            ground.stopSubmitting();
            finalPhase = true;
            boolean settled = awaitCondition(ground::settled, o.settleS(), "every job settled and every result acknowledged");
            volatileStop = true;
            driver.join(5000);
            note("SIGTERM for the final accounting");
            int code = flight.sigterm(60);
            exitCodes.merge("final SIGTERM: " + code, 1, Integer::sum);
            if (!FlightProcess.cleanStop(code)) {
                problems.add("the final SIGTERM ended flight with exit code " + code + " (expected a clean 0 or 143)");
            }
            return account(ground, settled, log);
        } finally {
            volatileStop = true;
            if (flight != null && flight.alive()) {
                flight.kill9();
            }
            if (broker != null) {
                broker.close();
            }
            if (volume != null) {
                volume.close();
            }
        }
    }

    private volatile boolean volatileStop;
    private volatile boolean finalPhase;
    /** Most commands the campaign's ground leaves unanswered before it submits more jobs. */
    static final int MAX_OPEN = 24;

    private void drive(CampaignGround ground) {
        long nextSubmit = 0;
        long nextPing = 0;
        long nextList = 0;
        SplittableRandom r = new SplittableRandom(o.seed() ^ 0x9E3779B97F4A7C15L);
        while (!volatileStop) {
            try {
                ground.tick(flight.alive());
                long now = System.nanoTime();
                // At most MAX_OPEN unanswered commands: a ground that keeps sending to a satellite that
                // answers slower (restarting every few seconds) only fills the broker's queue.
                if (ground.submitting() && now >= nextSubmit && ground.openCommands() < MAX_OPEN) {
                    ground.submitJob();
                    nextSubmit = now + (long) ((0.8 + r.nextDouble() * 1.6) * 1e9);
                }
                if (now >= nextPing && !ground.pinging()) {
                    ground.ping();
                    nextPing = now + 3_000_000_000L;
                }
                if (finalPhase && now >= nextList && !ground.listing()) {
                    ground.listJobs();
                    nextList = now + 4_000_000_000L;
                }
                Thread.sleep(50); // the ground's work cycle (wall time)
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                synchronized (problems) {
                    problems.add("ground driver failed: " + e);
                }
                e.printStackTrace();
            }
        }
    }

    private Fault draw() {
        if (o.mix() == Mix.KILL9) {
            return Fault.KILL9;
        }
        int x = random.nextInt(100);
        if (x < 40) {
            return Fault.KILL9;
        } else if (x < 55) {
            return Fault.BROKER_RESTART;
        } else if (x < 70) {
            return Fault.DISK_FULL;
        } else if (x < 88) {
            return Fault.CLOCK_JUMP;
        }
        return Fault.SIGTERM_RESTART;
    }

    // ------------------------------------------------------------------ the flight process

    private SimFlightConfig config(Instant epoch) {
        return SimFlightConfig.of("the process campaign", SAT, broker.url(), "vol")
                .with("link.reconnectMinMs", 100)
                .with("link.reconnectMaxMs", 1000)
                .with("link.outbox.maxBytes", o.volumeBytes() / 3)
                .with("link.outbox.segmentBytes", 1048576)
                .with("jobs.progressIntervalS", 30)
                .with("jobs.killGraceS", 2)
                .with("jobs.checkpointGraceS", 5)
                .with("hardware.backends.sim.boards", o.boards())
                .with("hardware.backends.sim.speed", o.speed())
                .with("hardware.backends.sim.epoch", epoch.toString())
                .with("hardware.backends.sim.seed", o.seed());
    }

    private void launch(Instant epoch) throws IOException {
        flight.start(config(epoch));
        runEpoch = epoch;
        runStartNanos = System.nanoTime();
        frozen = null;
    }

    /** After a stop: the next start continues from the mission time reached plus a reboot's minute, plus {@code jump}. */
    private void relaunch(Duration jump) throws IOException, InterruptedException {
        Instant reached = missionEstimate();
        frozen = reached;
        Thread.sleep(random.nextInt((int) (o.restartMaxS() * 1000))); // down for a moment, as systemd's RestartSec
        Instant epoch = reached.plusSeconds(60).plus(jump == null ? Duration.ZERO : jump);
        launch(epoch);
        note("flight started (launch " + flight.launches() + ") at mission time " + epoch
                + (jump == null ? "" : String.format(Locale.ROOT, " (clock jumped %+.2f h)", jump.toSeconds() / 3600.0)));
    }

    private void kill9AndRestart(Duration jump) throws IOException, InterruptedException {
        superviseOnce();
        double upS = (System.nanoTime() - runStartNanos) / 1e9;
        int code = flight.kill9();
        exitCodes.merge("kill -9: " + code, 1, Integer::sum);
        uptimesAtKillS.add(upS);
        note(String.format(Locale.ROOT, "kill -9 flight %.1f s after its launch (exit %d)", upS, code));
        relaunch(jump);
    }

    private void sigtermAndRestart(Duration jump) throws IOException, InterruptedException {
        superviseOnce();
        long t = System.nanoTime();
        int code = flight.sigterm(60);
        exitCodes.merge("SIGTERM: " + code, 1, Integer::sum);
        note(String.format(Locale.ROOT, "SIGTERM flight: exit %d after %.1f s", code, (System.nanoTime() - t) / 1e9));
        if (!FlightProcess.cleanStop(code)) {
            problems.add("SIGTERM ended flight with exit code " + code + " (expected a clean 0 or 143)");
        }
        relaunch(jump);
    }

    private void brokerRestart() throws InterruptedException {
        broker.stop();
        note("broker stopped");
        pause(0.5 + random.nextDouble() * 3);
        broker.restart();
        note("broker started");
    }

    private void diskFull() throws IOException, InterruptedException {
        long filled = volume.fill();
        bytesFilled += filled;
        note(String.format(Locale.ROOT, "state volume full (%d bytes of ballast, %d bytes used of %d)", filled,
                volume.usedBytes(), volume.sizeBytes()));
        pause(1.5 + random.nextDouble() * 3);
        if (random.nextInt(3) == 0 || o.scripted() != null && injected.get(Fault.DISK_FULL) == 2) {
            killsWhileFull++;
            kill9AndRestart(null);
            note("flight restarted on the full volume");
            pause(2 + random.nextDouble() * 2);
        }
        volume.release();
        note("state volume released");
    }

    /** Like systemd's Restart=on-failure: a flight that exited on its own is counted and started again. */
    private void superviseOnce() throws IOException, InterruptedException {
        Integer code = flight.exited();
        if (code != null) {
            if (code == 2) {
                throw new IllegalStateException("flight refused its config (exit 2); see " + o.work().resolve("flight.log"));
            }
            unexpectedExits++;
            exitCodes.merge("exited by itself: " + code, 1, Integer::sum);
            problems.add("flight exited by itself with code " + code + " (see flight.log)");
            note("flight exited by itself: " + code);
            relaunch(null);
        }
    }

    private void pause(double seconds) throws InterruptedException {
        long until = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < until) {
            Thread.sleep(50); // fault pacing in wall time
            try {
                superviseOnce();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private boolean awaitCondition(java.util.function.BooleanSupplier c, double seconds, String what) throws Exception {
        long until = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < until) {
            if (c.getAsBoolean()) {
                return true;
            }
            pause(0.2);
        }
        note("timed out waiting for: " + what);
        return false;
    }

    // ------------------------------------------------------------------ accounting

    private Summary account(CampaignGround ground, boolean settled, Path log) throws Exception {
        Map<String, Object> f = new LinkedHashMap<>();
        JsonNode state = JSON.readTree(Files.readString(o.work().resolve("vol/outbox/outbox-state.json")));
        // Wait for the last messages (the stop's own events) to arrive.
        long until = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < until) {
            boolean all = true;
            for (var it = state.path("streams").fields(); it.hasNext(); ) {
                var e = it.next();
                long numbered = e.getValue().path("nextSeq").asLong();
                long dropped = e.getValue().path("dropped").asLong();
                if (ground.distinct().getOrDefault(e.getKey(), 0L) + dropped < numbered) {
                    all = false;
                }
            }
            if (all) {
                break;
            }
            Thread.sleep(100);
        }
        f.put("wallS", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
        int faultCount = injected.values().stream().mapToInt(Integer::intValue).sum();
        f.put("faultsInjected", faultCount);
        f.put("wallSPerFault", faultCount == 0 ? null : Math.round((System.nanoTime() - t0) / 1e7 / faultCount) / 100.0);
        f.put("faultsByKind", new TreeMap<>(injected.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                e -> e.getKey().name(), Map.Entry::getValue))));
        long kills = exitCodes.entrySet().stream().filter(e -> e.getKey().startsWith("kill -9")).mapToLong(Map.Entry::getValue).sum();
        f.put("kill9", kills);
        if (!uptimesAtKillS.isEmpty()) {
            double[] up = uptimesAtKillS.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            f.put("kill9UptimeS", Map.of("min", Math.round(up[0] * 10) / 10.0, "median",
                    Math.round(up[up.length / 2] * 10) / 10.0, "max", Math.round(up[up.length - 1] * 10) / 10.0));
        }
        f.put("killsWhileDiskFull", killsWhileFull);
        f.put("brokerRestarts", injected.getOrDefault(Fault.BROKER_RESTART, 0));
        f.put("diskFullEvents", injected.getOrDefault(Fault.DISK_FULL, 0));
        f.put("diskFullBallastBytes", bytesFilled);
        f.put("clockJumps", jumpsH.size());
        f.put("clockJumpsH", jumpsH.stream().map(h -> Math.round(h * 100) / 100.0).toList());
        f.put("flightLaunches", flight.launches());
        f.put("exitCodes", exitCodes);
        f.put("unexpectedExits", unexpectedExits);

        // Telemetry: every sequence number of every stream received, or dropped and counted by flight.
        Map<String, Object> streams = new TreeMap<>();
        long lost = 0;
        long droppedTotal = 0;
        Map<String, Long> distinct = ground.distinct();
        Map<String, Long> deliveries = ground.deliveries();
        long reportedDrops = 0;
        for (JsonNode e : ground.events("OUTBOX_DROPPED")) {
            reportedDrops += e.path("data").path("count").asLong();
        }
        for (var it = state.path("streams").fields(); it.hasNext(); ) {
            var e = it.next();
            String stream = e.getKey();
            long numbered = e.getValue().path("nextSeq").asLong();
            long dropped = e.getValue().path("dropped").asLong();
            long got = distinct.getOrDefault(stream, 0L);
            long missing = Math.max(0, numbered - got - dropped);
            lost += missing;
            droppedTotal += dropped;
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("numbered", numbered);
            s.put("received", got);
            s.put("duplicatesDelivered", deliveries.getOrDefault(stream, 0L) - got);
            s.put("droppedCounted", dropped);
            s.put("lost", missing);
            streams.put(stream, s);
            if (missing > 0) {
                List<Long> gaps = ground.gaps(stream, numbered);
                problems.add("stream " + stream + ": " + missing + " messages neither received nor counted as dropped "
                        + "(gaps " + gaps.subList(0, Math.min(10, gaps.size())) + ")");
            }
        }
        f.put("telemetryReceived", distinct.values().stream().mapToLong(Long::longValue).sum());
        f.put("telemetryDroppedCounted", droppedTotal);
        f.put("telemetryDropsReported", reportedDrops);
        f.put("telemetryLost", lost);
        f.put("streams", streams);
        if (droppedTotal > 0 && injected.getOrDefault(Fault.DISK_FULL, 0) == 0) {
            problems.add(droppedTotal + " messages dropped although the disk never filled");
        }

        // Verification reports: every command attempt answered.
        Map<Long, List<JsonNode>> reports = ground.reports();
        long unanswered = 0;
        Map<String, Long> rejectedBy = new TreeMap<>();
        long duplicatesAnswered = 0;
        for (var e : reports.entrySet()) {
            if (e.getValue().isEmpty()) {
                unanswered++;
            }
            for (JsonNode r : e.getValue()) {
                if (r.path("duplicate").asBoolean()) {
                    duplicatesAnswered++;
                }
                if (r.path("stage").asText().equals("REJECTED")) {
                    rejectedBy.merge(r.path("reason").asText(), 1L, Long::sum);
                }
            }
        }
        List<CampaignGround.Cmd> cmds = ground.commands();
        f.put("commands", cmds.size());
        f.put("commandAttempts", reports.size());
        f.put("commandAttemptsAnswered", reports.size() - unanswered);
        f.put("commandAttemptsUnanswered", unanswered);
        f.put("commandRejectionsByReason", rejectedBy);
        f.put("duplicateCommandsAnswered", duplicatesAnswered);
        f.put("commandPublishRetries", ground.publishFailures());
        long openCmds = cmds.stream().filter(c -> !c.done && !c.kind.equals("ping") && !c.kind.equals("list")).count();
        // An unanswered attempt is explained only where the broker's log shows flight never took it and
        // its message expiry ran out at the broker (flight restarted faster than it could connect).
        CommandTrace trace = traceAtBroker(ground, f);
        Map<CommandTrace.Verdict, List<Long>> silentBy = new java.util.EnumMap<>(CommandTrace.Verdict.class);
        reports.forEach((seq, got) -> {
            if (got.isEmpty()) {
                CommandTrace.Verdict v = trace == null ? CommandTrace.Verdict.UNTRACED
                        : trace.verdict(seq, CampaignGround.COMMAND_EXPIRY_S);
                silentBy.computeIfAbsent(v, k -> new ArrayList<>()).add(seq);
            }
        });
        long expiredAtBroker = silentBy.getOrDefault(CommandTrace.Verdict.EXPIRED_AT_BROKER, List.of()).size();
        f.put("commandAttemptsExpiredAtBroker", expiredAtBroker);
        Map<String, Integer> silentByVerdict = new TreeMap<>();
        silentBy.forEach((v, seqs) -> silentByVerdict.put(v.name(), seqs.size()));
        f.put("commandAttemptsUnansweredByVerdict", silentByVerdict);
        long unexplained = unanswered - expiredAtBroker;
        if (unexplained > 0) {
            // An attempt whose report sat in a dropped stretch of tc/ack is counted there instead.
            long tcDropped = state.path("streams").path("tc/ack").path("dropped").asLong();
            if (unexplained > tcDropped) {
                List<String> which = new ArrayList<>();
                silentBy.forEach((v, seqs) -> {
                    if (v != CommandTrace.Verdict.EXPIRED_AT_BROKER) {
                        seqs.stream().limit(10).forEach(seq -> which.add(ground.describe(seq, t0) + " " + v));
                    }
                });
                problems.add((unexplained - tcDropped) + " command attempts never answered (and not covered by dropped "
                        + "reports nor expired at the broker before flight took them): " + which + " (broker log "
                        + o.work().resolve("broker.log") + ")");
            }
        }

        // Jobs and results.
        Map<String, JsonNode> onBoard = ground.jobsOnBoard();
        Map<String, Long> finalStates = new TreeMap<>();
        long startLimitByRestarts = 0;
        long accepted = 0;
        long refused = 0;
        long refusedDeadlinePassed = 0;
        long resultsVerified = 0;
        long resultsAcked = 0;
        long jobsLost = 0;
        long resultsLost = 0;
        long wrongResults = 0;
        for (CampaignGround.JobPlan j : ground.plans()) {
            if (j.refusedForGood) {
                if (j.refusal.startsWith("DEADLINE_PASSED")) {
                    // Right after a forward clock jump: the deadline the ground chose is behind mission time.
                    refusedDeadlinePassed++;
                    continue;
                }
                refused++;
                problems.add("job " + j.id + " refused: " + j.refusal);
                continue;
            }
            if (!j.accepted) {
                finalStates.merge("NOT_ACCEPTED", 1L, Long::sum);
                if (settled) {
                    problems.add("job " + j.id + " never accepted");
                }
                continue;
            }
            accepted++;
            JsonNode s = onBoard.get(j.id);
            if (s == null) {
                jobsLost++;
                problems.add("job " + j.id + " accepted but missing from the job list");
                continue;
            }
            String st = s.path("state").asText();
            finalStates.merge(st + (st.equals("FAILED") ? " " + s.path("reason").asText() : ""), 1L, Long::sum);
            if (st.equals("FAILED")) {
                Map<String, Long> requeues = requeueReasons(ground, j.id);
                if (s.path("reason").asText().equals("TOO_MANY_STARTS") && requeues.keySet().equals(Set.of("RUNNER_RESTARTED"))) {
                    // Every start of it that ended, ended with a restart of flight: the kills outran it, and the
                    // start limit (there to stop a job that takes flight down with it) did its job.
                    startLimitByRestarts++;
                } else {
                    problems.add("job " + j.id + " FAILED " + s.path("reason").asText() + ": " + s.path("message").asText()
                            + (requeues.isEmpty() ? "" : " (back to the queue: " + requeues + ")"));
                }
            }
            if (st.equals("EXPIRED") && j.deadline == null) {
                problems.add("job " + j.id + " EXPIRED without a deadline");
            }
            if (st.equals("SUCCEEDED")) {
                if (j.resultVerified) {
                    resultsVerified++;
                    boolean right = j.process ? j.expectedResult().equals(j.resultContent)
                            : j.resultContent.contains("\"jobId\":\"" + j.id + "\"");
                    if (!right) {
                        wrongResults++;
                        problems.add("job " + j.id + " result has the wrong content: " + j.resultContent.strip());
                    }
                } else {
                    resultsLost++;
                    problems.add("job " + j.id + " SUCCEEDED but its result never arrived complete");
                }
                if (j.acked) {
                    resultsAcked++;
                }
            }
            if (!(st.equals("SUCCEEDED") || st.equals("EXPIRED") || st.equals("FAILED") || st.equals("CANCELLED"))) {
                problems.add("job " + j.id + " still " + st + " at the end");
            }
        }
        // Per id: each job's events in flight's order, each result's content, each command attempt's
        // answers, each telemetry number's payload.
        PerIdAudit.Outcome perId = PerIdAudit.audit(ground,
                ground.plans().stream().map(j -> j.id).collect(java.util.stream.Collectors.toSet()));
        problems.addAll(perId.problems());
        long ranTwice = ((Number) perId.figures().get("jobsRunAfterDone")).longValue()
                + ((Number) perId.figures().get("jobsEndedTwice")).longValue();
        f.put("jobsSubmitted", ground.plans().size());
        f.put("jobsAccepted", accepted);
        f.put("jobsRefused", refused);
        f.put("jobsRefusedDeadlinePassed", refusedDeadlinePassed);
        f.put("jobFinalStates", finalStates);
        f.put("jobsAtStartLimitByRestarts", startLimitByRestarts);
        f.put("jobsLost", jobsLost);
        f.put("jobsRanTwice", ranTwice);
        f.put("jobRestartsAfterFaults", ground.events("JOB_REQUEUED").size());
        f.put("resultsVerified", resultsVerified);
        f.put("resultsAcknowledged", resultsAcked);
        f.put("resultsLost", resultsLost);
        f.put("resultsWithWrongContent", wrongResults);
        f.put("resultChunksFailingSha256", ground.badChunks());
        f.put("settled", settled);
        f.put("perId", perId.figures());
        if (!settled) {
            problems.add("jobs and results did not settle within " + o.settleS() + " s (" + openCmds + " commands open)");
        }

        // Flight's own view: events of the faults, components that threw.
        Map<String, Long> codes = new TreeMap<>();
        for (JsonNode e : ground.events()) {
            String c = e.path("code").asText();
            if (c.startsWith("OUTBOX_") || c.startsWith("LINK_") || c.equals("JOURNAL_WRITE_FAILED") || c.startsWith("JOBS_")
                    || c.startsWith("FLIGHT_") || c.startsWith("RESULT") || c.equals("CLOCK_JUMP")) {
                codes.merge(c, 1L, Long::sum);
            }
        }
        f.put("flightEvents", codes);
        long componentFailures;
        long uncaught;
        try (Stream<String> lines = Files.lines(log)) {
            List<String> all = lines.toList();
            componentFailures = all.stream().filter(l -> l.contains("rate group") && l.contains("failed at")).count();
            uncaught = all.stream().filter(l -> l.contains("Exception in thread")).count();
        }
        f.put("componentExceptions", componentFailures);
        f.put("uncaughtExceptions", uncaught);
        if (componentFailures > 0) {
            problems.add(componentFailures + " exceptions escaped a component (flight.log: 'rate group ... failed at')");
        }
        if (uncaught > 0) {
            problems.add(uncaught + " uncaught exceptions in flight.log");
        }
        f.put("problems", problems.size());
        f.put("timeline", timeline);
        return new Summary(f, List.copyOf(problems));
    }

    /** The reasons {@code jobId} went back to the queue, counted, from flight's events. */
    private static Map<String, Long> requeueReasons(CampaignGround ground, String jobId) {
        Map<String, Long> out = new TreeMap<>();
        for (JsonNode e : ground.events()) {
            if (e.path("code").asText().equals("JOB_REQUEUED") && e.path("data").path("jobId").asText().equals(jobId)) {
                out.merge(e.path("data").path("reason").asText(), 1L, Long::sum);
            }
        }
        return out;
    }

    /**
     * The broker's log matched to the ground's publishes (copied into the work folder to be read
     * again), with flight's sessions on the broker as a figure; null, with the reason as a figure,
     * where it cannot be read.
     */
    private CommandTrace traceAtBroker(CampaignGround ground, Map<String, Object> f) {
        Path copy = o.work().resolve("broker.log");
        try {
            Files.copy(broker.log(), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            BrokerTraffic traffic = BrokerTraffic.read(copy, "sunsync/" + SAT + "/tc", CampaignGround.clientId(SAT),
                    io.sunsync.flight.app.FlightApplication.clientId(SAT));
            CommandTrace trace = CommandTrace.of(traffic, ground.publishes());
            f.put("flightSessionsAtBroker", traffic.receiverSessions());
            f.put("commandLogTraced", trace.aligned());
            return trace;
        } catch (IOException | RuntimeException e) {
            f.put("commandLogTraced", "broker log not read: " + e);
            return null;
        }
    }

    /**
     * {@code ProcessCampaign [--quick] [--faults N] [--seed S]}: every kind of fault; {@code
     * ProcessCampaign --kills N [--seed S]}: only kill -9, N times. Runs it alone and prints the summary.
     */
    public static void main(String[] args) {
        BenchCommand.exit(new Launch(), args);
    }

    /** The command line of {@code ./sunsync soak --process}. */
    @Command(name = "soak --process", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Process-level faults against flight as its own JVM (-Xmx64m) through a real Mosquitto: "
                    + "kill -9, broker restarts, a full state disk (a tmpfs: needs root), clock jumps; every job, result, "
                    + "telemetry message and report accounted for.",
                "--kills N: kill -9 only, N times, at random moments after each launch (no root needed).",
                "--quick: the test suite's short script of 7 faults (--faults and --seed do not apply)."})
    static final class Launch implements Callable<Integer> {
        @Mixin
        Quick quick;

        @Option(names = "--faults", paramLabel = "N", defaultValue = "60", description = "Random faults (default: ${DEFAULT-VALUE}).")
        int faults;

        @Option(names = "--kills", paramLabel = "N", description = "Only kill -9 of flight, N times.")
        Integer kills;

        @Mixin
        Seed seed;

        @Override
        public Integer call() throws Exception {
            return runAndReport(quick.on(), faults, kills, seed.value());
        }
    }

    private static int runAndReport(boolean quick, int faults, Integer kills, long seed) throws Exception {
        Path work = Files.createTempDirectory("sunsync-process-campaign-");
        Options options = kills != null ? Options.kills(work, kills, seed)
                : quick ? Options.quick(work) : Options.full(work, faults, seed);
        Summary s = run(options);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("campaign", kills != null ? "process-level kill -9" : "process-level faults");
        out.put("seed", options.seed());
        out.putAll(s.figures());
        out.put("problemList", s.problems());
        CampaignSummary.write(kills != null ? "process-kills" : "process-soak", out,
                java.util.Set.of("timeline", "streams", "problemList"), "", s.problems());
        System.out.println("work folder (flight.log, state volume mount point): " + work);
        return s.passed() ? 0 : 1;
    }
}
