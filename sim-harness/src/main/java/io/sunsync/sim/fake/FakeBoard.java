package io.sunsync.sim.fake;

import io.sunsync.hal.CommandResult;
import io.sunsync.hal.Quality;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.accel.BoardReading;
import io.sunsync.hal.accel.BoardSpec;
import io.sunsync.hal.accel.BoardState;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A board held in memory whose state the caller sets directly (public fields), counting the
 * commands it receives: for flight's unit tests and for benchmarks that time flight's own work
 * without a physics model or device I/O. Not thread safe: one test or benchmark thread owns it.
 */
public final class FakeBoard implements AcceleratorBoard {
    public final BoardSpec spec;
    public BoardState state = BoardState.ENABLED;
    public double capW;
    public double tempC = 50;
    public long ecc;
    public int resets;
    public int setCaps;
    /** What the board draws while disabled, in W (a GPU the driver cannot power off draws its idle). */
    public double offDrawW;
    /** When true, a reset does not clear a hang. */
    public boolean stuckHung;
    public Instant now = Instant.parse("2027-06-21T00:00:00Z");

    public FakeBoard(String id, int index) {
        this.spec = new BoardSpec(id, "fake", index, 400, 1000, 80, 83);
        this.capW = 1000;
    }

    @Override
    public BoardSpec spec() {
        return spec;
    }

    @Override
    public BoardReading read() {
        double p = state == BoardState.ENABLED ? capW : state == BoardState.DISABLED ? offDrawW : 0;
        return new BoardReading(now, spec.id(), state, p, capW, tempC, state == BoardState.ENABLED ? 100 : 0, 0, ecc,
                Set.of(), Quality.GOOD, List.of());
    }

    @Override
    public CommandResult setCap(double w) {
        setCaps++;
        capW = w;
        return CommandResult.success();
    }

    @Override
    public CommandResult setEnabled(boolean enabled) {
        if (state == BoardState.ENABLED || state == BoardState.DISABLED) {
            state = enabled ? BoardState.ENABLED : BoardState.DISABLED;
        } else if (!enabled) {
            state = BoardState.DISABLED;
        }
        return CommandResult.success();
    }

    @Override
    public CommandResult reset() {
        resets++;
        if (!stuckHung) {
            state = BoardState.ENABLED;
        }
        return CommandResult.success();
    }
}
