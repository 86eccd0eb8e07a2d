package io.sunsync.flight.bench;

import io.sunsync.flight.cmd.TestSigner;
import io.sunsync.testkit.MosquittoBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Resource bounds ({@code ./sunsync bench resource-bounds}): flight as its own JVM with
 * {@code -Xmx64m} and 96 sim boards flies a long scenario (default the eclipse-season day, 24 h of
 * mission time at 240x) with jobs, commanding and the outbox on, against a real Mosquitto, while a
 * ground ({@link CampaignGround}) submits jobs, downloads and acknowledges their results. Sampled
 * from outside every few seconds: heap in use and, every minute, live heap after a full GC
 * ({@code jcmd}), threads and resident memory ({@code /proc}), and the bytes of the state folder
 * (outbox, job journal and results, commanding). Writes {@code bench/out/resource-bounds.json}
 * and {@code .md}. Options: {@code --scenario FILE}, {@code --speed X}, {@code --duration-s S},
 * {@code --xmx 64m}.
 */
public final class ResourceBoundsBench {
    private ResourceBoundsBench() {
    }

    public static void main(String[] args) throws Exception {
        String scenario = "sim-harness/scenarios/eclipse-season-day.yaml";
        double speed = 240;
        double durationS = 86_400;
        String xmx = "64m";
        for (int i = 0; i < args.length - 1; i++) {
            switch (args[i]) {
                case "--scenario" -> scenario = args[i + 1];
                case "--speed" -> speed = Double.parseDouble(args[i + 1]);
                case "--duration-s" -> durationS = Double.parseDouble(args[i + 1]);
                case "--xmx" -> xmx = args[i + 1];
                default -> {
                }
            }
        }
        Path work = Files.createTempDirectory("sunsync-resource-bounds-");
        Path state = work.resolve("state");
        Path log = work.resolve("flight.log");
        String sat = "sat-001";
        TestSigner.writeKeyFile(work, sat);
        Files.setPosixFilePermissions(work.resolve("keys.json"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Instant epoch = io.sunsync.sim.scenario.Scenario.load(Path.of(scenario)).start();
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, Object>> samples = new ArrayList<>();
        try (MosquittoBroker broker = MosquittoBroker.builder().start()) {
            Path config = work.resolve("sat.yaml");
            Files.writeString(config, """
                    # written by the resource-bounds bench
                    satellite: {id: %s}
                    link:
                      broker: "%s"
                      sessionExpiryS: 86400
                      outbox: {dir: state/outbox, maxBytes: 67108864, fsync: group}
                    telemetry: {housekeepingPeriodS: 10.0}
                    commanding: {keyFile: keys.json, stateDir: state/commanding}
                    jobs: {dataDir: state/jobs}
                    hardware:
                      clock: {backend: sim}
                      power: {backend: sim}
                      thermal: {backend: sim}
                      accelerators: {backend: sim}
                      backends:
                        sim: {scenario: "%s", boards: 96, speed: %s, seed: 1}
                    """.formatted(sat, broker.url(), Path.of(scenario).toAbsolutePath(), speed));
            FlightProcess flight = new FlightProcess(config, log, List.of("-Xmx" + xmx, "-XX:+ExitOnOutOfMemoryError"),
                    List.of("--duration-s", Double.toString(durationS)));
            long t0 = System.nanoTime();
            double sp = speed;
            flight.start();
            long heapMax = 0;
            long liveMax = 0;
            long liveFirst = -1;
            long liveLast = -1;
            long threadsMax = 0;
            long rssMax = 0;
            long diskMax = 0;
            try (CampaignGround ground = new CampaignGround(broker.url(), sat, new TestSigner(sat, 1, TestSigner.KEY1),
                    () -> epoch.plusMillis(Math.round((System.nanoTime() - t0) / 1e6 * sp)), 1)) {
                long nextSample = 0;
                long nextLive = System.nanoTime() + 30_000_000_000L;
                long nextSubmit = 0;
                while (flight.alive()) {
                    long now = System.nanoTime();
                    ground.tick(true);
                    if (ground.hkFrames() > 0 && now >= nextSubmit) {
                        ground.submitJob();
                        nextSubmit = now + 2_000_000_000L;
                    }
                    if (now >= nextSample) {
                        nextSample = now + 5_000_000_000L;
                        try {
                            long heap = JvmProbe.heapKb(flight.pid());
                            long threads = JvmProbe.threads(flight.pid());
                            long rss = JvmProbe.rssKb(flight.pid());
                            long disk = JvmProbe.diskBytes(state);
                            Long live = null;
                            if (now >= nextLive) {
                                nextLive = now + 60_000_000_000L;
                                live = JvmProbe.liveHeapKb(flight.pid());
                                liveFirst = liveFirst < 0 ? live : liveFirst;
                                liveLast = live;
                                liveMax = Math.max(liveMax, live);
                            }
                            heapMax = Math.max(heapMax, heap);
                            threadsMax = Math.max(threadsMax, threads);
                            rssMax = Math.max(rssMax, rss);
                            diskMax = Math.max(diskMax, disk);
                            Map<String, Object> s = new LinkedHashMap<>();
                            s.put("wallS", Math.round((now - t0) / 1e8) / 10.0);
                            s.put("missionTime", ground.missionTime() == null ? null : ground.missionTime().toString());
                            s.put("heapKb", heap);
                            s.put("liveHeapKb", live);
                            s.put("threads", threads);
                            s.put("rssKb", rss);
                            s.put("stateBytes", disk);
                            samples.add(s);
                            System.out.printf(Locale.ROOT, "resource bounds: %6.0f s  mission %s  heap %,d KiB%s  threads %d  rss %,d KiB  state %,d bytes%n",
                                    (now - t0) / 1e9, ground.missionTime(), heap, live == null ? "" : " (live " + live + ")",
                                    threads, rss, disk);
                        } catch (java.io.IOException e) {
                            if (flight.alive()) {
                                throw e;
                            }
                        }
                    }
                    Thread.sleep(100); // sampling and ground pace, wall time
                }
                out.put("flightExitCode", flight.exited());
                out.put("wallS", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
                out.put("hkFrames", ground.hkFrames());
                out.put("jobsSubmitted", ground.plans().size());
                out.put("jobsAccepted", ground.plans().stream().filter(j -> j.accepted).count());
                out.put("resultsVerified", ground.plans().stream().filter(j -> j.resultVerified).count());
            }
            out.put("xmx", xmx);
            out.put("boards", 96);
            out.put("scenario", scenario);
            out.put("speed", speed);
            out.put("missionDurationS", durationS);
            out.put("heapUsedMaxKb", heapMax);
            out.put("liveHeapAfterGcFirstKb", liveFirst);
            out.put("liveHeapAfterGcLastKb", liveLast);
            out.put("liveHeapAfterGcMaxKb", liveMax);
            out.put("threadsMax", threadsMax);
            out.put("rssMaxKb", rssMax);
            out.put("stateBytesMax", diskMax);
            out.put("stateBytesEnd", JvmProbe.diskBytes(state));
            out.put("outboxBytesEnd", JvmProbe.diskBytes(state.resolve("outbox")));
            out.put("jobsBytesEnd", JvmProbe.diskBytes(state.resolve("jobs")));
            out.put("commandingBytesEnd", JvmProbe.diskBytes(state.resolve("commanding")));
            out.put("oomInLog", Files.readString(log).contains("OutOfMemoryError"));
            out.put("work", work.toString());
        }
        Map<String, Object> all = new LinkedHashMap<>(out);
        all.put("samples", samples);
        CampaignSummary.write("resource-bounds", all, java.util.Set.of("samples"), "", List.of());
        Object code = out.get("flightExitCode");
        System.exit(Integer.valueOf(0).equals(code) && !(Boolean) out.get("oomInLog") ? 0 : 1);
    }
}
