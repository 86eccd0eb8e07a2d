package io.sunsync.bench.control;

import io.sunsync.flight.actuate.ActuationConfig;
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
import io.sunsync.sim.fake.FakeBoard;
import io.sunsync.sim.fake.FakePowerSystem;
import io.sunsync.sim.fake.FakeThermal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One control tick (sample, fault protection, modes, throttle: budget, thermal limits,
 * allocation, apply) for a fleet of boards on in-memory hardware, so the figure is flight's own
 * cost. Target: well under 1 ms for 96 boards. The budget alternates between eclipse and
 * sunlight levels so the allocator really re-plans every tick.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ControlTickBenchmark {
    @Param({"96"})
    int boards;

    private ControlChain chain;
    private Instant t = Instant.parse("2027-06-21T00:00:00Z");
    private boolean sunlit;

    @Setup
    public void setup() {
        List<AcceleratorBoard> fleet = new ArrayList<>();
        for (int i = 0; i < boards; i++) {
            fleet.add(new FakeBoard(String.format("board-%02d", i), i));
        }
        PowerSystem power = new FakePowerSystem(FakePowerSystem.REFERENCE_SPEC, () -> new PowerReading(t,
                sunlit ? 100_000 : 0, sunlit ? 90_000 : 0, 120, 60_000, sunlit ? 5_000 : -50_000, 15_000, 75, sunlit, 1, 1,
                Quality.GOOD, List.of()));
        HardwareAssembly hw = new HardwareAssembly(new SystemTimeSource(), power, new FakeThermal(), fleet, Map.of());
        // Commands inline on the benchmark's thread: this figure is the algorithm's own cost (the
        // tick with device I/O is ControlTickIoBench's).
        chain = ControlChain.build(hw, ThrottlerConfig.defaults(), ModeConfig.defaults(), FdirConfig.defaults(),
                ActuationConfig.inline(), io.sunsync.flight.protect.ProtectionConfig.defaults(), id -> 1 + (id.hashCode() & 3), (id, why) -> { }, e -> { });
    }

    @Benchmark
    public Object controlTick() {
        t = t.plusSeconds(1);
        sunlit = !sunlit;
        chain.sampler().tick(t);
        chain.fdir().tick(t);
        chain.throttler().tick(t);
        return chain.throttler().lastDecision();
    }

}
