package io.sunsync.ground.constellation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.ground.fleet.FleetTable;
import io.sunsync.ground.mission.FlightProcess;
import io.sunsync.ground.mission.LoadAverage;
import io.sunsync.ground.mission.MissionError;
import io.sunsync.ground.mission.MissionException;
import io.sunsync.ground.mission.MissionFolder;
import io.sunsync.ground.mission.MissionPlan;
import io.sunsync.ground.mission.MissionSettings;
import io.sunsync.ground.mission.ReportDocument;
import io.sunsync.ground.mqtt.ConnectSettings;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.status.ConstellationState;
import io.sunsync.ground.telemetry.Highlighter;
import io.sunsync.ground.telemetry.PointCatalog;
import io.sunsync.ground.tmauth.TelemetryKeys;
import io.sunsync.ground.tmauth.TelemetryVerifier;
import io.sunsync.ground.tmauth.Verdict;
import io.sunsync.testkit.EmbeddedBroker;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Many satellites against one broker: N flight processes (the real launcher, sim backend, each
 * with its own config, keys, outbox and journal under {@code OUT/sat-NNN/}), one embedded
 * broker, and the ground's fleet view ({@link ConstellationState}, {@link FleetTable}) fed by
 * one connection subscribed to every satellite. While they fly it samples each flight process
 * ({@code /proc}: resident memory, threads, CPU) and counts what the ground receives; at the end
 * it writes {@code report.md}, {@code report.html} and {@code summary.json}.
 *
 * <p>Threading: {@link #run} on the calling thread, which also reads the ground connection.
 */
public final class ConstellationRun {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * How to run.
     *
     * @param satellites    flight instances
     * @param template      settings every satellite shares (its {@code out} is the constellation's folder, its
     *                      {@code sat} the first id's prefix); each gets its own id, folder and seed
     */
    public record Settings(int satellites, MissionSettings template) {
        public Settings {
            if (satellites < 1 || satellites > 64) {
                throw new IllegalArgumentException("--satellites must be in [1, 64], was " + satellites);
            }
        }
    }

    /**
     * One satellite's figures.
     *
     * @param sat            its id
     * @param pid            its flight process
     * @param exit           flight's exit code (null: stopped)
     * @param hkFrames       housekeeping frames the ground received
     * @param messages       messages the ground received from it (all topics)
     * @param messagesPerS   of those per wall second while it flew
     * @param rssMiBMax      resident memory at its largest, MiB
     * @param rssMiBMean     resident memory on average, MiB
     * @param heapUsedMiB    Java heap in use at the last sample (jcmd GC.heap_info), MiB (NaN: not read)
     * @param threadsMax     threads at most
     * @param cpuS           CPU time, s
     * @param cpuPct         CPU time / wall time flown, % of one core
     * @param missionS       mission time its last frame reached, s from the start
     * @param commandsSent   commands the ground sent it (ephemeris, job submissions)
     * @param commandsCompleted of those, ended COMPLETED
     * @param groundFailure  what went wrong in its command session, or null
     */
    public record Satellite(String sat, long pid, Integer exit, long hkFrames, long messages, double messagesPerS,
                            double rssMiBMax, double rssMiBMean, double heapUsedMiB, int threadsMax, double cpuS,
                            double cpuPct, double missionS, int commandsSent, int commandsCompleted,
                            String groundFailure) {
    }

    private final Settings settings;
    private final PrintStream out;

    public ConstellationRun(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** Flies the constellation; returns the summary written to {@code summary.json}. */
    public JsonNode run() throws MissionException, InterruptedException {
        MissionSettings t = settings.template();
        MissionFolder root = MissionFolder.prepare(t.out());
        MissionPlan plan = MissionPlan.of(t);
        LoadAverage loadAtStart = LoadAverage.now();
        int n = settings.satellites();
        out.printf(Locale.ROOT, "sunsync constellation: %d satellites, '%s', %.1f h of mission time at %.0f x, "
                        + "housekeeping every %s s%n", n, plan.scenario().name(), plan.durationS() / 3600, t.speed(),
                num(t.hkPeriodS()));
        EmbeddedBroker broker = EmbeddedBroker.start();
        try (broker) {
            String url = "tcp://127.0.0.1:" + broker.port();
            out.printf("  broker    %s  (HiveMQ CE embedded, MQTT 5)%n", url);
            List<String> ids = new ArrayList<>();
            List<FlightProcess> flights = new ArrayList<>();
            Map<String, List<ProcessSample>> samples = new LinkedHashMap<>();
            Map<String, long[]> counts = new LinkedHashMap<>();
            List<Path> telemetryKeys = new ArrayList<>();
            ConstellationState fleet = null;
            try (GroundConnection ground = new GroundConnection(ConnectSettings.transientSession(url,
                    GroundConnection.randomClientId("ground-fleet")))) {
                ground.subscribe("sunsync/+/tm/hk", "sunsync/+/evt", "sunsync/+/birth", "sunsync/+/dict");
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    String sat = String.format(Locale.ROOT, "sat-%03d", i + 1);
                    ids.add(sat);
                    MissionSettings s = withSat(t, root, sat, plan, i);
                    MissionFolder folder = MissionFolder.prepare(s.out());
                    Path config = folder.writeFlight(s, MissionPlan.of(s), url);
                    telemetryKeys.add(folder.groundTelemetryKeys(sat));
                    FlightProcess f = FlightProcess.start(s.flightCommand(), config, plan.durationS(), folder.flightLog());
                    flights.add(f);
                    samples.put(sat, new ArrayList<>());
                    counts.put(sat, new long[2]);
                    out.printf("  %s   flight pid %d%n", sat, f.pid());
                }
                out.flush();
                // The fleet view shows what verifies under each satellite's telemetry keys, nothing else.
                fleet = new ConstellationState(new TelemetryVerifier(TelemetryKeys.read(telemetryKeys)));
                // Each satellite gets its ephemeris and a job load over its own command session, in parallel,
                // while this thread keeps reading the fleet's telemetry.
                List<FleetLoad> loads = new ArrayList<>();
                List<Thread> loaders = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    FleetLoad load = new FleetLoad(url, ids.get(i), MissionFolder.prepared(root.root().resolve(ids.get(i))),
                            MissionPlan.of(withSat(t, root, ids.get(i), plan, i)));
                    Thread th = new Thread(load, "ground-ops-" + ids.get(i));
                    th.setDaemon(true);
                    th.start();
                    loads.add(load);
                    loaders.add(th);
                }
                long nextSample = 0;
                long nextHeap = 0;
                long nextView = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                double[] heap = new double[n];
                java.util.Arrays.fill(heap, Double.NaN);
                long lastRx = System.nanoTime();
                while (flights.stream().anyMatch(FlightProcess::isAlive)
                        || System.nanoTime() - lastRx < TimeUnit.SECONDS.toNanos(2)) {
                    GroundConnection.Received r = ground.poll(50);
                    if (r != null) {
                        lastRx = System.nanoTime();
                        fleet.accept(r, Clock.systemUTC().instant());
                        String[] parts = r.topic().split("/");
                        long[] c = parts.length > 2 ? counts.get(parts[1]) : null;
                        if (c != null) {
                            c[0]++;
                            if (r.topic().endsWith("/tm/hk") && !r.retained()) {
                                c[1]++;
                            }
                        }
                    }
                    if (System.nanoTime() > nextSample) {
                        for (int i = 0; i < n; i++) {
                            ProcessSample p = ProcessSample.of(flights.get(i).pid());
                            if (p != null && flights.get(i).isAlive()) {
                                samples.get(ids.get(i)).add(p);
                                if (System.nanoTime() > nextHeap) {
                                    // jcmd is a JVM of its own: sampled rarely, so it does not load the machine it measures
                                    double h = heapUsedMiB(flights.get(i).pid(), nextSample == 0);
                                    heap[i] = Double.isNaN(h) ? heap[i] : h;
                                }
                            }
                        }
                        if (System.nanoTime() > nextHeap) {
                            nextHeap = System.nanoTime() + TimeUnit.SECONDS.toNanos(nextSample == 0 ? 5 : 15);
                        }
                        nextSample = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                    }
                    if (System.nanoTime() > nextView) {
                        view(fleet);
                        nextView = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    }
                }
                double wallS = (System.nanoTime() - t0) / 1e9;
                for (Thread th : loaders) {
                    th.join(TimeUnit.SECONDS.toMillis(30));
                }
                List<Satellite> sats = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    FlightProcess f = flights.get(i);
                    Integer exit = f.waitFor(30);
                    f.close();
                    sats.add(satellite(ids.get(i), f.pid(), exit, counts.get(ids.get(i)), samples.get(ids.get(i)), heap[i],
                            wallS, fleet, plan.start(), loads.get(i)));
                }
                out.printf("%nThe ground's fleet view at the end:%n");
                view(fleet);
                ObjectNode summary = summary(plan, sats, wallS, loadAtStart);
                summary.put("telemetryVerified", fleet.verifier().counts().values().stream()
                        .mapToLong(m -> m.getOrDefault(Verdict.AUTHENTIC, 0L)).sum());
                summary.put("telemetryRefused", fleet.verifier().refused());
                write(root, summary, sats);
                print(summary, sats);
                return summary;
            } finally {
                for (FlightProcess f : flights) {
                    f.close(); // a no-op for those that ended; stops the rest if the ground failed
                }
            }
        } catch (IOException e) {
            throw new MissionException(MissionError.OUT_FOLDER, "cannot write in " + root.root() + ": " + e.getMessage(), e);
        } catch (MissionException | InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new MissionException(MissionError.GROUND_SESSION, "the ground's fleet session failed: " + e, e);
        }
    }

    /** The settings of satellite {@code i}: its own id, folder and seed. */
    private static MissionSettings withSat(MissionSettings t, MissionFolder root, String sat, MissionPlan plan, int i) {
        return new MissionSettings(t.scenarioFile(), t.days(), plan.scenario().seed() + i, plan.boards(),
                root.root().resolve(sat), t.speed(), t.hkPeriodS(), t.controlPeriodS(), t.flightCommand(), false, sat);
    }

    private void view(ConstellationState fleet) {
        Instant now = Clock.systemUTC().instant();
        out.print(FleetTable.render(fleet.all(now, PointCatalog.builtIn(), 30), PointCatalog.builtIn(), new Highlighter(false),
                now));
        out.flush();
    }

    /** Java heap in use, from {@code jcmd PID GC.heap_info} (JDK tool next to this JVM); NaN when it cannot be read. */
    static double heapUsedMiB(long pid, boolean first) {
        if (first) {
            return Double.NaN; // the JVM is still starting
        }
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return Double.NaN;
        }
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_info").redirectErrorStream(true)
                    .start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Double.NaN;
            }
            // " garbage-first heap   total 262144K, used 53248K [..."
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("total \\d+K, used (\\d+)K").matcher(text);
            return m.find() ? Long.parseLong(m.group(1)) / 1024.0 : Double.NaN;
        } catch (IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    private static Satellite satellite(String sat, long pid, Integer exit, long[] count, List<ProcessSample> s, double heap,
                                       double wallS, ConstellationState fleet, Instant start, FleetLoad load) {
        double rssMax = 0;
        double rssSum = 0;
        int threads = 0;
        double cpu = 0;
        for (ProcessSample p : s) {
            rssMax = Math.max(rssMax, p.rssKiB() / 1024.0);
            rssSum += p.rssKiB() / 1024.0;
            threads = Math.max(threads, p.threads());
            cpu = Math.max(cpu, p.cpuS());
        }
        JsonNode hk = fleet.status(sat, Clock.systemUTC().instant(), PointCatalog.builtIn(), 30).hk();
        double missionS = hk == null || !hk.path("t").isTextual() ? Double.NaN
                : java.time.Duration.between(start, Instant.parse(hk.path("t").asText())).toMillis() / 1000.0;
        return new Satellite(sat, pid, exit, count[1], count[0], count[0] / wallS, rssMax,
                s.isEmpty() ? Double.NaN : rssSum / s.size(), heap, threads, cpu, 100 * cpu / wallS, missionS,
                load.sent(), load.completed(), load.failure());
    }

    private ObjectNode summary(MissionPlan plan, List<Satellite> sats, double wallS, LoadAverage loadAtStart) {
        ObjectNode s = JSON.createObjectNode();
        s.put("satellites", sats.size());
        s.put("scenario", plan.scenario().name());
        s.put("missionHours", plan.durationS() / 3600);
        s.put("speed", settings.template().speed());
        s.put("hkPeriodS", settings.template().hkPeriodS());
        s.put("boardsPerSatellite", plan.boards());
        s.put("wallS", wallS);
        long messages = sats.stream().mapToLong(Satellite::messages).sum();
        long frames = sats.stream().mapToLong(Satellite::hkFrames).sum();
        s.put("messages", messages);
        s.put("messagesPerS", messages / wallS);
        s.put("hkFrames", frames);
        s.put("hkFramesExpected", (long) Math.floor(plan.durationS() / settings.template().hkPeriodS()) * sats.size());
        s.put("allExitedCleanly", sats.stream().allMatch(x -> x.exit() != null && x.exit() == 0));
        s.put("allCommandsCompleted", sats.stream().allMatch(x -> x.groundFailure() == null && x.commandsSent() > 0
                && x.commandsCompleted() == x.commandsSent()));
        s.put("cores", Runtime.getRuntime().availableProcessors());
        s.put("loadAtStart", loadAtStart.toString());
        s.put("loadAtEnd", LoadAverage.now().toString());
        s.set("perSatellite", JSON.valueToTree(sats));
        return s;
    }

    private void write(MissionFolder root, JsonNode summary, List<Satellite> sats) throws IOException {
        Files.writeString(root.root().resolve("summary.json"), JSON.writeValueAsString(summary) + "\n");
        ReportDocument doc = new ReportDocument("Constellation: " + summary.path("satellites").asInt() + " satellites");
        doc.para(String.format(Locale.ROOT, "%d flight processes (the real launcher, sim backend, '%s', %d boards each) "
                        + "against one embedded HiveMQ CE broker, %.1f h of mission time at %.0f x, housekeeping every %s s; "
                        + "the ground follows all of them over one connection. %.0f s wall on %d cores (load average %s at "
                        + "the start, %s at the end).", summary.path("satellites").asInt(), summary.path("scenario").asText(),
                summary.path("boardsPerSatellite").asInt(), summary.path("missionHours").asDouble(),
                summary.path("speed").asDouble(), num(summary.path("hkPeriodS").asDouble()), summary.path("wallS").asDouble(),
                summary.path("cores").asInt(), summary.path("loadAtStart").asText(), summary.path("loadAtEnd").asText()));
        doc.table(List.of("figure", "value"), List.of(
                List.of("messages received by the ground", Long.toString(summary.path("messages").asLong())),
                List.of("messages per second (wall)", String.format(Locale.ROOT, "%.0f", summary.path("messagesPerS").asDouble())),
                List.of("housekeeping frames", summary.path("hkFrames").asLong() + " received of "
                        + summary.path("hkFramesExpected").asLong() + " produced"
                        + (summary.path("hkFrames").asLong() < summary.path("hkFramesExpected").asLong()
                        ? " (the rest were still in the flights' on-disk outboxes when they stopped: the link was "
                        + "behind, nothing was dropped)" : "")),
                List.of("every command completed (ephemeris, job submissions)",
                        summary.path("allCommandsCompleted").asBoolean() ? "yes" : "**no**"),
                List.of("every flight exited cleanly", summary.path("allExitedCleanly").asBoolean() ? "yes" : "**no**"),
                List.of("telemetry authentication (HMAC, each satellite's telemetry key)",
                        summary.path("telemetryVerified").asLong() + " messages verified, "
                        + (summary.path("telemetryRefused").asLong() == 0 ? "none refused"
                        : "**" + summary.path("telemetryRefused").asLong() + " refused**"))));
        List<List<String>> rows = new ArrayList<>();
        for (Satellite s : sats) {
            rows.add(List.of(s.sat(), String.valueOf(s.exit()), s.commandsCompleted() + "/" + s.commandsSent()
                    + (s.groundFailure() == null ? "" : " (" + s.groundFailure() + ")"), Long.toString(s.hkFrames()),
                    String.format(Locale.ROOT, "%.0f", s.messagesPerS()), f1(s.rssMiBMax()), f1(s.heapUsedMiB()),
                    Integer.toString(s.threadsMax()), f1(s.cpuS()), f1(s.cpuPct())));
        }
        doc.heading(1, "Per satellite (flight process)");
        doc.table(List.of("satellite", "exit", "commands completed", "hk frames", "msgs/s", "RSS max, MiB", "heap used, MiB", "threads",
                "CPU, s", "CPU, % of a core"), rows);
        Files.writeString(root.root().resolve("report.md"), doc.markdown());
        Files.writeString(root.root().resolve("report.html"), doc.html());
    }

    private void print(JsonNode summary, List<Satellite> sats) {
        out.printf(Locale.ROOT, "%n%-9s %5s %9s %9s %8s %12s %10s %8s %7s %6s%n", "satellite", "exit", "commands",
                "hk frames", "msgs/s", "RSS max MiB", "heap MiB", "threads", "CPU s", "CPU %");
        for (Satellite s : sats) {
            out.printf(Locale.ROOT, "%-9s %5s %9s %9d %8.0f %12.1f %10.1f %8d %7.1f %6.1f%n", s.sat(), s.exit(),
                    s.commandsCompleted() + "/" + s.commandsSent(), s.hkFrames(), s.messagesPerS(), s.rssMiBMax(),
                    s.heapUsedMiB(), s.threadsMax(), s.cpuS(), s.cpuPct());
            if (s.groundFailure() != null) {
                out.printf("  %s: the ground's command session failed: %s%n", s.sat(), s.groundFailure());
            }
        }
        out.printf(Locale.ROOT, "%ntotal: %d messages, %.0f msgs/s through the broker to the ground; %d of %d housekeeping "
                        + "frames; %d verified by their MAC, %d refused; report in %s%n", summary.path("messages").asLong(),
                summary.path("messagesPerS").asDouble(), summary.path("hkFrames").asLong(),
                summary.path("hkFramesExpected").asLong(), summary.path("telemetryVerified").asLong(),
                summary.path("telemetryRefused").asLong(), settings.template().out().resolve("report.html"));
        out.flush();
    }

    private static String f1(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : "-";
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : Double.toString(v);
    }
}
