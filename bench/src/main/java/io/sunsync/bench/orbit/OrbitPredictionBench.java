package io.sunsync.bench.orbit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.bench.cli.BenchCommand;
import io.sunsync.bench.cli.OutFile;
import io.sunsync.bench.cli.Quick;
import io.sunsync.flight.orbit.OrbitConfig;
import io.sunsync.flight.orbit.OrbitKnowledge;
import io.sunsync.flight.throttle.EclipseForecaster;
import io.sunsync.orbit.ElementSet;
import io.sunsync.orbit.OrekitData;
import io.sunsync.orbit.SunSynchronousElements;
import io.sunsync.orbit.TleFit;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.orekit.propagation.analytical.tle.TLE;
import org.orekit.propagation.analytical.tle.TLEPropagator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./sunsync bench orbit-predict}: what on-board orbit knowledge costs the flight computer.
 * In one JVM, on the reference satellite's elements (650 km dawn-dusk, in eclipse season): the
 * first use of Orekit (class loading, data context, first orbit of prediction); then the real
 * {@link OrbitKnowledge} in its planning cycle, inline, from new elements to a full 12 h horizon
 * (each cycle's wall time: the cycles that extend the prediction by an orbit, and the idle ones);
 * a GNSS fit of an orbit of fixes; parsing a TLE. Prints the figures and writes
 * {@code bench/out/orbit-predict.json}. Single-threaded.
 */
@Command(name = "orbit-predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Cost of on-board orbit knowledge: Orekit start-up, prediction per planning cycle, a GNSS fit.",
            "--quick: at most 5 repeats and 3 fits."})
public final class OrbitPredictionBench implements Callable<Integer> {
    private static final Instant T = Instant.parse("2027-06-21T00:00:00Z");

    @Option(names = "--repeats", defaultValue = "20", description = "New element sets predicted to the horizon (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--fits", defaultValue = "10", description = "GNSS fits (default: ${DEFAULT-VALUE}).")
    int fits;

    @Mixin
    Quick quick;

    @Mixin
    OutFile outFile;

    public static void main(String[] args) {
        BenchCommand.exit(new OrbitPredictionBench(), args);
    }

    private static String tle(Instant epoch, double u) {
        TLE t = SunSynchronousElements.of(epoch, 650, 18, 67001, u);
        return t.getLine1() + "\n" + t.getLine2() + "\n";
    }

    @Override
    public Integer call() throws Exception {
        repeats = quick.atMost(repeats, 5);
        fits = quick.atMost(fits, 3);
        long c0 = System.nanoTime();
        EclipseForecaster first = new EclipseForecaster();
        OrbitKnowledge cold = new OrbitKnowledge(OrbitConfig.defaults(), first, null, null, e -> { }, true);
        cold.accept(ElementSet.parse(tle(T.minus(Duration.ofDays(1)), 0)), T);
        double coldMs = (System.nanoTime() - c0) / 1e6;

        List<Double> working = new ArrayList<>();
        List<Double> idle = new ArrayList<>();
        List<Double> toHorizon = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            EclipseForecaster f = new EclipseForecaster();
            OrbitKnowledge k = new OrbitKnowledge(OrbitConfig.defaults(), f, null, null, e -> { }, true);
            Instant start = T.plus(Duration.ofHours(r));
            long a0 = System.nanoTime();
            k.accept(ElementSet.parse(tle(start.minus(Duration.ofDays(2)), 37.0 * r)), start);
            double total = (System.nanoTime() - a0) / 1e6;
            working.add(total);
            for (int cycle = 1; cycle <= 40; cycle++) {
                Instant now = start.plusSeconds(5L * cycle);
                Instant before = k.housekeeping(now).predictedUntil();
                long t0 = System.nanoTime();
                k.tick(now);
                double ms = (System.nanoTime() - t0) / 1e6;
                boolean extended = !java.util.Objects.equals(before, k.housekeeping(now).predictedUntil());
                (extended ? working : idle).add(ms);
                if (extended) {
                    total += ms;
                }
            }
            toHorizon.add(total);
        }

        Random rnd = new Random(1);
        TLEPropagator truth = TLEPropagator.selectExtrapolator(SunSynchronousElements.of(T, 650, 18, 67001, 0),
                OrekitData.teme());
        List<Double> fitMs = new ArrayList<>();
        for (int i = 0; i < fits + 1; i++) {
            List<TleFit.Sample> fixes = new ArrayList<>();
            for (int s = 0; s < 100; s++) {
                Instant t = T.plusSeconds(60L * s + 3600L * i);
                var pv = truth.getPVCoordinates(OrekitData.date(t), OrekitData.itrf());
                fixes.add(new TleFit.Sample(t, pv.getPosition().add(new Vector3D(rnd.nextGaussian() * 10,
                        rnd.nextGaussian() * 10, rnd.nextGaussian() * 10)), pv.getVelocity()));
            }
            long f0 = System.nanoTime();
            TleFit.fit(fixes, OrekitData.itrf(), null, false);
            if (i > 0) {
                fitMs.add((System.nanoTime() - f0) / 1e6);
            }
        }
        List<Double> parseUs = new ArrayList<>();
        String text = tle(T, 0);
        for (int i = 0; i < 2000; i++) {
            long p0 = System.nanoTime();
            ElementSet.parse(text);
            parseUs.add((System.nanoTime() - p0) / 1e3);
        }

        ObjectNode json = new ObjectMapper().createObjectNode();
        json.put("benchmark", "orbit-predict");
        json.put("when", java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).toString());
        json.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        json.put("loadAverage", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        json.put("coldStartMs", coldMs);
        put(json, "cycleExtendingMs", working);
        put(json, "cycleIdleMs", idle);
        put(json, "newElementsToHorizonMs", toHorizon);
        put(json, "gnssFit100FixesMs", fitMs);
        put(json, "tleParseUs", parseUs);
        Path out = outFile.write(json);
        System.out.printf(Locale.ROOT, "orbit-predict: first use of Orekit (class loading, data, first orbit) %.0f ms%n", coldMs);
        print("planning cycle extending the prediction by an orbit", working, "ms");
        print("planning cycle with nothing to do", idle, "ms");
        print("new elements to a 12 h horizon, all cycles", toHorizon, "ms");
        print("GNSS fit of 100 fixes", fitMs, "ms");
        print("TLE parse and check", parseUs, "us");
        System.out.println("written " + out);
        return 0;
    }

    private static double[] sorted(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a;
    }

    private static double pct(double[] a, double p) {
        return a.length == 0 ? Double.NaN : a[Math.min(a.length - 1, (int) Math.floor(p / 100 * a.length))];
    }

    private static void put(ObjectNode json, String name, List<Double> v) {
        double[] a = sorted(v);
        ObjectNode n = json.putObject(name);
        n.put("n", a.length);
        n.put("p50", pct(a, 50));
        n.put("p99", pct(a, 99));
        n.put("max", a.length == 0 ? Double.NaN : a[a.length - 1]);
    }

    private static void print(String what, List<Double> v, String unit) {
        double[] a = sorted(v);
        System.out.printf(Locale.ROOT, "  %-52s p50 %8.2f %s  p99 %8.2f %s  max %8.2f %s  (n=%d)%n", what, pct(a, 50), unit,
                pct(a, 99), unit, a.length == 0 ? Double.NaN : a[a.length - 1], unit, a.length);
    }
}
