package io.sunsync.bench.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.bench.cli.BenchCommand;
import io.sunsync.bench.cli.OutFile;
import io.sunsync.bench.cli.Quick;
import io.sunsync.ground.archive.Archive;
import io.sunsync.ground.archive.ArchiveSettings;
import io.sunsync.ground.fleet.IngestWorker;
import io.sunsync.ground.fleet.sim.FleetKeys;
import io.sunsync.ground.fleet.sim.FleetPublisher;
import io.sunsync.ground.fleet.sim.SimulatedHousekeeping;
import io.sunsync.ground.ingest.FrameCheck;
import io.sunsync.ground.mqtt.ConnectSettings;
import io.sunsync.ground.tmauth.TelemetryKeys;
import io.sunsync.ground.tmauth.TelemetryVerifier;
import io.sunsync.testkit.MosquittoBroker;
import io.sunsync.testkit.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Fleet ingest throughput (frames/s) with one and two shared-subscription workers, through a
 * real Mosquitto on loopback: a simulated fleet publishes housekeeping (QoS 1, outbox-style
 * {@code stream}/{@code seq} properties) from several publisher connections; the workers parse,
 * de-duplicate and acknowledge each frame (and, in the archive runs, write it to JSONL and CSV
 * first). Two ways:
 * <ul>
 *   <li>{@code live}: the fleet publishes while the workers ingest; frames ingested divided by the
 *       time from the first publish to the last frame ingested (bounded by what the publishers and
 *       the broker manage too);</li>
 *   <li>{@code backlog}: the fleet publishes while the workers are away (their persistent sessions
 *       queue the frames at the broker), then the workers come back and drain it: frames divided
 *       by the time from reconnecting to the last frame ingested (the workers' ingest capacity).</li>
 * </ul>
 * Best of {@code --repeats} after one warm-up run. Prints a table and writes JSON ({@code --out}).
 *
 * <pre>./sunsync bench fleet-ingest [--quick] [--sats 200] [--frames 100] [--publishers 4] [--repeats 3]</pre>
 */
@Command(name = "fleet-ingest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fleet ingest throughput (frames/s) with one and two shared-subscription workers through a real "
                + "Mosquitto on loopback, live and from a backlog, with and without the file archive.",
            "--quick: 50 satellites, 1 repeat."})
public final class FleetIngestBench implements Callable<Integer> {
    @Mixin
    Quick quick;

    @Option(names = "--sats", paramLabel = "N", description = "Satellites (default: 200; with --quick 50).")
    Integer satsOption;

    @Option(names = "--frames", paramLabel = "N", defaultValue = "100", description = "Frames per satellite (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--publishers", paramLabel = "N", defaultValue = "4", description = "Publisher connections (default: ${DEFAULT-VALUE}).")
    int publishers;

    @Option(names = "--repeats", paramLabel = "N", description = "Runs of each case, the best counts (default: 3; with --quick 1).")
    Integer repeatsOption;

    @Mixin
    OutFile outFile;

    private FleetIngestBench() {
    }

    public static void main(String[] args) {
        BenchCommand.exit(new FleetIngestBench(), args);
    }

