package io.sunsync.sim.accel;

import io.sunsync.hal.CommandResult;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.accel.BoardReading;
import io.sunsync.hal.accel.BoardSpec;
import io.sunsync.hal.accel.SafeStateGroup;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A sim board that takes as long, in wall time, as a real backend's device calls
 * ({@link WallClockLatency}): each command waits {@code commandMs} before it reaches the model
 * (and leaves the shared query fresh, as the backend's read-back does), each reading
 * {@code readMs} (or one shared query per {@code readCacheMs}), one call at a time
 * across the backend when the model is serial. Waits under 50 µs spin (a short driver call is
 * CPU time); longer ones park, so they last at least as long as asked. Where the model sheds boards
 * together ({@link WallClockLatency#groupSafeState()}) the boards offer the tool's
 * {@link SafeStateGroup}: one wait of {@link WallClockLatency#groupCommandMs} under the serial lock,
 * then every board to its safe state in the model.
 *
 * <p>Threading: as {@link AcceleratorBoard}; the boards of one backend share one {@link Tool}.
 */
public final class WallClockLatencyBoard implements AcceleratorBoard {
    private static final long SPIN_BELOW_NANOS = 50_000;
    private final AcceleratorBoard inner;
    private final Tool tool;

    /** What the boards of one backend share: the serial lock and the cached query's age. */
    public static final class Tool {
        private final WallClockLatency model;
        private final ReentrantLock serial = new ReentrantLock(true);
        private final long commandNanos;
        private final long readNanos;
        private final long cacheNanos;
        private long queriedAt;
        private boolean queried;
        private final AtomicLong paidReads = new AtomicLong();
        private final Optional<SafeStateGroup> group;

        /** @param model the cost model */
        public Tool(WallClockLatency model) {
            this.model = Objects.requireNonNull(model, "model");
            this.commandNanos = Math.round(model.commandMs() * 1e6);
            this.readNanos = Math.round(model.readMs() * 1e6);
            this.cacheNanos = Math.round(model.readCacheMs() * 1e6);
            this.group = model.groupSafeState() ? Optional.of(this::shedTogether) : Optional.empty();
        }

        /**
         * One group command for {@code boards} (the serial lock, its wall time), then each to its safe
         * state in the model (a board of another tool is driven alone, by its own command).
         */
        private List<CommandResult> shedTogether(List<? extends AcceleratorBoard> boards) {
            List<AcceleratorBoard> inner = new ArrayList<>(boards.size());
            for (AcceleratorBoard b : boards) {
                inner.add(b instanceof WallClockLatencyBoard w && w.tool == this ? w.inner : null);
            }
            return command(Math.round(model.groupCommandMs(boards.size()) * 1e6), () -> {
                List<CommandResult> out = new ArrayList<>(boards.size());
                for (int i = 0; i < boards.size(); i++) {
                    out.add(inner.get(i) != null ? inner.get(i).applySafeState() : boards.get(i).applySafeState());
                }
                return out;
            });
        }

        /** The cost model. */
        public WallClockLatency model() {
            return model;
        }

        /** Readings (or shared queries) that have paid the read cost so far. */
        public long paidReads() {
            return paidReads.get();
        }

        private void pay(long nanos) {
            if (nanos <= 0) {
                return;
            }
            if (model.serial()) {
                serial.lock();
                try {
                    waitFor(nanos);
                } finally {
                    serial.unlock();
                }
            } else {
                waitFor(nanos);
            }
        }

        private void payRead() {
            if (cacheNanos <= 0) {
                paidReads.incrementAndGet();
                pay(readNanos);
                return;
            }
            // One query serves every board until it is older than the cache age (nvidia-smi's way).
            serial.lock();
            try {
                long now = System.nanoTime();
                if (!queried || now - queriedAt > cacheNanos) {
                    paidReads.incrementAndGet();
                    waitFor(readNanos);
                    queriedAt = System.nanoTime();
                    queried = true;
                }
            } finally {
                serial.unlock();
            }
        }

        /**
         * A command: its wait, then the call; when serial, both under the one lock (one tool
         * process at a time), and the cached query is fresh after it (the backend read it back).
         */
        private CommandResult command(Supplier<CommandResult> call) {
            return command(commandNanos, call);
        }

        private <T> T command(long nanos, Supplier<T> call) {
            if (!model.serial()) {
                waitFor(nanos);
                return call.get();
            }
            serial.lock();
            try {
                waitFor(nanos);
                T r = call.get();
                if (cacheNanos > 0) {
                    queriedAt = System.nanoTime();
                    queried = true;
                }
                return r;
            } finally {
                serial.unlock();
            }
        }
    }

    /**
     * @param inner the sim board
     * @param tool  shared by every board of the backend
     */
    public WallClockLatencyBoard(AcceleratorBoard inner, Tool tool) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.tool = Objects.requireNonNull(tool, "tool");
    }

    /** Every board of {@code boards} behind one {@link Tool} with {@code model}. */
    public static List<AcceleratorBoard> wrap(List<? extends AcceleratorBoard> boards, WallClockLatency model) {
        return wrap(boards, new Tool(model));
    }

    /** Every board of {@code boards} behind {@code tool}. */
    public static List<AcceleratorBoard> wrap(List<? extends AcceleratorBoard> boards, Tool tool) {
        List<AcceleratorBoard> out = new ArrayList<>(boards.size());
        for (AcceleratorBoard b : boards) {
            out.add(new WallClockLatencyBoard(b, tool));
        }
        return out;
    }

    @Override
    public BoardSpec spec() {
        return inner.spec();
    }

    @Override
    public BoardReading read() {
        tool.payRead();
        return inner.read();
    }

    @Override
    public CommandResult setCap(double capW) {
        return tool.command(() -> inner.setCap(capW));
    }

    @Override
    public CommandResult setEnabled(boolean enabled) {
        return tool.command(() -> inner.setEnabled(enabled));
    }

    @Override
    public CommandResult reset() {
        return tool.command(inner::reset);
    }

    @Override
    public Optional<SafeStateGroup> safeStateGroup() {
        return tool.group;
    }

    @Override
    public java.util.Optional<byte[]> runSyntheticKernel(byte[] input, double workUnits) {
        return inner.runSyntheticKernel(input, workUnits); // computation, not a device query: no tool latency
    }

    private static void waitFor(long nanos) {
        if (nanos <= 0) {
            return;
        }
        long deadline = System.nanoTime() + nanos;
        if (nanos < SPIN_BELOW_NANOS) {
            while (System.nanoTime() - deadline < 0) {
                Thread.onSpinWait();
            }
            return;
        }
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }
}
