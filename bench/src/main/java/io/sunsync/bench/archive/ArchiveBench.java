package io.sunsync.bench.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.bench.cli.BenchCommand;
import io.sunsync.bench.cli.OutFile;
import io.sunsync.bench.cli.Quick;
import io.sunsync.ground.archive.ArchiveRecord;
import io.sunsync.ground.archive.RecordKey;
import io.sunsync.ground.cli.GroundMain;
import io.sunsync.ground.fleet.IngestWorker;
import io.sunsync.ground.fleet.sim.FleetKeys;
import io.sunsync.ground.fleet.sim.FleetPublisher;
import io.sunsync.ground.fleet.sim.SimulatedHousekeeping;
import io.sunsync.ground.ingest.FrameCheck;
import io.sunsync.ground.ingest.IngestSettings;
import io.sunsync.ground.mqtt.ConnectSettings;
import io.sunsync.ground.store.ArchiveStore;
import io.sunsync.ground.store.FleetEntry;
import io.sunsync.ground.store.HkQuery;
import io.sunsync.ground.store.StoreBatch;
import io.sunsync.ground.store.StoreOptions;
import io.sunsync.ground.store.StoreUrl;
import io.sunsync.ground.store.TimeRange;
import io.sunsync.ground.tmauth.TelemetryKeys;
import io.sunsync.ground.tmauth.TelemetryVerifier;
import io.sunsync.testkit.ChildJvm;
import io.sunsync.testkit.MosquittoBroker;
import io.sunsync.testkit.PostgresServer;
import io.sunsync.testkit.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The fleet archive's benchmark ({@code ./sunsync bench archive}), on real servers started here:
 * Mosquitto, and PostgreSQL with its durable defaults (fsync on).
 *
 * <ol>
 *   <li><b>Live</b>: the fleet publisher ({@link FleetPublisher}) at N satellites x 1 Hz
 *       (1,000 by default) through Mosquitto into PostgreSQL, for {@code --minutes} (10; quick: 1):
 *       the first half with one ingest worker ({@code sunsync ground fleet ingest}, its own JVM),
 *       then a second worker joins the shared subscription, and half-way through the second half
 *       it is killed with SIGKILL and started again 2 s later (as systemd's Restart= would). Frames are
 *       signed as flight signs them and the workers check every MAC ({@code --telemetry-keys}). From
 *       the database: frames/s sustained, ingest lag ({@code stored - t}) p50/p99/max, rows lost and
 *       duplicated (must be 0 and 0), bytes per satellite-day.</li>
 *   <li><b>Store alone</b>: whole days of housekeeping of a few satellites, built in memory first
 *       (parsed, with the text they were parsed from, as a worker hands them over), written as fast
 *       as the store takes them (two writer threads, batches of 1,000) after a warm-up on a scratch
 *       database: rows/s, PostgreSQL and SQLite; CPU per row of PostgreSQL, of this JVM and of its
 *       writer threads alone.</li>
 *   <li><b>End to end, peak</b>: the fleet publishing as fast as the broker takes it into one and
 *       then two in-process workers: frames/s from the first publish to the last row stored.</li>
 *   <li><b>Queries</b>: one satellite's full day (86,400 frames, five points each; its day's
 *       partition also holds a minute of each other satellite of the N, and is analyzed, as a fleet
 *       archive's is) and a fleet snapshot at an instant (the N satellites of the live run),
 *       PostgreSQL and SQLite holding the same data: each timed 200 times (quick: 100) after 10
 *       warm-up runs, p50 and p99 by nearest rank, the slowest run in the note.</li>
 * </ol>
 * Prints a table and writes {@code bench/out/archive.json} ({@code figures}: figure, value,
 * unit, target, met, note; read by the suite's summary).
 *
 * <pre>./sunsync bench archive [--quick] [--minutes 10] [--sats 1000] [--days 3] [--phases live,store,e2e,queries] [--out FILE]</pre>
 */
@Command(name = "archive", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The fleet archive: satellites at 1 Hz through Mosquitto into PostgreSQL (one then two workers, one "
                + "killed), the store alone, end to end at peak, query latency, SQLite beside it. Needs mosquitto and "
                + "postgresql-15.", "--quick: a live run of at most 1 minute and one satellite-day in the store."})
public final class ArchiveBench implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Batches of 1,000 rows written to a scratch database before the store-alone run is timed. */
    private static final int WARM_UP_BATCHES = 20;
    /** Runs of a query before it is timed. */
    private static final int QUERY_WARM_UP = 10;
    /**
     * Timed runs of each targeted query (quick, full): at least 100, so that its p99 is a percentile (nearest rank: the
     * 99th of 100) and not simply the slowest run, as it was with 10 and 30.
     */
    private static final int QUERY_RUNS_QUICK = 100;
    private static final int QUERY_RUNS_FULL = 200;
    private static final List<String> DAY_FIELDS = List.of("power.socPct", "control.budgetW", "mode", "boards.enabled",
            "thermal.maxZoneC");

    private final ArrayNode figures = JSON.createArrayNode();
    private final ObjectNode doc = JSON.createObjectNode();

    @Mixin
    Quick quick;

    @Option(names = "--minutes", paramLabel = "M", defaultValue = "10",
            description = "Minutes of the live run, per worker count (default: ${DEFAULT-VALUE}; with --quick at most 1).")
    double minutes;

    @Option(names = "--sats", paramLabel = "N", defaultValue = "1000", description = "Satellites at 1 Hz (default: ${DEFAULT-VALUE}).")
    int sats;

    @Option(names = "--days", paramLabel = "D", defaultValue = "3",
            description = "Satellite-days written by the store-alone run (default: ${DEFAULT-VALUE}; with --quick 1).")
    int days;

    @Option(names = "--phases", paramLabel = "P,...", split = ",", defaultValue = "live,store,e2e,queries",
            description = "Which phases run (default: ${DEFAULT-VALUE}).")
    java.util.Set<String> phases;

    @Mixin
    OutFile outFile;

    private ArchiveBench() {
    }

    public static void main(String[] args) {
        BenchCommand.exit(new ArchiveBench(), args);
    }

    @Override
    public Integer call() throws Exception {
        boolean q = quick.on();
        return run(q, quick.atMost(minutes, 1), sats, q ? 1 : days, outFile, phases);
    }

    /** Runs the phases and writes {@code out}; 1 if a figure missed its target, else 0. */
    private int run(boolean quick, double minutes, int sats, int days, OutFile out, java.util.Set<String> phases)
            throws Exception {
        doc.put("benchmark", "archive");
        doc.put("t", Instant.now().toString());
        doc.put("mode", quick ? "quick" : "full");
        doc.put("cpus", Runtime.getRuntime().availableProcessors());
        doc.put("java", System.getProperty("java.version"));
        doc.put("satellites", sats);
        doc.put("liveMinutes", minutes);
        doc.put("storeAloneSatelliteDays", days);
        Path tmp = Files.createTempDirectory("archive-bench");
        System.out.printf(Locale.ROOT, "archive bench (%s): %d satellites x 1 Hz for %.1f min through Mosquitto into PostgreSQL; "
                + "%d CPUs, load %s%n", quick ? "quick" : "full", sats, minutes, Runtime.getRuntime().availableProcessors(),
                load());
        try (MosquittoBroker broker = MosquittoBroker.start();
             PostgresServer pg = PostgresServer.builder().durable(true).setting("shared_buffers = '256MB'")
                     .setting("max_wal_size = '2GB'").setting("checkpoint_timeout = '15min'").start()) {
            doc.put("postgres", version(pg));
            doc.put("broker", "mosquitto (loopback)");
            Live live = phases.contains("live") ? live(broker, pg, sats, minutes, tmp) : null;
            if (phases.contains("store") || phases.contains("queries")) {
                storeAlone(pg, days, tmp);
            }
            if (phases.contains("e2e")) {
                endToEnd(broker, pg, sats, quick ? 20 : 60, tmp);
            }
            if (phases.contains("queries")) {
                queries(pg, live, tmp, quick ? QUERY_RUNS_QUICK : QUERY_RUNS_FULL, quick ? 3 : 6, sats, days);
            }
        } finally {
            TestFiles.deleteTree(tmp);
        }
        doc.set("figures", figures);
        doc.put("loadAtEnd", load());
        System.out.println("wrote " + out.write(doc));
        boolean missed = false;
        for (JsonNode f : figures) {
            missed |= f.path("met").isBoolean() && !f.path("met").asBoolean();
        }
        return missed ? 1 : 0;
    }

    /** What the live run left behind for the queries. */
    private record Live(String url, Instant mid, List<String> sats) {
    }

    private Live live(MosquittoBroker broker, PostgresServer pg, int sats, double minutes, Path tmp) throws Exception {
        String url = database(pg, "live");
        try (ArchiveStore s = StoreUrl.parse(url, Map.of()).open()) {
            s.prepare(java.time.LocalDate.now(ZoneOffset.UTC), 2);
        }
        Duration total = Duration.ofMillis((long) (minutes * 60_000));
        Duration half = total.dividedBy(2);
        // Frames signed as flight signs them; the workers check every MAC (--telemetry-keys), as a fleet's would.
        List<String> fleet = SimulatedHousekeeping.fleet(sats);
        TelemetryKeys keys = FleetKeys.generate(tmp.resolve("tm-keys"), fleet);
        String[] base = {"fleet", "ingest", "-b", broker.url(), "--db", url, "--group", "archive-bench",
                "--session-expiry-s", "600", "--report-every-s", "30", "--telemetry-keys", tmp.resolve("tm-keys").toString()};
        Path log = tmp.resolve("workers.log");
        Process w1 = ChildJvm.start(log, GroundMain.class, with(base, "--worker", "w1"));
        Process w2 = null;
        awaitLog(log, "worker w1 in group", 60);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        FleetPublisher pub = new FleetPublisher(broker.url(), "archive-bench-fleet", fleet, SimulatedHousekeeping.reference(), 2)
                .signedWith(keys, 1);
        Instant start = Instant.now();
        Thread publisher = new Thread(() -> {
            try {
                pub.runAtRate(1.0, total, 0, Clock.systemUTC(), () -> false);
            } catch (Throwable t) {
                failed.set(t);
            }
        }, "fleet");
        publisher.start();
        Instant twoWorkers;
        Instant killedAt;
        Instant restartedAt;
        double w1Cpu0 = processCpuS(w1.pid());
        double pgCpu0 = pgCpuS(pg);
        double w1CpuPhase1;
        double pgCpuPhase1;
        try {
            sleepUntil(start.plus(half));
            w1CpuPhase1 = processCpuS(w1.pid()) - w1Cpu0;
            pgCpuPhase1 = pgCpuS(pg) - pgCpu0;
            twoWorkers = Instant.now();
            w2 = ChildJvm.start(log, GroundMain.class, with(base, "--worker", "w2"));
            sleepUntil(twoWorkers.plus(half.dividedBy(2)));
            w2.destroyForcibly(); // SIGKILL mid-run
            w2.waitFor(10, TimeUnit.SECONDS);
            killedAt = Instant.now();
            sleepUntil(killedAt.plusSeconds(2));
            w2 = ChildJvm.start(log, GroundMain.class, with(base, "--worker", "w2"));
            restartedAt = Instant.now();
            publisher.join();
            if (failed.get() != null) {
                throw new IllegalStateException("the fleet publisher failed", failed.get());
            }
            long expected = pub.acked();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (scalar(pg, url, "SELECT count(*) FROM hk") + scalar(pg, url, "SELECT count(*) FROM quarantine") < expected
                    && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(500);
            }
            long refused = scalar(pg, url, "SELECT count(*) FROM quarantine");
            if (refused > 0) {
                throw new IllegalStateException(refused + " frames quarantined, e.g. " + text(pg, url,
                        "SELECT reason || ': ' || detail FROM quarantine LIMIT 1") + "; workers' log:\n" + Files.readString(log));
            }
            doc.put("published", pub.published());
            doc.put("acknowledgedByBroker", expected);
            doc.put("publisherMaxBehindMs", pub.maxLateMs());
        } finally {
            pub.close();
            w1.destroy();
            if (w2 != null) {
                w2.destroy();
            }
            w1.waitFor(10, TimeUnit.SECONDS);
            if (w2 != null) {
                w2.waitFor(10, TimeUnit.SECONDS);
            }
        }
        long expected = doc.path("acknowledgedByBroker").asLong();
        long rows = scalar(pg, url, "SELECT count(*) FROM hk");
        long distinct = scalar(pg, url, "SELECT count(DISTINCT (sat, stream, seq)) FROM hk");
        double[] one = lag(pg, url, start, twoWorkers);
        double[] two = lag(pg, url, twoWorkers, Instant.now());
        double[] all = lag(pg, url, start, Instant.now());
        double sustained1 = count(pg, url, "SELECT count(*) FROM hk WHERE t >= ? AND t < ?", start, twoWorkers)
                / (Duration.between(start, twoWorkers).toMillis() / 1000.0);
        double sustained2 = count(pg, url, "SELECT count(*) FROM hk WHERE t >= ? AND t < ?", twoWorkers, start.plus(total))
                / (Duration.between(twoWorkers, start.plus(total)).toMillis() / 1000.0);
        long phase1Rows = count(pg, url, "SELECT count(*) FROM hk WHERE t >= ? AND t < ?", start, twoWorkers);
        long bytes = scalar(pg, url, "SELECT sum(pg_total_relation_size(relid)) FROM pg_partition_tree('hk')");
        double perSatDayMb = bytes / (double) rows * 86_400 / 1e6;
        String sizes = String.format(Locale.ROOT, "%d satellites x 1 Hz, %.1f min, Mosquitto, PostgreSQL (fsync on); "
                + "workers in their own JVMs", sats, minutes);
        add("frames stored per s sustained, 1 worker", sustained1, "/s", ">= " + (int) (sats * 0.99), sustained1 >= sats * 0.99,
                sizes);
        add("ingest lag p99, 1 worker", one[1], "s", "< 2 s", one[1] < 2, String.format(Locale.ROOT,
                "stored - t; p50 %.3f s, max %.3f s", one[0], one[3]));
        add("frames stored per s sustained, 2 workers, one killed", sustained2, "/s", ">= " + (int) (sats * 0.99),
                sustained2 >= sats * 0.99, String.format(Locale.ROOT, "w2 SIGKILLed at +%d s, started again 2 s later",
                        Duration.between(start, killedAt).toSeconds()));
        add("ingest lag p99, 2 workers, one killed", two[1], "s", "< 2 s", two[1] < 2, String.format(Locale.ROOT,
                "p50 %.3f s, p99.9 %.3f s, max %.3f s (frames queued for the killed worker wait for it)", two[0], two[2], two[3]));
        add("rows lost", expected - distinct, "", "0", expected - distinct == 0, expected + " frames acknowledged by the broker");
        add("rows duplicated", rows - distinct, "", "0", rows - distinct == 0, "count(*) - count(DISTINCT (sat, stream, seq))");
        add("ingest worker CPU per frame", w1CpuPhase1 / phase1Rows * 1e6, "us", "", null, String.format(Locale.ROOT,
                "worker w1 alone (first half): %.1f CPU s for %d frames: judge (ICD schema), batch, COPY, ack; "
                        + "=> one core ingests ~%,.0f frames/s", w1CpuPhase1, phase1Rows, phase1Rows / w1CpuPhase1));
        add("PostgreSQL CPU per frame", pgCpuPhase1 / phase1Rows * 1e6, "us", "", null, String.format(Locale.ROOT,
                "the cluster's processes in the first half: %.1f CPU s => one core stores ~%,.0f frames/s", pgCpuPhase1,
                phase1Rows / pgCpuPhase1));
        add("database size per satellite-day", perSatDayMb, "MB", "", null, String.format(Locale.ROOT,
                "hk partitions with indexes and TOAST, %d rows, %.0f bytes per frame (frames ~1.3 kB of JSON)", rows,
                bytes / (double) rows));
        doc.put("lagAllP99S", all[1]);
        doc.put("killedAt", killedAt.toString());
        doc.put("restartedAt", restartedAt.toString());
        return new Live(url, start.plus(total.dividedBy(2)), fleet);
    }

    private void storeAlone(PostgresServer pg, int days, Path tmp) throws Exception {
        System.out.printf(Locale.ROOT, "store alone: building %d satellite-days of frames in memory...%n", days);
        List<List<ArchiveRecord>> batches = dayBatches(days, 1000);
        long rows = batches.stream().mapToLong(List::size).sum();
        // Settle the frames into the old generation first: the writers' own garbage is what should be collected while
        // they run, not the copying of the in-memory dataset from one survivor space to the next.
        System.gc();
        // Warm up (the JIT compiles the write path) on a database of its own, with the first satellite-hours.
        List<List<ArchiveRecord>> warm = batches.subList(0, Math.min(WARM_UP_BATCHES, batches.size()));
        try (ArchiveStore store = StoreUrl.parse(database(pg, "warmup"), Map.of()).open(StoreOptions.defaults().withPoolSize(4));
             ArchiveStore sqlite = StoreUrl.sqlite(tmp.resolve("warmup.db")).open()) {
            store.prepare(java.time.LocalDate.parse("2027-06-21"), days + 1);
            write(store, warm, 2);
            write(sqlite, warm, 2);
        }
        String url = database(pg, "peak");
        try (ArchiveStore store = StoreUrl.parse(url, Map.of()).open(StoreOptions.defaults().withPoolSize(4))) {
            store.prepare(java.time.LocalDate.parse("2027-06-21"), days + 1);
            double pg0 = pgCpuS(pg);
            double jvm0 = jvmCpuS();
            Written w = write(store, batches, 2);
            double pgUs = (pgCpuS(pg) - pg0) / rows * 1e6;
            double jvmUs = (jvmCpuS() - jvm0) / rows * 1e6;
            double writerUs = w.writerCpuS() / rows * 1e6;
            add("store alone, rows written per s (PostgreSQL)", w.rowsPerS(), "/s", ">= 20,000", w.rowsPerS() >= 20_000,
                    String.format(Locale.ROOT, "%d rows (%d satellite-days of 1 Hz frames), batches of 1,000, 2 writer "
                            + "threads, binary COPY, fsync on, after a warm-up of %d rows; CPU per row: PostgreSQL %.0f us, "
                            + "this JVM %.0f us (writer threads %.0f us, the rest GC and JIT)", rows, days,
                            warm.stream().mapToLong(List::size).sum(), pgUs, jvmUs, writerUs));
            add("store alone, CPU per row (PostgreSQL + writer)", pgUs + jvmUs, "us", "", null, String.format(Locale.ROOT,
                    "=> ~%,.0f rows/s on %d idle cores; PostgreSQL + writer threads alone %.0f us => ~%,.0f rows/s",
                    Runtime.getRuntime().availableProcessors() / (pgUs + jvmUs) * 1e6,
                    Runtime.getRuntime().availableProcessors(), pgUs + writerUs,
                    Runtime.getRuntime().availableProcessors() / (pgUs + writerUs) * 1e6));
        }
        try (ArchiveStore store = StoreUrl.sqlite(tmp.resolve("peak.db")).open()) {
            double rate = write(store, batches, 2).rowsPerS();
            add("store alone, rows written per s (SQLite)", rate, "/s", "", null, String.format(Locale.ROOT,
                    "the same %d rows, same batches; WAL, synchronous=NORMAL, one writer at a time", rows));
        }
    }

    /** Whole days of 1 Hz frames of {@code days} satellites (sat-0001…), in batches. */
    private static List<List<ArchiveRecord>> dayBatches(int days, int batch) throws Exception {
        SimulatedHousekeeping hk = SimulatedHousekeeping.reference();
        Instant day = Instant.parse("2027-06-21T00:00:00Z");
        List<List<ArchiveRecord>> out = new ArrayList<>();
        List<ArchiveRecord> cur = new ArrayList<>(batch);
        List<String> sats = SimulatedHousekeeping.fleet(days);
        Instant rx = Instant.parse("2027-06-21T00:00:00Z");
        for (int s = 0; s < days; s++) {
            String sat = sats.get(s);
            for (int k = 0; k < 86_400; k++) {
                Instant t = day.plusSeconds(k);
                cur.add(frame(hk, sat, s, k, t, rx.plusSeconds(k)));
                if (cur.size() == batch) {
                    out.add(cur);
                    cur = new ArrayList<>(batch);
                }
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur);
        }
        return out;
    }

    /**
     * Frame {@code seq} of satellite {@code sat} ({@code index} in the fleet) at {@code t}, as an ingest worker hands it to
     * the store: parsed, with the text it was parsed from.
     */
    private static ArchiveRecord frame(SimulatedHousekeeping hk, String sat, int index, long seq, Instant t, Instant rx)
            throws Exception {
        String text = hk.frame(sat, index, seq, t);
        return new ArchiveRecord(rx, sat, "hk", new RecordKey(sat, "tm/hk", seq, ""), "sunsync/" + sat + "/tm/hk", t.toString(),
                JSON.readTree(text), text);
    }

    /**
     * One minute of frames from noon of {@code day} of each satellite of a fleet of {@code sats} but the first
     * {@code skip} (those with whole days), in batches of 1,000.
     */
    private static List<List<ArchiveRecord>> fleetMinute(int sats, int skip, Instant day) throws Exception {
        SimulatedHousekeeping hk = SimulatedHousekeeping.reference();
        List<String> fleet = SimulatedHousekeeping.fleet(sats);
        List<List<ArchiveRecord>> out = new ArrayList<>();
        List<ArchiveRecord> cur = new ArrayList<>(1000);
        for (int k = 0; k < 60; k++) {
            Instant t = day.plusSeconds(43_200 + k);
            for (int i = skip; i < fleet.size(); i++) {
                cur.add(frame(hk, fleet.get(i), i, k, t, t));
                if (cur.size() == 1000) {
                    out.add(cur);
                    cur = new ArrayList<>(1000);
                }
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur);
        }
        return out;
    }

    /** {@code ANALYZE hk} in the database of {@code url}, as autovacuum does once a partition has had its rows. */
    private static void analyze(PostgresServer pg, String url) throws SQLException {
        try (Connection c = connect(pg, url); Statement s = c.createStatement()) {
            s.execute("ANALYZE hk");
        }
    }

    /** What {@link #write} measured: rows per second, and the CPU seconds its writer threads used. */
    private record Written(double rowsPerS, double writerCpuS) {
    }

    /** Writes every batch with {@code threads} threads. */
    private static Written write(ArchiveStore store, List<List<ArchiveRecord>> batches, int threads) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicLong cpuNs = new java.util.concurrent.atomic.AtomicLong();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        List<Thread> ts = new ArrayList<>();
        long rows = batches.stream().mapToLong(List::size).sum();
        long t0 = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                long cpu0 = mx.getCurrentThreadCpuTime();
                try {
                    int b;
                    while ((b = next.getAndIncrement()) < batches.size()) {
                        store.append(StoreBatch.of(batches.get(b)));
                    }
                } catch (Throwable e) {
                    failed.set(e);
                } finally {
                    cpuNs.addAndGet(mx.getCurrentThreadCpuTime() - cpu0);
                }
            });
            t.start();
            ts.add(t);
        }
        for (Thread t : ts) {
            t.join();
        }
        if (failed.get() != null) {
            throw new IllegalStateException("writing failed", failed.get());
        }
        return new Written(rows / ((System.nanoTime() - t0) / 1e9), cpuNs.get() / 1e9);
    }

    private void endToEnd(MosquittoBroker broker, PostgresServer pg, int sats, int frames, Path tmp) throws Exception {
        for (int workers = 1; workers <= 2; workers++) {
            String url = database(pg, "e2e" + workers);
            try (ArchiveStore store = StoreUrl.parse(url, Map.of()).open()) {
                double rate = endToEnd(broker, store, sats, frames, workers, "e2e" + workers, tmp);
                add("end to end, peak frames stored per s, " + workers + " worker" + (workers > 1 ? "s" : "") + " (PostgreSQL)",
                        rate, "/s", "", null, String.format(Locale.ROOT, "%d satellites x %d frames published as fast as "
                                + "Mosquitto takes them; first publish to last row stored; workers in this JVM", sats, frames));
            }
        }
        try (ArchiveStore store = StoreUrl.sqlite(tmp.resolve("e2e.db")).open()) {
            double rate = endToEnd(broker, store, sats, frames, 1, "e2e-sqlite", tmp);
            add("end to end, peak frames stored per s, 1 worker (SQLite)", rate, "/s", "", null,
                    String.format(Locale.ROOT, "the same, into SQLite"));
        }
    }

    private static double endToEnd(MosquittoBroker broker, ArchiveStore store, int sats, int frames, int workerCount,
                                   String group, Path tmp) throws Exception {
        List<IngestWorker> workers = new ArrayList<>();
        List<String> fleet = SimulatedHousekeeping.fleet(sats);
        TelemetryKeys keys = FleetKeys.generate(tmp.resolve("tm-keys-" + group), fleet);
        try {
            for (int w = 0; w < workerCount; w++) {
                // Each worker checks every frame's MAC, as fleet ingest does.
                workers.add(new IngestWorker("w" + w, ConnectSettings.transientSession(broker.url(), group + "-w" + w)
                        .persistent(120), IngestWorker.sharedFilters(group, false),
                        new FrameCheck(new TelemetryVerifier(keys).forArchive()), store, null,
                        Clock.systemUTC(),
                        IngestSettings.defaults()).start());
            }
            long total = (long) sats * frames;
            long t0 = System.nanoTime();
            try (FleetPublisher pub = new FleetPublisher(broker.url(), group + "-fleet", fleet,
                    SimulatedHousekeeping.reference(), 2)) {
                pub.signedWith(keys, 1).runAsFastAsPossible(frames, 0, Instant.parse("2027-06-21T00:00:00Z"));
            }
            LongSupplier stored = () -> workers.stream().mapToLong(IngestWorker::ingested).sum();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            while (stored.getAsLong() < total) {
                for (IngestWorker w : workers) {
                    if (w.failure() != null) {
                        throw new IllegalStateException("worker failed", w.failure());
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("stored " + stored.getAsLong() + " of " + total + " in 300 s");
                }
                TimeUnit.MILLISECONDS.sleep(5);
            }
            return total / ((System.nanoTime() - t0) / 1e9);
        } finally {
            for (IngestWorker w : workers) {
                w.close();
            }
        }
    }

    private void queries(PostgresServer pg, Live live, Path tmp, int runs, int wholeFrameRuns, int sats, int days)
            throws Exception {
        Instant day = Instant.parse("2027-06-21T00:00:00Z");
        HkQuery fullDay = HkQuery.of("sat-0001", TimeRange.of(day, day.plusSeconds(86_399)), DAY_FIELDS);
        String peakUrl = database(pg, "peak", false);
        try (ArchiveStore peak = StoreUrl.parse(peakUrl, Map.of()).open();
             ArchiveStore sqlite = StoreUrl.sqlite(tmp.resolve("peak.db")).open()) {
            // The day's partition as in a fleet's archive: beside the store-alone run's whole days (1 or 3 satellites), a
            // minute of each other satellite of the fleet; then analyzed, as autovacuum analyzes a partition once it has
            // had its rows. PostgreSQL plans from these statistics: a partition of one satellite is planned as if every
            // row were that satellite's, and without statistics the plan would depend on whether autovacuum reached the
            // new partition before the queries did.
            for (List<ArchiveRecord> batch : fleetMinute(sats, days, day)) {
                peak.append(StoreBatch.of(batch));
                sqlite.append(StoreBatch.of(batch));
            }
            analyze(pg, peakUrl);
            timeQuery(pg, "one satellite's full day (PostgreSQL)", runs, () -> check(peak.housekeeping(fullDay).rows().size(), 86_400),
                    "86,400 frames x 5 points (power.socPct, control.budgetW, mode, boards.enabled, thermal.maxZoneC), "
                            + "from a day partition holding " + sats + " satellites, analyzed");
            timeQuery(pg, "one satellite's full day (SQLite)", runs, () -> check(sqlite.housekeeping(fullDay).rows().size(), 86_400),
                    "the same rows in SQLite");
            timeQuery(pg, "one satellite's full day, whole frames (PostgreSQL)", wholeFrameRuns,
                    () -> check(peak.records("sat-0001", "hk", fullDay.range(), 100_000).size(), 86_400),
                    "86,400 whole frames as JSON (what plot and export read)", false);
        }
        if (live == null) {
            return;
        }
        // The live run's fleet, in SQLite too.
        analyze(pg, live.url());
        int fleetSize = live.sats().size();
        try (ArchiveStore pgLive = StoreUrl.parse(live.url(), Map.of()).open();
             ArchiveStore sqlite = StoreUrl.sqlite(tmp.resolve("live.db")).open()) {
            TimeRange around = TimeRange.of(live.mid().minusSeconds(120), live.mid().plusSeconds(5));
            for (String sat : live.sats()) {
                sqlite.append(StoreBatch.of(pgLive.records(sat, "hk", around, 1000)));
            }
            Duration lookback = Duration.ofHours(1);
            timeQuery(pg, "fleet snapshot at an instant (PostgreSQL)", runs,
                    () -> check(pgLive.snapshot(live.mid(), lookback).size(), fleetSize),
                    fleetSize + " satellites, newest frame at or before the instant within 1 h, whole frames");
            timeQuery(pg, "fleet snapshot at an instant (SQLite)", runs,
                    () -> check(sqlite.snapshot(live.mid(), lookback).size(), fleetSize), "the same satellites in SQLite");
            List<FleetEntry> a = pgLive.snapshot(live.mid(), lookback);
            List<FleetEntry> b = sqlite.snapshot(live.mid(), lookback);
            doc.put("snapshotsAgree", a.equals(b));
        }
    }

    private interface Query {
        void run() throws Exception;
    }

    private static void check(int got, int want) {
        if (got != want) {
            throw new IllegalStateException("query returned " + got + " rows, expected " + want);
        }
    }

    private void timeQuery(PostgresServer pg, String name, int runs, Query q, String note) throws Exception {
        timeQuery(pg, name, runs, q, note, true);
    }

    /**
     * Times {@code runs} runs of {@code q} after a warm-up of {@link #QUERY_WARM_UP} runs (the JIT compiling the read
     * path: a long-running reader such as the console is warm); p50 and p99 by nearest rank (with the 200 ms target
     * when {@code targeted}); the slowest run, the first run, cold, and the CPU time of a run (PostgreSQL's processes
     * and this thread, which runs the query and decodes its rows), which the machine's load does not stretch, in the
     * note.
     */
    private void timeQuery(PostgresServer pg, String name, int runs, Query q, String note, boolean targeted) throws Exception {
        long c0 = System.nanoTime();
        q.run();
        double coldMs = (System.nanoTime() - c0) / 1e6;
        for (int i = 1; i < (targeted ? QUERY_WARM_UP : 1); i++) {
            q.run();
        }
        double[] ms = new double[runs];
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        double pg0 = pgCpuS(pg);
        long cpu0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            q.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        double readerMs = (mx.getCurrentThreadCpuTime() - cpu0) / 1e6 / runs;
        double pgMs = (pgCpuS(pg) - pg0) * 1000 / runs;
        Arrays.sort(ms);
        double p50 = ms[nearestRank(0.5, runs)];
        double p99 = ms[nearestRank(0.99, runs)];
        add(name + ", p50", p50, "ms", "", null, note);
        add(name + ", p99", p99, "ms", targeted ? "< 200 ms" : "", targeted ? p99 < 200 : null, String.format(Locale.ROOT,
                "%d runs after %d warm-up runs; max %.1f ms; the first run (cold JVM) %.1f ms; CPU a run: PostgreSQL "
                        + "%.1f ms, the reading thread %.1f ms", runs, targeted ? QUERY_WARM_UP : 1, ms[runs - 1], coldMs, pgMs,
                readerMs));
    }

    /** Where the {@code q} quantile of {@code n} sorted values is, by nearest rank: the ceil(q n)-th value (0-based index). */
    static int nearestRank(double q, int n) {
        return Math.max(0, (int) Math.ceil(q * n) - 1);
    }

    private void add(String figure, double value, String unit, String target, Boolean met, String note) {
        ObjectNode f = figures.addObject();
        f.put("figure", figure);
        f.put("value", value);
        f.put("unit", unit);
        f.put("target", target);
        if (met == null) {
            f.putNull("met");
        } else {
            f.put("met", met);
        }
        f.put("note", note);
        System.out.printf(Locale.ROOT, "  %-62s %14s %-3s %-12s %s%n", figure, fmt(value), unit, target,
                met == null ? "" : met ? "met" : "MISSED");
    }

    private static String fmt(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.3g", v);
    }

    /** p50, p99, p99.9 and max of stored - t, in s, for frames with t in [from, to). */
    private static double[] lag(PostgresServer pg, String url, Instant from, Instant to) throws SQLException {
        try (Connection c = connect(pg, url); PreparedStatement ps = c.prepareStatement(
                "SELECT percentile_cont(ARRAY[0.5, 0.99, 0.999]) WITHIN GROUP (ORDER BY extract(epoch FROM stored - t)),"
                        + " max(extract(epoch FROM stored - t)) FROM hk WHERE t >= ? AND t < ?")) {
            ps.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            ps.setObject(2, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Double[] p = (Double[]) rs.getArray(1).getArray();
                return new double[] {p[0], p[1], p[2], rs.getDouble(2)};
            }
        }
    }

    private static long count(PostgresServer pg, String url, String sql, Instant from, Instant to) throws SQLException {
        try (Connection c = connect(pg, url); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            ps.setObject(2, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long scalar(PostgresServer pg, String url, String sql) throws SQLException {
        try (Connection c = connect(pg, url); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String text(PostgresServer pg, String url, String sql) throws SQLException {
        try (Connection c = connect(pg, url); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static Connection connect(PostgresServer pg, String url) throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl(url.substring(url.lastIndexOf('/') + 1)), pg.user(), pg.password());
    }

    private static String database(PostgresServer pg, String name) {
        return database(pg, name, true);
    }

    private static String database(PostgresServer pg, String name, boolean create) {
        if (create) {
            pg.createDatabase(name);
        }
        return "postgresql://" + pg.user() + ":" + pg.password() + "@127.0.0.1:" + pg.port() + "/" + name;
    }

    private static String version(PostgresServer pg) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.user(), pg.password());
             ResultSet rs = c.createStatement().executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String[] with(String[] base, String... more) {
        String[] out = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, out, base.length, more.length);
        return out;
    }

    private static void awaitLog(Path log, String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!(Files.exists(log) && Files.readString(log).contains(text))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no '" + text + "' in " + log + " within " + seconds + " s:\n"
                        + (Files.exists(log) ? Files.readString(log) : ""));
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    private static void sleepUntil(Instant t) throws InterruptedException {
        long ms = Duration.between(Instant.now(), t).toMillis();
        if (ms > 0) {
            TimeUnit.MILLISECONDS.sleep(ms);
        }
    }

    /** CPU seconds used so far by the PostgreSQL cluster: the postmaster, its children, and children it reaped. */
    private static double pgCpuS(PostgresServer pg) {
        try {
            long pm = Long.parseLong(Files.readAllLines(pg.home().resolve("data/postmaster.pid")).get(0).trim());
            long ticks = 0;
            try (var dirs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
                for (Path p : dirs) {
                    long[] f = stat(p);
                    if (f == null) {
                        continue;
                    }
                    long pid = Long.parseLong(p.getFileName().toString());
                    if (pid == pm) {
                        ticks += f[1] + f[2] + f[3] + f[4];
                    } else if (f[0] == pm) {
                        ticks += f[1] + f[2];
                    }
                }
            }
            return ticks / 100.0;
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    /** CPU seconds used so far by process {@code pid} (its threads; not its reaped children). */
    private static double processCpuS(long pid) {
        long[] f = stat(Path.of("/proc", Long.toString(pid)));
        return f == null ? Double.NaN : (f[1] + f[2]) / 100.0;
    }

    /** ppid, utime, stime, cutime, cstime of /proc/PID/stat (clock ticks, 100 a second), or null. */
    private static long[] stat(Path proc) {
        try {
            String st = Files.readString(proc.resolve("stat"));
            String[] f = st.substring(st.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]),
                    Long.parseLong(f[14])};
        } catch (Exception e) {
            return null;
        }
    }

    private static double jvmCpuS() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().replaceAll("^(\\S+ \\S+ \\S+).*", "$1");
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
