package io.sunsync.bench.campaign;

import io.sunsync.bench.cli.BenchCommand;
import io.sunsync.testkit.MosquittoBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * Resource bounds ({@code ./sunsync bench resource-bounds}): flight as its own JVM with
 * {@code -Xmx64m} and 96 sim boards flies a long scenario (default the eclipse-season day, 24 h of
 * mission time at 240x; {@code --days 30}: thirty days, as fast as flight runs) with jobs,
 * commanding and the outbox on, against a real Mosquitto, while a ground ({@link CampaignGround})
 * submits jobs, downloads and acknowledges their results. Sampled from outside every few seconds:
 * heap in use and, every minute, live heap after a full GC ({@code jcmd}), threads and resident
 * memory ({@code /proc}), and the bytes of the state folder (outbox, job journal and results,
 * commanding). Writes {@code bench/out/resource-bounds.json} and {@code .md}, with the trend of
 * the live heap and of the state folder per mission day ({@link Trend}).
 *
 * <p>How far it may be accelerated: on board everything runs on the sim's virtual clock in
 * lockstep (rate groups, throttler, job progress, deadlines, outbox timestamps), so flight behaves
 * the same at any speed; what runs on wall time is the link to the broker, the ground and the
 * process jobs' own pace. The run is valid while those keep up: the outbox's unsent messages stay
 * few (housekeeping {@code link.queued}) and results are acknowledged as they finish; both are
 * reported, and a run where they did not keep up is marked invalid.
 *
 * <p>Options: {@code --days D} or {@code --duration-s S}, {@code --speed X|max}, {@code
 * --jobs-per-s R} (wall), {@code --scenario FILE}, {@code --xmx 64m}.
 */
@Command(name = "resource-bounds", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Flight as its own JVM (-Xmx64m, 96 sim boards) flies a long scenario with jobs against a real "
                + "Mosquitto: heap, threads, RSS and state bytes sampled from outside, their trend per mission day.")
public final class ResourceBoundsBench implements Callable<Integer> {
    /** Rise of the live heap's floor (last third against first) above which it is not flat. */
    static final long HEAP_FLAT_KIB = 2048;
    /** Growth of the state folder over the run, projected from its trend after day 1, above which it is not flat. */
    static final long STATE_FLAT_BYTES = 8L << 20;
    /** Unsent messages above which the link did not keep up with the acceleration. */
    static final long QUEUED_VALID_MAX = 5000;
    /**
     * Finished jobs flight remembers in this run ({@code jobs.keepFinishedJobs}): few enough that
     * the job table reaches its bound early in the run, so a heap still growing after that is a
     * leak. A remembered job is ~3 KiB of heap (the 30-day run of 2026-12-05 with the default
     * bound, which 630 jobs did not reach: +1,139 KiB for 411 jobs from day 15.5 to 27.5).
     */
    static final int KEEP_FINISHED_JOBS = 100;

    private ResourceBoundsBench() {
    }

    @Option(names = "--scenario", paramLabel = "FILE", defaultValue = "sim-harness/scenarios/eclipse-season-day.yaml",
            description = "The scenario flight flies (default: ${DEFAULT-VALUE}).")
    String scenario;

    @ArgGroup(exclusive = true)
    Length length = new Length();

    @Option(names = "--speed", paramLabel = "X|max", converter = SpeedConverter.class,
            description = "Sim speed-up, or max: as fast as flight runs (default: 240 for a day or less, else max).")
    Double speed;

    @Option(names = "--jobs-per-s", paramLabel = "R", defaultValue = "0.5", description = "Jobs the ground submits per wall second "
            + "(default: ${DEFAULT-VALUE}).")
    double jobsPerS;

    @Option(names = "--xmx", paramLabel = "SIZE", defaultValue = "64m", description = "Flight's heap limit (default: ${DEFAULT-VALUE}).")
    String xmx;

    /** How much mission time: one of {@code --days} and {@code --duration-s}. */
    static final class Length {
        @Option(names = "--days", paramLabel = "D", description = "Mission days to fly.")
        Double days;