    @Override
    public Integer call() throws Exception {
        int sats = quick.pick(satsOption, 200, 50);
        int repeats = quick.pick(repeatsOption, 3, 1);
        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = json.createObjectNode();
        doc.put("benchmark", "fleet-ingest");
        doc.put("t", Instant.now().toString());
        doc.put("broker", "mosquitto (loopback) " + mosquittoVersion());
        doc.put("cpus", Runtime.getRuntime().availableProcessors());
        doc.put("java", System.getProperty("java.version"));
        doc.put("satellites", sats);
        doc.put("framesPerSatellite", frames);
        doc.put("publisherConnections", publishers);
        doc.put("repeats", repeats);
        ArrayNode runs = doc.putArray("runs");
        System.out.printf(Locale.ROOT, "fleet ingest: %d satellites x %d frames = %d frames per run, %d publisher connections, "
                + "best of %d, Mosquitto on loopback, %d CPUs%n", sats, frames, sats * frames, publishers, repeats,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-8s %-8s %-10s %14s %14s  %s%n", "mode", "workers", "archive", "ingest fr/s",
                "publish fr/s", "frames per worker");
        Path tmp = Files.createTempDirectory("fleet-ingest-bench");
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            run(broker, sats, frames, publishers, 1, null, false); // warm-up, not recorded
            for (boolean backlog : new boolean[] {false, true}) {
                for (boolean archive : new boolean[] {false, true}) {
                    for (int workers = 1; workers <= 2; workers++) {
                        Result best = null;
                        for (int r = 0; r < repeats; r++) {
                            Path root = archive ? tmp.resolve((backlog ? "b" : "l") + workers + "-" + r) : null;
                            Result res = run(broker, sats, frames, publishers, workers, root, backlog);
                            best = best == null || res.ingestPerS > best.ingestPerS ? res : best;
                        }
                        String mode = backlog ? "backlog" : "live";
                        ObjectNode o = runs.addObject();
                        o.put("mode", mode);
                        o.put("workers", workers);
                        o.put("archive", archive ? "jsonl+csv" : "none");
                        o.put("frames", best.frames);
                        o.put("ingestFramesPerS", Math.round(best.ingestPerS));
                        o.put("publishFramesPerS", Math.round(best.publishPerS));
                        ArrayNode split = o.putArray("framesPerWorker");
                        best.perWorker.forEach(split::add);
                        System.out.printf(Locale.ROOT, "%-8s %-8d %-10s %14.0f %14.0f  %s%n", mode, workers,
                                archive ? "jsonl+csv" : "none", best.ingestPerS, best.publishPerS, best.perWorker);
                    }
                }
            }
        } finally {
            TestFiles.deleteTree(tmp);
        }
        System.out.println("wrote " + outFile.write(doc));
        return 0;
    }

    private record Result(long frames, double ingestPerS, double publishPerS, List<Long> perWorker) {
    }

    private static List<IngestWorker> workers(MosquittoBroker broker, String group, int n, Path archiveRoot,
                                              List<Archive> archives, TelemetryKeys keys) throws Exception {
        List<IngestWorker> workers = new ArrayList<>();
        for (int w = 0; w < n; w++) {
            ConnectSettings cs = ConnectSettings.transientSession(broker.url(), group + "-w" + w).persistent(120);
            Archive archive = archiveRoot == null ? null
                    : new Archive(ArchiveSettings.defaults(archiveRoot, "w" + w), Clock.systemUTC());
            if (archive != null) {
                archives.add(archive);
            }
            // Each worker checks every frame's MAC, as fleet ingest does.
            workers.add(new IngestWorker("w" + w, cs, IngestWorker.sharedFilters(group, false),
                    new FrameCheck(new TelemetryVerifier(keys).forArchive()), archive, null, Clock.systemUTC()).start());
        }
        return workers;
    }

    private static Result run(MosquittoBroker broker, int sats, int frames, int publishers, int workerCount,
                              Path archiveRoot, boolean backlog) throws Exception {
        String group = "bench-" + UUID.randomUUID().toString().substring(0, 6);
        List<Archive> archives = new ArrayList<>();
        List<String> fleet = SimulatedHousekeeping.fleet(sats);
        TelemetryKeys keys = FleetKeys.generate(Files.createTempDirectory("fleet-keys-"), fleet);
        List<IngestWorker> workers = workers(broker, group, workerCount, archiveRoot, archives, keys);
        if (backlog) {
            // The sessions and their shared subscriptions stay at the broker while the workers are away.
            for (IngestWorker w : workers) {
                w.close();
            }
            for (Archive a : archives) {
                a.close();
            }
            archives.clear();
        }
        long total = (long) sats * frames;
        long start = System.nanoTime();
        try (FleetPublisher pub = new FleetPublisher(broker.url(), group + "-pub", fleet, SimulatedHousekeeping.reference(),
                publishers)) {
            pub.signedWith(keys, 1).runAsFastAsPossible(frames, 0, Instant.parse("2027-06-21T00:00:00Z"));
        }
        long published = System.nanoTime();
        long ingestStart = start;
        if (backlog) {
            ingestStart = System.nanoTime();
            workers = workers(broker, group, workerCount, archiveRoot, archives, keys);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (workers.stream().mapToLong(IngestWorker::ingested).sum() < total) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("ingested only " + workers.stream().mapToLong(IngestWorker::ingested).sum()
                        + " of " + total + " frames in 120 s");
            }
            for (IngestWorker w : workers) {
                if (w.failure() != null) {
                    throw new IllegalStateException("worker " + w.name() + " failed", w.failure());
                }
            }
            Thread.onSpinWait();
            TimeUnit.MICROSECONDS.sleep(200);
        }
        long done = System.nanoTime();
        List<Long> per = workers.stream().map(IngestWorker::ingested).toList();
        long sum = per.stream().mapToLong(Long::longValue).sum();
        if (sum != total) {
            throw new IllegalStateException("ingested " + sum + " frames, expected " + total);
        }
        for (IngestWorker w : workers) {
            w.close();
        }
        for (Archive a : archives) {
            a.close();
        }
        return new Result(total, total / ((done - ingestStart) / 1e9), total / ((published - start) / 1e9), per);
    }

    private static String mosquittoVersion() {
        try {
            Process p = new ProcessBuilder(MosquittoBroker.executable().orElseThrow().toString(), "-h")
                    .redirectErrorStream(true).start();
            String first = new String(p.getInputStream().readAllBytes()).lines().findFirst().orElse("");
            p.waitFor(5, TimeUnit.SECONDS);
            return first.replaceAll(".*version ", "").trim();
        } catch (Exception e) {
            return "?";
        }
    }
}
