package io.sunsync.bench.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.bench.cli.BenchCommand;
import io.sunsync.bench.cli.OutFile;
import io.sunsync.bench.cli.Quick;
import io.sunsync.ground.cli.GroundMain;
import io.sunsync.ground.console.auth.PasswordHasher;
import io.sunsync.ground.console.auth.Role;
import io.sunsync.ground.console.auth.UserAccount;
import io.sunsync.ground.console.auth.UsersFile;
import io.sunsync.ground.constellation.ProcessSample;
import io.sunsync.ground.fleet.sim.FleetKeys;
import io.sunsync.ground.fleet.sim.FleetPublisher;
import io.sunsync.ground.fleet.sim.SimulatedHousekeeping;
import io.sunsync.ground.tmauth.TelemetryKeys;
import io.sunsync.testkit.ChildJvm;
import io.sunsync.testkit.FreePort;
import io.sunsync.testkit.HeadlessChromium;
import io.sunsync.testkit.MosquittoBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The web console under a fleet's load, as an operator's browsers see it: a simulated fleet
 * ({@link FleetPublisher}, one process) publishing housekeeping through a real Mosquitto, the
 * console as its own process ({@code sunsync ground console}), and headless Chromium pages that
 * note, at each DOM write, how long ago the frame was published (the frame's time is its publish
 * slot on this machine's clock):
 * <ul>
 *   <li>page A: the fleet view of {@code --sats} satellites at 1 Hz;</li>
 *   <li>page B: one satellite's page, that satellite at {@code --fast-hz};</li>
 *   <li>page C: the fleet view, frozen for the second half (a stalled browser: it reads nothing).</li>
 * </ul>
 * After a warm-up, a first window measures A and B undisturbed, a second one with C stalled.
 * Reported: frames delivered per second per page, publish → page and publish → DOM latency p50/p99,
 * each page's JavaScript heap over the whole run, the console process's CPU, and each page's drops
 * (from the console's own counts). Prints a table and writes JSON ({@code --out}).
 *
 * <pre>./sunsync bench console [--sats 3000] [--fast-hz 50] [--window-s 240] [--quick]</pre>
 */
@Command(name = "console", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The web console under a fleet's load, measured in headless Chromium pages. Needs mosquitto and chromium.",
            "--quick: 20 s warm-up, 60 s windows."})
public final class ConsoleBench implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FAST = "sat-fast";
    /** The fleet's telemetry keys (one file per satellite, key id 1). */
    private TelemetryKeys keys;
    private static final String PASSWORD = "bench password, long enough";
    private static final long DRAIN_MS = 20_000;

    @Option(names = "--sats", defaultValue = "3000", description = "Satellites at 1 Hz in the fleet view (default ${DEFAULT-VALUE}).")
    int sats;

    @Option(names = "--fast-hz", defaultValue = "50", description = "Rate of the one satellite whose page is open (default ${DEFAULT-VALUE}).")
    double fastHz;

    @Option(names = "--warmup-s", defaultValue = "60", description = "Warm-up before measuring, s (default ${DEFAULT-VALUE}).")
    int warmupS;

    @Option(names = "--window-s", defaultValue = "240",
            description = "Each measuring window (undisturbed, then one page stalled), s (default ${DEFAULT-VALUE}: 10 min in all).")
    int windowS;

    @Mixin
    Quick quick;

    @Mixin
    OutFile outFile;

    /** Where the JSON goes ({@code --out}). */
    private Path out;

    @Option(names = "--work", defaultValue = "target/bench-console", description = "Scratch folder (default ${DEFAULT-VALUE}).")
    Path work;

    public static void main(String[] args) {
        BenchCommand.exit(new ConsoleBench(), args);
    }

    /** One page: its browser, what it shows, and what it noted so far. */
    private static final class Page {
        final String name;
        final String user;
        final HeadlessChromium browser;
        final List<Double> dom = new ArrayList<>();
        final List<Double> applied = new ArrayList<>();
        final List<double[]> heap = new ArrayList<>();
        long received;
        long droppedShown;

        Page(String name, String user, HeadlessChromium browser) {
            this.name = name;
            this.user = user;
            this.browser = browser;
        }

        WebDriver web() {
            return browser.driver();
        }

        /** Takes what the page noted since the last call; returns frames received meanwhile. */
        @SuppressWarnings("unchecked")
        long drain(boolean keep) {
            // Through DevTools' Runtime.evaluate by value, not WebDriver's executeScript: the page keeps what
            // executeScript returns (measured: 3,000 notes/s read every 5 s grew the live heap 0.5 MiB/min; the same
            // read by Runtime.evaluate, flat), so the probe itself made the fleet page's heap grow.
            Map<String, Object> r = browser.cdp("Runtime.evaluate", Map.of("returnByValue", true, "expression",
                    "(() => { const s = window.__sunsyncBench; return {fleetDom: s.fleetDom.splice(0), fleetApplied: "
                            + "s.fleetApplied.splice(0), hkDom: s.hkDom.splice(0), hkApplied: s.hkApplied.splice(0), "
                            + "rows: s.rowsReceived, hk: s.hkReceived, dropped: s.dropped}; })()"));
            Map<String, Object> s = (Map<String, Object>) ((Map<String, Object>) r.get("result")).get("value");
            if (s == null) {
                throw new IllegalStateException("page " + name + ": reading its notes failed: " + r);
            }
            long now = ((Number) s.get("rows")).longValue() + ((Number) s.get("hk")).longValue();
            droppedShown = ((Number) s.get("dropped")).longValue();
            long delta = now - received;
            received = now;
            if (keep) {
                for (Object o : (List<Object>) s.get("fleetDom")) {
                    dom.add(((Number) o).doubleValue());
                }
                for (Object o : (List<Object>) s.get("hkDom")) {
                    dom.add(((Number) o).doubleValue());
                }
                for (Object o : (List<Object>) s.get("fleetApplied")) {
                    applied.add(((Number) o).doubleValue());
                }
                for (Object o : (List<Object>) s.get("hkApplied")) {
                    applied.add(((Number) o).doubleValue());
                }
            }
            return delta;
        }

        /** The page's live JavaScript heap after a full garbage collection (what it holds, not what it has yet to free). */
        void sampleHeap(double atS) {
            browser.cdp("HeapProfiler.collectGarbage", Map.of());
            Map<String, Object> h = browser.cdp("Runtime.getHeapUsage", Map.of());
            heap.add(new double[] {atS, ((Number) h.get("usedSize")).doubleValue() / 1048576.0});
        }
    }

    @Override
    public Integer call() throws Exception {
        out = outFile.path();
        if (quick.on()) {
            warmupS = 20;
            windowS = 60;
        }
        Files.createDirectories(work);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Path users = work.resolve("users");
        Files.deleteIfExists(users);
        for (String u : List.of("bench-a", "bench-b", "bench-c", "bench-api")) {
            UsersFile.put(users, new UserAccount(u, PasswordHasher.hash(PASSWORD.toCharArray()), Role.VIEWER));
        }
        try (MosquittoBroker broker = MosquittoBroker.builder().configLine("max_queued_messages 0").start()) {
            String url = "tcp://127.0.0.1:" + broker.port();
            // Frames signed as flight signs them, the console holding every satellite's telemetry key as a
            // fleet's would (since telemetry authentication an unsigned frame is never shown).
            List<String> everyone = new ArrayList<>(SimulatedHousekeeping.fleet(sats));
            everyone.add(FAST);
            Path keyDir = work.resolve("tm-keys").toAbsolutePath();
            keys = FleetKeys.generate(keyDir, everyone);
            StringBuilder profile = new StringBuilder("broker: {url: \"" + url + "\", clientIdPrefix: bench}\nsatellites:\n");
            for (String sat : everyone) {
                profile.append("  ").append(sat).append(": {telemetryKeyFile: \"")
                        .append(keyDir.resolve(sat + ".tm-keys.json")).append("\"}\n");
            }
            Files.writeString(work.resolve("ground.yaml"), profile);
            int port = FreePort.find();
            Path log = work.resolve("console.log");
            Files.deleteIfExists(log);
            Process console = ChildJvm.start(log, GroundMain.class, "console", "--profile", work.resolve("ground.yaml").toString(),
                    "--port", Integer.toString(port), "--users", users.toString(), "--state-dir", work.resolve("state").toString(),
                    "--results", work.resolve("results").toString(), "--max-satellites", Integer.toString(sats + 100));
            String base = "http://127.0.0.1:" + port + "/";
            try {
                awaitUp(base, console, log);
                return run(url, base, console);
            } finally {
                console.destroy();
                console.waitFor();
            }
        }
    }

    private int run(String brokerUrl, String base, Process console) throws Exception {
        List<String> fleet = SimulatedHousekeeping.fleet(sats);
        List<Thread> publishers = new ArrayList<>();
        FleetPublisher slow = new FleetPublisher(brokerUrl, "bench-pub-fleet", fleet, SimulatedHousekeeping.reference(), 4)
                .signedWith(keys, 1);
        FleetPublisher fast = new FleetPublisher(brokerUrl, "bench-pub-fast", List.of(FAST), SimulatedHousekeeping.reference(), 1)
                .signedWith(keys, 1);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        publishers.add(start("publish-fleet", () -> paced(slow, fleet.size(), 1, stop)));
        publishers.add(start("publish-fast", () -> paced(fast, 1, fastHz, stop)));
        List<Page> pages = new ArrayList<>();
        try {
            Page a = open("A-fleet", "bench-a", base + "?bench=1#/fleet", "#fleet-body tr[data-sat]");
            pages.add(a);
            Page b = open("B-" + FAST, "bench-b", base + "?bench=1#/sat/" + FAST, "td[data-point='seq']");
            pages.add(b);
            Page c = open("C-stalled", "bench-c", base + "?bench=1#/fleet", "#fleet-body tr[data-sat]");
            pages.add(c);
            System.err.printf(Locale.ROOT, "bench console: %d satellites at 1 Hz + %s at %.0f Hz through Mosquitto; "
                    + "warm-up %d s, then 2 windows of %d s%n", sats, FAST, fastHz, warmupS, windowS);
            long t0 = System.nanoTime();
            ProcessSample cpu0 = null;
            double cpuT0 = 0;
            double[][] windows = new double[2][];
            double[][] published = new double[2][];
            double[] windowCpu = new double[2];
            ObjectNode[] stats = new ObjectNode[2];
            HttpClient http = HttpClient.newHttpClient();
            String cookie = login(http, base);
            for (int phase = -1; phase < 2; phase++) {
                int lengthS = phase < 0 ? warmupS : windowS;
                if (phase == 1) {
                    a.browser.screenshot(work.resolve("fleet-" + sats + ".png"));
                    b.browser.screenshot(work.resolve("satellite-" + FAST + ".png"));
                    c.browser.cdp("Page.setWebLifecycleState", Map.of("state", "frozen"));
                }
                for (Page p : pages) {
                    if (!(phase == 1 && p == c)) {
                        p.drain(false);
                    }
                }
                ProcessSample start = ProcessSample.of(console.pid());
                long slowAt = slow.published();
                long fastAt = fast.published();
                long phaseStart = System.nanoTime();
                long[] got = new long[pages.size()];
                while (System.nanoTime() - phaseStart < lengthS * 1_000_000_000L) {
                    // A sampling interval, not a synchronisation: every 20 s the page's notes are read and its heap sampled.
                    Thread.sleep(Math.min(DRAIN_MS, Math.max(1, lengthS * 1_000L - (System.nanoTime() - phaseStart) / 1_000_000)));
                    double atS = (System.nanoTime() - t0) / 1e9;
                    for (int i = 0; i < pages.size(); i++) {
                        Page p = pages.get(i);
                        if (phase == 1 && p == c) {
                            continue;
                        }
                        got[i] += p.drain(phase >= 0);
                        p.sampleHeap(atS);
                    }
                }
                double wallS = (System.nanoTime() - phaseStart) / 1e9;
                ProcessSample end = ProcessSample.of(console.pid());
                if (phase >= 0) {
                    windows[phase] = new double[] {got[0] / wallS, got[1] / wallS, got[2] / wallS};
                    double slowRate = (slow.published() - slowAt) / wallS;
                    published[phase] = new double[] {slowRate, (fast.published() - fastAt) / wallS, slowRate};
                    windowCpu[phase] = (end.cpuS() - start.cpuS()) / wallS;
                    stats[phase] = (ObjectNode) JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "api/stats"))
                            .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString()).body());
                    System.err.printf(Locale.ROOT, "  window %d%s: A %.0f frames/s, B %.1f frames/s, C %.0f frames/s, "
                            + "console CPU %.2f cores%n", phase + 1, phase == 1 ? " (C stalled)" : "", windows[phase][0],
                            windows[phase][1], windows[phase][2], windowCpu[phase]);
                }
            }
            c.browser.cdp("Page.setWebLifecycleState", Map.of("state", "active"));
            ObjectNode summary = summary(pages, windows, published, windowCpu, stats, slow, fast);
            outFile.write(summary);
            print(summary);
            return 0;
        } finally {
            stop.set(true);
            for (Thread t : publishers) {
                t.join(10_000);
            }
            for (Page p : pages) {
                p.browser.close();
            }
            slow.close();
            fast.close();
        }
    }

    /**
     * Publishes frame k of satellite i at its slot (start + k/rateHz + (i/N)/rateHz), each frame's
     * time the instant it is handed to the MQTT client: publish → DOM is measured from there, so a
     * publisher running late (this machine is shared) does not count against the console.
     */
    private static long paced(FleetPublisher p, int n, double rateHz, java.util.concurrent.atomic.AtomicBoolean stop)
            throws Exception {
        long periodNanos = (long) (1e9 / rateHz);
        long start = System.nanoTime();
        long sent = 0;
        for (long k = 0; !stop.get(); k++) {
            for (int i = 0; i < n && !stop.get(); i++) {
                long due = start + k * periodNanos + periodNanos * i / n;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                p.publish(i, k, Instant.now());
                sent++;
            }
        }
        return sent;
    }

    private Page open(String name, String user, String url, String ready) throws Exception {
        HeadlessChromium browser = HeadlessChromium.start(work.resolve("chromium-" + name), 1600, 1000);
        WebDriver d = browser.driver();
        d.get(url.replaceFirst("\\?bench=1.*", "") + "login.html");
        d.findElement(By.id("login-user")).sendKeys(user);
        d.findElement(By.id("login-password")).sendKeys(PASSWORD);
        d.findElement(By.id("login-submit")).click();
        long end = System.nanoTime() + 60_000_000_000L;
        while (!d.getCurrentUrl().contains("#/") && System.nanoTime() < end) {
            Thread.sleep(100); // waiting for the login page to go on
        }
        d.get(url);
        while (d.findElements(By.cssSelector(ready)).isEmpty()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("page " + name + " shows nothing after 60 s");
            }
            Thread.sleep(100); // waiting for the first frames
        }
        return new Page(name, user, browser);
    }

    private static String login(HttpClient http, String base) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"bench-api\",\"password\":\"" + PASSWORD + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    private static void awaitUp(String base, Process console, Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long end = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < end) {
            if (!console.isAlive()) {
                throw new IllegalStateException("the console exited: " + Files.readString(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "login.html")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200); // polling for the port to open
        }
        throw new IllegalStateException("the console did not answer within 60 s: " + Files.readString(log));
    }

    private static Thread start(String name, Callable<?> work) {
        Thread t = new Thread(() -> {
            try {
                work.call();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                System.err.println(name + " failed: " + e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static double pct(List<Double> v, double p) {
        if (v.isEmpty()) {
            return Double.NaN;
        }
        double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a[(int) Math.min(a.length - 1, Math.ceil(p / 100 * a.length) - 1)];
    }

    private ObjectNode summary(List<Page> pages, double[][] windows, double[][] published, double[] cpu, ObjectNode[] stats,
                               FleetPublisher slow, FleetPublisher fast) {
        ObjectNode s = JSON.createObjectNode();
        s.put("bench", "console");
        s.put("t", Instant.now().toString());
        s.put("satellites", sats);
        s.put("fastHz", fastHz);
        s.put("warmupS", warmupS);
        s.put("windowS", windowS);
        s.put("machine", Runtime.getRuntime().availableProcessors() + " CPUs; load average "
                + io.sunsync.ground.mission.LoadAverage.now());
        s.put("published", slow.published() + fast.published());
        s.put("consoleCpuCores", cpu[0]);
        s.put("consoleCpuCoresStalled", cpu[1]);
        ArrayNode ps = s.putArray("pages");
        for (int i = 0; i < pages.size(); i++) {
            Page p = pages.get(i);
            ObjectNode o = ps.addObject();
            o.put("page", p.name);
            o.put("framesPerS", windows[0][i]);
            o.put("framesPerSWhileCStalled", windows[1][i]);
            o.put("rateChangePct", windows[0][i] == 0 ? Double.NaN : 100 * (windows[1][i] - windows[0][i]) / windows[0][i]);
            o.put("publishedPerS", published[0][i]);
            o.put("publishedPerSWhileCStalled", published[1][i]);
            double before = published[0][i] == 0 ? Double.NaN : windows[0][i] / published[0][i];
            double after = published[1][i] == 0 ? Double.NaN : windows[1][i] / published[1][i];
            o.put("deliveredFraction", before);
            o.put("deliveredFractionWhileCStalled", after);
            o.put("deliveredFractionChangePct", 100 * (after - before) / before);
            o.put("publishToDomP50Ms", pct(p.dom, 50));
            o.put("publishToDomP99Ms", pct(p.dom, 99));
            o.put("domSamples", p.dom.size());
            o.put("publishToPageP50Ms", pct(p.applied, 50));
            o.put("publishToPageP99Ms", pct(p.applied, 99));
            if (!p.heap.isEmpty()) {
                ArrayNode samples = o.putArray("heapMiB");
                p.heap.forEach(h -> samples.addArray().add(Math.round(h[0])).add(Math.round(h[1] * 100) / 100.0));
                o.put("heapFirstMiB", p.heap.get(0)[1]);
                o.put("heapLastMiB", p.heap.get(p.heap.size() - 1)[1]);
                o.put("heapMaxMiB", p.heap.stream().mapToDouble(h -> h[1]).max().orElse(Double.NaN));
                o.put("heapSlopeMiBPerMin", slope(p.heap) * 60);
            }
            long superseded = 0;
            long evicted = 0;
            for (JsonNode f : stats[1].path("feeds")) {
                if (f.path("user").asText().equals(p.user)) {
                    superseded += f.path("superseded").asLong();
                    evicted += f.path("evicted").asLong();
                }
            }
            o.put("superseded", superseded);
            o.put("evicted", evicted);
            o.put("droppedShownOnPage", p.droppedShown);
        }
        ArrayNode feeds = s.putArray("consoleFeeds");
        stats[1].path("feeds").forEach(feeds::add);
        return s;
    }

    /** Least-squares slope of y over x. */
    private static double slope(List<double[]> xy) {
        int n = xy.size();
        if (n < 2) {
            return 0;
        }
        double mx = xy.stream().mapToDouble(p -> p[0]).average().orElse(0);
        double my = xy.stream().mapToDouble(p -> p[1]).average().orElse(0);
        double num = 0;
        double den = 0;
        for (double[] p : xy) {
            num += (p[0] - mx) * (p[1] - my);
            den += (p[0] - mx) * (p[0] - mx);
        }
        return den == 0 ? 0 : num / den;
    }

    private void print(ObjectNode s) {
        System.out.printf(Locale.ROOT, "%nconsole bench: %d satellites at 1 Hz, %s at %.0f Hz, windows of %d s (%s)%n", sats, FAST,
                fastHz, windowS, s.path("machine").asText());
        System.out.printf(Locale.ROOT, "%-12s %10s %12s %8s %9s %10s %10s %10s %10s %12s %10s%n", "page", "frames/s",
                "(C stalled)", "change", "of pub.", "DOM p50", "DOM p99", "page p50", "page p99", "heap MiB", "drops");
        for (JsonNode p : s.path("pages")) {
            System.out.printf(Locale.ROOT, "%-12s %10.1f %12.1f %7.1f%% %8.1f%% %8.0f ms %8.0f ms %8.0f ms %8.0f ms %5.1f->%-5.1f %10d%n",
                    p.path("page").asText(), p.path("framesPerS").asDouble(), p.path("framesPerSWhileCStalled").asDouble(),
                    p.path("rateChangePct").asDouble(), p.path("deliveredFractionChangePct").asDouble(),
                    p.path("publishToDomP50Ms").asDouble(),
                    p.path("publishToDomP99Ms").asDouble(), p.path("publishToPageP50Ms").asDouble(),
                    p.path("publishToPageP99Ms").asDouble(), p.path("heapFirstMiB").asDouble(),
                    p.path("heapLastMiB").asDouble(), p.path("superseded").asLong() + p.path("evicted").asLong());
        }
        System.out.printf(Locale.ROOT, "console CPU: %.2f cores (%.2f with C stalled); %d frames published; JSON in %s%n",
                s.path("consoleCpuCores").asDouble(), s.path("consoleCpuCoresStalled").asDouble(),
                s.path("published").asLong(), out);
    }
}
