package io.sunsync.bench.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.bench.cli.BenchCommand;
import io.sunsync.bench.cli.OutFile;
import io.sunsync.bench.cli.Quick;
import io.sunsync.flight.actuate.ActuationConfig;
import io.sunsync.flight.actuate.BoardActuator;
import io.sunsync.flight.actuate.ShedReport;
import io.sunsync.flight.app.ControlChain;
import io.sunsync.flight.fdir.FdirConfig;
import io.sunsync.flight.mode.ModeConfig;
import io.sunsync.flight.throttle.ThrottlerConfig;
import io.sunsync.hal.Quality;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.config.HardwareAssembly;
import io.sunsync.hal.power.PowerReading;
import io.sunsync.hal.power.PowerSystem;
import io.sunsync.hal.power.PowerSystemSpec;
import io.sunsync.hal.time.SystemTimeSource;
import io.sunsync.sim.SimAcceleratorBoard;
import io.sunsync.sim.SimSatellite;
import io.sunsync.sim.accel.WallClockLatency;
import io.sunsync.sim.accel.WallClockLatencyBoard;
import io.sunsync.sim.fake.FakePowerSystem;
import io.sunsync.sim.scenario.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./sunsync bench control-tick} (after the JMH figure): flight's control tick for 96 sim
 * boards <em>with</em> the wall-clock cost of a real backend's device calls
 * ({@link WallClockLatency}: {@code nvml}-like, {@code nvidia-smi}-like, and {@code none} for the
 * actuator's own overhead), through the real {@link ControlChain} and {@link BoardActuator} with
 * the default actuation settings, on a wall clock. In sunlight, an operator ceiling on every board
 * swings between 60 % and 100 % of its maximum every tick, so the throttler moves every cap every
 * tick (the worst case, as just before an eclipse). For each model it reports the tick's wall time (p50/p99/max; the tick waits at most
 * the tick budget), the time until every command of a tick had landed, each device call's latency,
 * and the time {@link BoardActuator#shedAll} takes to bring all 96 boards to their safe state.
 * Writes {@code bench/out/control-tick-io.json}. Targets: tick p99 &lt; 10 ms and all boards shed
 * in &lt; 100 ms with the NVML-like model. Single-threaded driver.
 */
@Command(name = "control-tick-io", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The control tick with device I/O: 96 sim boards behind a wall-clock latency model per backend.",
            "--quick: at most 200 ticks and 20 sheds per fast model, 2 ticks and 1 shed with nvidia-smi."})
