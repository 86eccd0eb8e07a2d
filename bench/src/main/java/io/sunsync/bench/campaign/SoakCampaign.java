package io.sunsync.bench.campaign;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sunsync.bench.cli.BenchCommand;
import io.sunsync.bench.cli.Quick;
import io.sunsync.bench.closedloop.FlightController;
import io.sunsync.bench.closedloop.GroundEphemeris;
import io.sunsync.flight.events.Event;
import io.sunsync.flight.throttle.ThrottlerConfig;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.accel.BoardState;
import io.sunsync.hal.config.ConfigReader;
import io.sunsync.hal.power.PowerSystem;
import io.sunsync.hal.thermal.ThermalControl;
import io.sunsync.sim.SimSatellite;
import io.sunsync.sim.control.ForwardingController;
import io.sunsync.sim.control.ScenarioRunner;
import io.sunsync.sim.control.SimController;
import io.sunsync.sim.fault.FaultKind;
import io.sunsync.sim.scenario.Scenario;
import io.sunsync.sim.truth.Truth;
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
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The fault soak ({@code ./sunsync soak [--quick] [--seeds N]}): randomized fault scenarios from
 * the sim harness, every fault type alone and combined, run against flight's real control chain
 * (sampler, fault protection, modes, throttler). For each seed: no limit violated, no exception
 * escaping a component, every observable fault detected and reported by an event, safe mode only
 * with a cause that warrants it. Writes {@code bench/out/soak.json} and {@code soak.md}.
 */
@Command(name = "soak", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Randomized fault scenarios against flight's control chain; every seed must pass.",
            "--quick: 20 seeds of 1.5 h instead of 1,000 of 2 h."})
public final class SoakCampaign implements Callable<Integer> {
    @Mixin
    Quick quick;

    @Option(names = "--seeds", paramLabel = "N", description = "Seeds 1..N (default: 1,000; with --quick 20).")
    Integer seeds;

    /** A scripted fault and the event that shows flight saw it (null: no event is required). */
    record Injected(FaultKind kind, String target, double atS, Double durationS, Integer count, Double value) {
        String yaml() {
            StringBuilder sb = new StringBuilder("  - {atS: ").append(atS).append(", kind: ").append(kind);
            if (target != null) {
                sb.append(", target: ").append(target);
            }
            if (durationS != null) {
                sb.append(", durationS: ").append(durationS);
            }
            if (count != null) {
                sb.append(", count: ").append(count);
            }
            if (value != null) {
                sb.append(", value: ").append(value);
            }
            return sb.append("}\n").toString();
        }
    }

    /** One seed's outcome. */
    public record SeedResult(long seed, String start, List<String> faults, int violations, Map<String, Integer> violationsByKind,
                             int exceptions, List<String> undetected, int safeEntries, List<String> unwarrantedSafe,
                             String finalMode, double workUnits) {
        boolean passed() {
            return violations == 0 && exceptions == 0 && undetected.isEmpty() && unwarrantedSafe.isEmpty();
        }
    }

    private static final List<String> POWER_SENSORS = List.of("power.arrayPowerW", "power.busVoltageV",
            "power.loadPowerW", "power.batteryPowerW", "power.batteryEnergyWh", "power.batterySocPct");

