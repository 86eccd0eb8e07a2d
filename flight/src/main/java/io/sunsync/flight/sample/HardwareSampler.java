package io.sunsync.flight.sample;

import io.sunsync.flight.sched.Scheduled;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.accel.BoardReading;
import io.sunsync.hal.power.PowerSystem;
import io.sunsync.hal.thermal.ThermalControl;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * First component of the control rate group: reads every device once and publishes the
 * {@link HardwareSnapshot} the rest of the group works from. {@link #latest()} may be read from
 * any thread (housekeeping runs in another rate group).
 */
public final class HardwareSampler implements Scheduled, Supplier<HardwareSnapshot> {
    private final PowerSystem power;
    private final ThermalControl thermal;
    private final List<AcceleratorBoard> boards;
    private volatile HardwareSnapshot latest;

    public HardwareSampler(PowerSystem power, ThermalControl thermal, List<AcceleratorBoard> boards) {
        this.power = power;
        this.thermal = thermal;
        this.boards = List.copyOf(boards);
    }

    @Override
    public String name() {
        return "sampler";
    }

    @Override
    public void tick(Instant now) {
        latest = sample(now);
    }

    /** Reads every device now. */
    public HardwareSnapshot sample(Instant now) {
        List<BoardReading> readings = new ArrayList<>(boards.size());
        for (AcceleratorBoard b : boards) {
            readings.add(b.read());
        }
        return new HardwareSnapshot(now, power.read(), thermal.read(), readings);
    }

    /** The latest snapshot, or null before the first tick. */
    public HardwareSnapshot latest() {
        return latest;
    }

    @Override
    public HardwareSnapshot get() {
        return latest;
    }
}