public final class ControlTickIoBench implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double TARGET_TICK_P99_MS = 10;
    private static final double TARGET_SHED_MS = 100;

    @Option(names = "--boards", defaultValue = "96", description = "Boards (default: ${DEFAULT-VALUE}).")
    int boards;

    @Option(names = "--ticks", defaultValue = "400", description = "Measured ticks per fast model (default: ${DEFAULT-VALUE}).")
    int ticks;

    @Option(names = "--smi-ticks", defaultValue = "6",
            description = "Measured ticks with the nvidia-smi model, each ~6 s until its commands land (default: ${DEFAULT-VALUE}).")
    int smiTicks;

    @Option(names = "--sheds", defaultValue = "40", description = "Sheds per fast model (default: ${DEFAULT-VALUE}).")
    int sheds;

    @Option(names = "--smi-sheds", defaultValue = "2", description = "Sheds with the nvidia-smi model (default: ${DEFAULT-VALUE}).")
    int smiSheds;

    @Mixin
    Quick quick;

    @Mixin
    OutFile outFile;

    public static void main(String[] args) {
        BenchCommand.exit(new ControlTickIoBench(), args);
    }

    @Override
    public Integer call() throws Exception {
        ticks = quick.atMost(ticks, 200);
        smiTicks = quick.atMost(smiTicks, 2);
        sheds = quick.atMost(sheds, 20);
        smiSheds = quick.atMost(smiSheds, 1);
        ActuationConfig actuation = ActuationConfig.defaults();
        ObjectNode doc = JSON.createObjectNode();
        doc.put("t", Instant.now().toString());
        doc.put("boards", boards);
        doc.put("threads", actuation.threads());
        doc.put("tickBudgetS", actuation.tickBudgetS());
        ObjectNode targets = doc.putObject("targets");
        targets.put("model", "nvml");
        targets.put("tickP99Ms", TARGET_TICK_P99_MS);
        targets.put("shedAllMs", TARGET_SHED_MS);
        ArrayNode models = doc.putArray("models");
        for (String model : List.of("none", "nvml", "nvidia-smi")) {
            boolean slow = model.equals("nvidia-smi");
            models.add(run(WallClockLatency.preset(model), actuation, slow ? smiTicks : ticks, slow ? 0 : Math.max(200, ticks / 2),
                    slow ? smiSheds : sheds));
        }
        System.out.println("control-tick-io: " + outFile.write(doc));
        return 0;
    }

    private ObjectNode run(WallClockLatency model, ActuationConfig actuation, int measured, int warmup, int shedCount) {
        SimSatellite sat = new SimSatellite(Scenario.reference().with(null, null, boards, null));
        List<SimAcceleratorBoard> simBoards = sat.boards();
        List<AcceleratorBoard> fleet = WallClockLatencyBoard.wrap(simBoards, model);
        SunlitPower power = new SunlitPower();
        HardwareAssembly hw = new HardwareAssembly(new SystemTimeSource(), power, sat.thermal(), fleet,
                Map.of("accelerators", model.model()));
        ControlChain chain = ControlChain.build(hw, ThrottlerConfig.defaults(), ModeConfig.defaults(), FdirConfig.defaults(),
                actuation, io.sunsync.flight.protect.ProtectionConfig.defaults(), id -> 1 + (id.hashCode() & 3), (id, why) -> { }, e -> { });
        BoardActuator actuator = chain.actuator();
        Histogram tickUs = new Histogram(3_600_000_000L, 3);
        Histogram landedUs = new Histogram(3_600_000_000L, 3);
        long commandsBefore = 0;
        long measuredCommands = 0;
        Instant t = Instant.parse("2027-06-21T00:00:00Z");
        System.err.printf(Locale.ROOT, "control-tick-io: %s, %d boards, %d warm-up + %d ticks, %d sheds%n", model, boards,
                warmup, measured, shedCount);
        for (int i = 0; i < warmup + measured; i++) {
            t = t.plusSeconds(1);
            power.t = t;
            for (AcceleratorBoard b : fleet) {
                chain.throttler().setCeiling(b.spec().id(), i % 2 == 0 ? 0.6 * b.spec().maxCapW() : b.spec().maxCapW());
            }
            if (i == warmup) {
                commandsBefore = actuator.stats().commands();
            }
            long start = System.nanoTime();
            chain.actuator().tick(t);
            chain.sampler().tick(t);
            chain.fdir().tick(t);
            chain.throttler().tick(t);
            long tickEnd = System.nanoTime();

            awaitIdle(actuator);
            long landed = System.nanoTime();
            if (i >= warmup) {
                tickUs.recordValue(Math.max(1, (tickEnd - start) / 1000));
                landedUs.recordValue(Math.max(1, (landed - start) / 1000));
            }
        }
        measuredCommands = actuator.stats().commands() - commandsBefore;
        BoardActuator.Stats commandStats = actuator.stats();
        Histogram shedUs = new Histogram(3_600_000_000L, 3);
        int incomplete = 0;
        for (int i = 0; i < shedCount; i++) {
            for (SimAcceleratorBoard b : simBoards) { // every board on again, straight to the model
                b.setEnabled(true);
            }
            ShedReport r = actuator.shedAll("bench", Duration.ofSeconds(120));
            if (!r.complete()) {
                incomplete++;
            }
            shedUs.recordValue(Math.max(1, Math.round(r.elapsedMs() * 1000)));
        }
        long stillOn = simBoards.stream().filter(b -> b.read().state() == io.sunsync.hal.accel.BoardState.ENABLED).count();
        actuator.close();
        ObjectNode m = JSON.createObjectNode();
        m.put("model", model.model());
        m.put("description", model.toString());
        m.put("ticks", measured);
        m.put("warmupTicks", warmup);
        m.put("tickP50Ms", ms(tickUs, 50));
        m.put("tickP99Ms", ms(tickUs, 99));
        m.put("tickMaxMs", tickUs.getMaxValue() / 1000.0);
        m.put("landedP50Ms", ms(landedUs, 50));
        m.put("landedP99Ms", ms(landedUs, 99));
        m.put("landedMaxMs", landedUs.getMaxValue() / 1000.0);
        m.put("commandsPerTick", measured == 0 ? 0 : (double) measuredCommands / measured);
        m.put("commandP50Ms", commandStats.p50Ms());
        m.put("commandP99Ms", commandStats.p99Ms());
        m.put("sheds", shedCount);
        m.put("shedP50Ms", ms(shedUs, 50));
        m.put("shedMaxMs", shedUs.getMaxValue() / 1000.0);
        m.put("shedsIncomplete", incomplete);
        m.put("boardsLeftOnAfterShed", stillOn);
        System.err.printf(Locale.ROOT, "  tick p50 %.3f p99 %.3f max %.3f ms; landed p50 %.1f p99 %.1f ms; %.0f commands/tick "
                        + "(p50 %.3f p99 %.3f ms each); shed all %d: p50 %.2f max %.2f ms%n",
                m.path("tickP50Ms").asDouble(), m.path("tickP99Ms").asDouble(), m.path("tickMaxMs").asDouble(),
                m.path("landedP50Ms").asDouble(), m.path("landedP99Ms").asDouble(), m.path("commandsPerTick").asDouble(),
                commandStats.p50Ms(), commandStats.p99Ms(), boards, m.path("shedP50Ms").asDouble(),
                m.path("shedMaxMs").asDouble());
        return m;
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    /** Waits (polling every 50 µs) until every command the tick sent has landed. */
    private static void awaitIdle(BoardActuator actuator) {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!actuator.idle()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("commands still running after 5 minutes");
            }
            LockSupport.parkNanos(50_000);
        }
    }

    /** The reference satellite's power system in full sunlight, the battery three-quarters full. */
    private static final class SunlitPower implements PowerSystem {
        volatile Instant t = Instant.EPOCH;

        @Override
        public PowerSystemSpec spec() {
            return FakePowerSystem.REFERENCE_SPEC;
        }

        @Override
        public PowerReading read() {
            return new PowerReading(t, 100_000, 90_000, 120, 60_000, 5_000, 15_000, 75, true, 1, 1, Quality.GOOD,
                    List.of());
        }
    }
}