    /** Draws the faults of one seed: one to four, of any kind, at random times and targets. */
    static List<Injected> draw(long seed, double durationS, int boards) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Injected> out = new ArrayList<>();
        int n = 1 + r.nextInt(4);
        FaultKind[] kinds = {FaultKind.BOARD_HANG, FaultKind.BOARD_ECC_ERROR, FaultKind.BOARD_FAILURE,
                FaultKind.PUMP_FAILURE, FaultKind.STRING_LOSS, FaultKind.BATTERY_CELL_LOSS, FaultKind.SENSOR_NAN,
                FaultKind.SENSOR_STUCK, FaultKind.SENSOR_NOISE, FaultKind.SENSOR_OUT_OF_RANGE,
                FaultKind.SOLAR_PARTICLE_EVENT};
        for (int i = 0; i < n; i++) {
            FaultKind k = kinds[r.nextInt(kinds.length)];
            double at = Math.floor(60 + r.nextDouble() * (durationS * 0.7));
            String board = Scenario.boardId(r.nextInt(boards));
            switch (k) {
                case BOARD_HANG, BOARD_ECC_ERROR, BOARD_FAILURE -> out.add(new Injected(k, board, at, null, null, null));
                case PUMP_FAILURE -> out.add(new Injected(k, Scenario.loopName(r.nextInt(2)), at, null, null, null));
                case STRING_LOSS -> out.add(new Injected(k, null, at, null, 1 + r.nextInt(3), null));
                case BATTERY_CELL_LOSS -> out.add(new Injected(k, null, at, null, 1, null));
                case SENSOR_NAN, SENSOR_STUCK -> out.add(new Injected(k, sensor(r, boards), at,
                        300.0 + r.nextInt(900), null, null));
                case SENSOR_NOISE -> out.add(new Injected(k, "power.arrayAvailableW", at, 600.0, null, 2000.0));
                case SENSOR_OUT_OF_RANGE -> out.add(new Injected(k, board + ".tempC", at, 300.0 + r.nextInt(600), null,
                        -300.0));
                case SOLAR_PARTICLE_EVENT -> out.add(new Injected(k, null, at, 1800.0, null, 20.0));
                default -> throw new IllegalStateException(k.name());
            }
        }
        return out;
    }

    private static String sensor(SplittableRandom r, int boards) {
        return switch (r.nextInt(3)) {
            case 0 -> POWER_SENSORS.get(r.nextInt(POWER_SENSORS.size()));
            case 1 -> "thermal." + Scenario.coldPlateZone(r.nextInt(2));
            default -> Scenario.boardId(r.nextInt(boards)) + ".tempC";
        };
    }

    /** The scenario of one seed: a random day around the eclipse season, two hours, its faults. */
    static Scenario scenario(long seed, double durationS, List<Injected> faults) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        Instant start = Instant.parse("2027-05-20T00:00:00Z").plus(Duration.ofHours(r.nextInt(70 * 24)));
        StringBuilder yaml = new StringBuilder();
        yaml.append("name: soak-").append(seed).append('\n');
        yaml.append("start: ").append(start).append('\n');
        yaml.append("durationS: ").append(durationS).append('\n');
        yaml.append("seed: ").append(seed).append('\n');
        yaml.append("randomFaults: {sensorFaultsPerDay: 4, sensorFaultDurationS: 600}\n");
        yaml.append("faults:\n");
        for (Injected f : faults) {
            yaml.append(f.yaml());
        }
        return ConfigReader.parse(yaml.toString(), false, Scenario.class, "soak-" + seed);
    }

    /** Runs one seed. */
    public static SeedResult run(long seed, double durationS) {
        List<Injected> faults = draw(seed, durationS, 96);
        Scenario s = scenario(seed, durationS, faults);
        FlightController flight = new FlightController(ThrottlerConfig.defaults(),
                GroundEphemeris.predict(s, s.start(), s.end().plusSeconds(7200)));
        // What each targeted board was doing when its fault struck: an upset hangs only a working
        // board, so a hang "injected" into a board that was off is no fault to detect.
        Map<Long, Map<String, BoardState>> stateAt = new TreeMap<>();
        SimController observed = new ForwardingController(flight) {
            @Override
            public void control(Instant now, PowerSystem power, ThermalControl thermal,
                                List<? extends AcceleratorBoard> boards) {
                super.control(now, power, thermal, boards);
                long el = Duration.between(s.start(), now).getSeconds();
                for (Injected f : faults) {
                    if ((long) f.atS() == el && f.target() != null && f.target().startsWith("board-")
                            && !f.target().contains(".")) {
                        stateAt.computeIfAbsent(el, k -> new TreeMap<>()).put(f.target(),
                                boards.get(Scenario.boardIndex(f.target(), boards.size())).read().state());
                    }
                }
            }
        };
        Truth t = ScenarioRunner.run(s, observed, new SimSatellite.Recording(0, 0, null)).truth();
        List<Event> events = flight.events();
        List<String> undetected = new ArrayList<>();
        for (Injected f : faults) {
            if (f.atS() > durationS - 120) {
                continue; // no time left to see it
            }
            String code = expectedEvent(f);
            BoardState was = f.target() == null ? null
                    : stateAt.getOrDefault((long) f.atS(), new TreeMap<>()).get(f.target());
            if ((f.kind() == FaultKind.BOARD_HANG && was != BoardState.ENABLED)
                    || (f.kind() == FaultKind.BOARD_ECC_ERROR && (was == BoardState.DISABLED || was == BoardState.FAILED))) {
                code = null; // the board was off: the upset did nothing
            }
            String expected = code;
            if (expected != null && events.stream().noneMatch(e -> matches(e, f, expected))) {
                undetected.add(f.kind() + (f.target() == null ? "" : " " + f.target()) + " (expected " + expected + ")");
            }
        }
        List<String> unwarranted = new ArrayList<>();
        int safe = 0;
        for (Event e : events) {
            if (!e.code().equals("MODE_SAFE")) {
                continue;
            }
            safe++;
            String why = String.valueOf(e.data().get("reason"));
            boolean warranted = (why.contains("isolated") && faults.stream().filter(f -> f.kind() == FaultKind.BOARD_FAILURE
                    || f.kind() == FaultKind.BOARD_HANG || f.kind() == FaultKind.SOLAR_PARTICLE_EVENT
                    || f.kind() == FaultKind.BOARD_ECC_ERROR).count() > 0)
                    || (why.contains("thermal") && faults.stream().anyMatch(f -> f.kind() == FaultKind.PUMP_FAILURE))
                    || (why.contains("battery") && faults.stream().anyMatch(f -> f.kind() == FaultKind.BATTERY_CELL_LOSS
                    || f.kind() == FaultKind.STRING_LOSS || f.target() != null && f.target().startsWith("power.")));
            if (!warranted) {
                unwarranted.add(e.t() + " " + why);
            }
        }
        Map<String, Integer> byKind = new TreeMap<>();
        t.violationCounts().forEach((k, v) -> {
            if (v > 0) {
                byKind.put(k.name(), v);
            }
        });
        int violations = byKind.values().stream().mapToInt(Integer::intValue).sum();
        String finalMode = flight.chain() == null ? "?" : flight.chain().modes().mode().name();
        return new SeedResult(seed, s.start().toString(), faults.stream().map(f -> f.kind() + (f.target() == null ? ""
                : ":" + f.target()) + "@" + (long) f.atS()).toList(), violations, byKind, flight.failures().size(),
                undetected, safe, unwarranted, finalMode, t.workUnits());
    }

    /** The event code that shows flight saw {@code f}, or null where no single reading can show it. */
    static String expectedEvent(Injected f) {
        return switch (f.kind()) {
            case BOARD_HANG -> "BOARD_RESET";
            case BOARD_ECC_ERROR -> "BOARD_ERROR";
            case BOARD_FAILURE -> "BOARD_ISOLATED";
            case PUMP_FAILURE -> "PUMP_FAILED";
            case STRING_LOSS -> "ARRAY_STRINGS_LOST";
            case BATTERY_CELL_LOSS -> "BATTERY_CAPACITY_LOST";
            case SENSOR_NAN, SENSOR_STUCK, SENSOR_OUT_OF_RANGE -> "SENSOR_FAULT";
            // Noise is not a fault any one reading shows; a particle event shows only through upsets.
            case SENSOR_NOISE, SOLAR_PARTICLE_EVENT, LINK_OUTAGE -> null;
        };
    }

    static boolean matches(Event e, Injected f, String code) {
        if (!e.code().equals(code) && !(code.equals("SENSOR_FAULT") && e.code().equals("SENSOR_STUCK"))) {
            return false;
        }
        Object board = e.data().get("board");
        Object loop = e.data().get("loop");
        Object sensor = e.data().get("sensor");
        return switch (f.kind()) {
            case BOARD_HANG, BOARD_ECC_ERROR, BOARD_FAILURE -> f.target().equals(board)
                    || e.code().equals("BOARD_ISOLATED") && f.target().equals(board);
            case PUMP_FAILURE -> f.target().equals(loop);
            case SENSOR_NAN, SENSOR_STUCK, SENSOR_OUT_OF_RANGE -> sensor != null && sensorMatches(f.target(), sensor.toString());
            default -> true;
        };
    }

    /**
     * Sim sensor keys ({@code power.x}, {@code thermal.zone}, {@code board-07.tempC}) against the
     * {@code device.quantity:CODE} keys of flight's events (a thermal reading reports its zones'
     * faults under the device {@code thermal}).
     */
    static boolean sensorMatches(String target, String sensorKey) {
        if (target.startsWith("thermal.")) {
            String zone = target.substring(target.lastIndexOf('.') + 1);
            return sensorKey.contains("." + zone + ":") || sensorKey.startsWith(zone + ".");
        }
        return sensorKey.startsWith(target + ":");
    }

    public static void main(String[] args) {
        BenchCommand.exit(new SoakCampaign(), args);
    }

    @Override
    public Integer call() throws Exception {
        int seeds = quick.pick(this.seeds, 1000, 20);
        double durationS = quick.on() ? 5400 : 7200;
        long t0 = System.nanoTime();
        List<SeedResult> results = new ArrayList<>();
        Map<FaultKind, Integer> injected = new EnumMap<>(FaultKind.class);
        int failed = 0;
        for (long seed = 1; seed <= seeds; seed++) {
            SeedResult r = run(seed, durationS);
            results.add(r);
            for (Injected f : draw(seed, durationS, 96)) {
                injected.merge(f.kind(), 1, Integer::sum);
            }
            if (!r.passed()) {
                failed++;
                System.out.printf(Locale.ROOT, "seed %d FAILED: violations %s, exceptions %d, undetected %s, unwarranted safe %s%n",
                        seed, r.violationsByKind(), r.exceptions(), r.undetected(), r.unwarrantedSafe());
            } else if (seed % 50 == 0) {
                System.out.printf(Locale.ROOT, "%d seeds, %d failed%n", seed, failed);
            }
        }
        double wallS = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("campaign", "fault soak");
        summary.put("seeds", seeds);
        summary.put("simulatedHoursPerSeed", durationS / 3600);
        summary.put("faultsInjected", injected.values().stream().mapToInt(Integer::intValue).sum());
        summary.put("faultsByKind", injected);
        summary.put("seedsFailed", failed);
        summary.put("violations", results.stream().mapToInt(SeedResult::violations).sum());
        summary.put("exceptions", results.stream().mapToInt(SeedResult::exceptions).sum());
        summary.put("undetected", results.stream().mapToInt(r -> r.undetected().size()).sum());
        summary.put("safeEntries", results.stream().mapToInt(SeedResult::safeEntries).sum());
        summary.put("unwarrantedSafe", results.stream().mapToInt(r -> r.unwarrantedSafe().size()).sum());
        summary.put("wallS", wallS);
        summary.put("failures", results.stream().filter(r -> !r.passed()).toList());
        Path out = Path.of("bench/out");
        Files.createDirectories(out);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("soak.json").toFile(), summary);
        StringBuilder md = new StringBuilder("| figure | value |\n|---|---:|\n");
        summary.forEach((k, v) -> {
            if (!k.equals("failures")) {
                md.append("| ").append(k).append(" | ").append(v).append(" |\n");
            }
        });
        Files.writeString(out.resolve("soak.md"), md.toString());
        System.out.print(md);
        return failed == 0 ? 0 : 1;
    }
}