        @Option(names = "--duration-s", paramLabel = "S", description = "Mission time to fly, in s (default: 86400).")
        Double durationS;

        double seconds() {
            return days != null ? days * 86_400 : durationS != null ? durationS : 86_400;
        }
    }

    /** {@code max} is speed 0, the sim's "as fast as it runs". */
    static final class SpeedConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            return value.equals("max") ? 0.0 : Double.valueOf(value);
        }
    }

    public static void main(String[] args) {
        BenchCommand.exit(new ResourceBoundsBench(), args);
    }

    @Override
    public Integer call() throws Exception {
        double durationS = length.seconds();
        // A day at 240x (6 minutes); longer runs as fast as flight goes (see the class comment).
        double sp = speed != null ? speed : durationS <= 86_400 ? 240 : 0;
        Path work = Files.createTempDirectory("sunsync-resource-bounds-");
        Path state = work.resolve("state");
        String sat = "sat-001";
        FlightProcess flight = FlightProcess.prepare(work, sat, xmx, List.of(), List.of("--duration-s", Double.toString(durationS)));
        Path log = flight.log();
        Instant epoch = io.sunsync.sim.scenario.Scenario.load(Path.of(scenario)).start();
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, Object>> samples = new ArrayList<>();
        Trend liveHeap = new Trend();
        Trend stateBytes = new Trend();
        try (MosquittoBroker broker = MosquittoBroker.builder().start()) {
            SimFlightConfig config = SimFlightConfig.of("the resource-bounds bench", sat, broker.url(), "state")
                    .with("link.outbox.maxBytes", 67108864)
                    .with("telemetry.housekeepingPeriodS", 10.0)
                    .with("hardware.backends.sim.scenario", Path.of(scenario).toAbsolutePath().toString())
                    .with("hardware.backends.sim.boards", 96)
                    .with("hardware.backends.sim.speed", sp)
                    .with("hardware.backends.sim.seed", 1)
                    .with("jobs.keepFinishedJobs", KEEP_FINISHED_JOBS);
            long t0 = System.nanoTime();
            flight.start(config);
            long heapMax = 0;
            long liveMax = 0;
            long liveFirst = -1;
            long liveLast = -1;
            long threadsMax = 0;
            long rssMax = 0;
            long diskMax = 0;
            long submitNanos = (long) (1e9 / jobsPerS);
            try (CampaignGround ground = new CampaignGround(broker.url(), sat, new CampaignSigner(sat, 1, CampaignSigner.KEY1),
                    () -> sp > 0 ? epoch.plusMillis(Math.round((System.nanoTime() - t0) / 1e6 * sp)) : epoch, 1)) {
                long nextSample = 0;
                long nextLive = System.nanoTime() + 30_000_000_000L;
                long nextSubmit = 0;
                long nextDay = 1;
                while (flight.alive()) {
                    long now = System.nanoTime();
                    ground.tick(true);
                    if (ground.hkFrames() > 0 && now >= nextSubmit) {
                        ground.submitJob();
                        nextSubmit = now + submitNanos;
                    }
                    if (now >= nextSample) {
                        nextSample = now + 5_000_000_000L;
                        try {
                            long heap = JvmProbe.heapKb(flight.pid());
                            long threads = JvmProbe.threads(flight.pid());
                            long rss = JvmProbe.rssKb(flight.pid());
                            long disk = JvmProbe.diskBytes(state);
                            Instant mission = ground.missionTime();
                            double day = mission == null ? 0 : Duration.between(epoch, mission).toMillis() / 86_400_000.0;
                            Long live = null;
                            if (now >= nextLive) {
                                nextLive = now + 60_000_000_000L;
                                live = JvmProbe.liveHeapKb(flight.pid());
                                liveFirst = liveFirst < 0 ? live : liveFirst;
                                liveLast = live;
                                liveMax = Math.max(liveMax, live);
                                liveHeap.add(day, live);
                            }
                            stateBytes.add(day, disk);
                            heapMax = Math.max(heapMax, heap);
                            threadsMax = Math.max(threadsMax, threads);
                            rssMax = Math.max(rssMax, rss);
                            diskMax = Math.max(diskMax, disk);
                            Map<String, Object> s = new LinkedHashMap<>();
                            s.put("wallS", Math.round((now - t0) / 1e8) / 10.0);
                            s.put("missionTime", mission == null ? null : mission.toString());
                            s.put("missionDay", Math.round(day * 1000) / 1000.0);
                            s.put("heapKb", heap);
                            s.put("liveHeapKb", live);
                            s.put("threads", threads);
                            s.put("rssKb", rss);
                            s.put("stateBytes", disk);
                            s.put("linkQueued", ground.linkQueued());
                            s.put("jobsAccepted", ground.plans().stream().filter(j -> j.accepted).count());
                            samples.add(s);
                            if (live != null || day >= nextDay) {
                                nextDay = (long) day + 1;
                                System.out.printf(Locale.ROOT, "resource bounds: %6.0f s  day %6.2f  heap %,d KiB%s  threads %d  "
                                                + "rss %,d KiB  state %,d bytes  unsent %d  jobs %d%n",
                                        (now - t0) / 1e9, day, heap, live == null ? "" : " (live " + live + ")",
                                        threads, rss, disk, ground.linkQueued(), s.get("jobsAccepted"));
                            }
                        } catch (java.io.IOException e) {
                            if (flight.alive()) {
                                throw e;
                            }
                        }
                    }
                    Thread.sleep(100); // sampling and ground pace, wall time
                }
                double wallS = (System.nanoTime() - t0) / 1e9;
                out.put("flightExitCode", flight.exited());
                out.put("wallS", Math.round(wallS * 10) / 10.0);
                out.put("speedAchieved", Math.round(durationS / wallS));
                out.put("hkFrames", ground.hkFrames());
                out.put("jobsSubmitted", ground.plans().size());
                out.put("jobsAccepted", ground.plans().stream().filter(j -> j.accepted).count());
                out.put("resultsVerified", ground.plans().stream().filter(j -> j.resultVerified).count());
                out.put("resultsAcknowledged", ground.plans().stream().filter(j -> j.acked).count());
                out.put("linkQueuedMax", ground.linkQueuedMax());
            }
            out.put("xmx", xmx);
            out.put("boards", 96);
            out.put("scenario", scenario);
            out.put("speedRequested", sp == 0 ? "max" : sp);
            out.put("missionDurationS", durationS);
            out.put("jobsPerWallS", jobsPerS);
            out.put("heapUsedMaxKb", heapMax);
            out.put("liveHeapAfterGcFirstKb", liveFirst);
            out.put("liveHeapAfterGcLastKb", liveLast);
            out.put("liveHeapAfterGcMaxKb", liveMax);
            out.put("liveHeapByDayKb", liveHeap.maxByDay());
            out.put("liveHeapTrendAfterDay1KbPerDay", Math.round(liveHeap.slopePerDayAfter(1) * 10) / 10.0);
            // Judged on the floor, not the slope: the live heap swings by tens of MiB with what is in
            // flight at the sample (a result being sent, a journal compaction), and the samples are
            // denser where the run went slower, so a least-squares line through them follows the
            // swings. A leak raises the floor: the least live heap of the last third of the mission
            // against the first third's (after day 1).
            double[] floors = liveHeap.floorsAfter(1);
            out.put("liveHeapFloorFirstThirdKb", Math.round(floors[0]));
            out.put("liveHeapFloorLastThirdKb", Math.round(floors[1]));
            out.put("liveHeapFlat", liveHeap.count() >= 6 && floors[1] - floors[0] < HEAP_FLAT_KIB);
            out.put("threadsMax", threadsMax);
            out.put("rssMaxKb", rssMax);
            out.put("stateBytesMax", diskMax);
            out.put("stateBytesEnd", JvmProbe.diskBytes(state));
            out.put("stateBytesByDay", stateBytes.maxByDay());
            long stateGrowth = Math.round(stateBytes.slopePerDayAfter(1) * (durationS / 86_400 - 1));
            out.put("stateTrendAfterDay1BytesPerDay", Math.round(stateBytes.slopePerDayAfter(1)));
            out.put("stateFlat", stateBytes.count() >= 3 && stateGrowth < STATE_FLAT_BYTES);
            out.put("outboxBytesEnd", JvmProbe.diskBytes(state.resolve("outbox")));
            out.put("jobsBytesEnd", JvmProbe.diskBytes(state.resolve("jobs")));
            out.put("commandingBytesEnd", JvmProbe.diskBytes(state.resolve("commanding")));
            out.put("oomInLog", Files.readString(log).contains("OutOfMemoryError"));
            long accepted = (Long) out.get("jobsAccepted");
            long acked = (Long) out.get("resultsAcknowledged");
            // Valid acceleration: the link kept up (few unsent messages) and the ground acknowledged
            // results about as fast as jobs finished (the last minute's may still be on their way).
            out.put("validAcceleration", (Long) out.get("linkQueuedMax") <= QUEUED_VALID_MAX
                    && acked >= accepted - Math.max(20, 60 * jobsPerS));
            out.put("work", work.toString());
        }
        Map<String, Object> all = new LinkedHashMap<>(out);
        all.put("samples", samples);
        CampaignSummary.write("resource-bounds", all, java.util.Set.of("samples", "liveHeapByDayKb", "stateBytesByDay"),
                "", List.of());
        Object code = out.get("flightExitCode");
        return Integer.valueOf(0).equals(code) && !(Boolean) out.get("oomInLog") && (Boolean) out.get("liveHeapFlat")
                && (Boolean) out.get("stateFlat") ? 0 : 1;
    }

    /**
     * A figure sampled along the mission: its highest value per mission day and its least-squares
     * slope per day. Not thread safe.
     */
    static final class Trend {
        private final List<double[]> points = new ArrayList<>();

        void add(double day, double value) {
            points.add(new double[] {day, value});
        }

        int count() {
            return points.size();
        }

        /** The least-squares slope, per day, of the samples after {@code fromDay} (0 with fewer than two). */
        double slopePerDayAfter(double fromDay) {
            double n = 0;
            double sx = 0;
            double sy = 0;
            double sxx = 0;
            double sxy = 0;
            for (double[] p : points) {
                if (p[0] >= fromDay) {
                    n++;
                    sx += p[0];
                    sy += p[1];
                    sxx += p[0] * p[0];
                    sxy += p[0] * p[1];
                }
            }
            double d = n * sxx - sx * sx;
            return n < 2 || d == 0 ? 0 : (n * sxy - sx * sy) / d;
        }

        /**
         * The least value among the samples after {@code fromDay} in the first third of their days,
         * and in the last third (NaN where a third has none).
         */
        double[] floorsAfter(double fromDay) {
            double first = Double.NaN;
            double last = Double.NaN;
            double end = points.stream().mapToDouble(p -> p[0]).max().orElse(fromDay);
            double third = (end - fromDay) / 3;
            for (double[] p : points) {
                if (p[0] >= fromDay && p[0] <= fromDay + third) {
                    first = Double.isNaN(first) ? p[1] : Math.min(first, p[1]);
                }
                if (p[0] >= end - third && p[0] >= fromDay) {
                    last = Double.isNaN(last) ? p[1] : Math.min(last, p[1]);
                }
            }
            return new double[] {first, last};
        }

        /** Highest value per whole mission day (day 0 first). */
        Map<Integer, Long> maxByDay() {
            Map<Integer, Long> out = new java.util.TreeMap<>();
            for (double[] p : points) {
                out.merge((int) p[0], Math.round(p[1]), Math::max);
            }
            return out;
        }
    }
}
