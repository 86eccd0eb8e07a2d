package io.sunsync.flight.actuate;

import io.sunsync.hal.CommandResult;
import io.sunsync.hal.FaultCode;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.Quality;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.accel.BoardReading;
import io.sunsync.hal.accel.BoardSpec;
import io.sunsync.hal.accel.BoardState;
import io.sunsync.hal.accel.SafeStateGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A board whose commands run a script the test sets (block on a latch, fail, throw), and which
 * records what it received, in order, and how many commands ran on it at once. Thread safe.
 */
final class ScriptedBoard implements AcceleratorBoard {
    private static final Instant T = Instant.parse("2027-06-21T00:00:00Z");
    private final BoardSpec spec;
    final List<String> received = new CopyOnWriteArrayList<>();
    volatile Function<String, CommandResult> script = c -> CommandResult.success();
    private volatile boolean enabled = true;
    private volatile double capW = 1000;
    private int running;
    private int maxRunning;
    /** The group it is shed with, or null (set before the actuator is made). */
    volatile Group group;

    ScriptedBoard(String id, int index) {
        this.spec = new BoardSpec(id, "scripted", index, 400, 1000, 80, 83);
    }

    @Override
    public BoardSpec spec() {
        return spec;
    }

    @Override
    public BoardReading read() {
        return new BoardReading(T, spec.id(), enabled ? BoardState.ENABLED : BoardState.DISABLED, enabled ? capW : 0,
                capW, 50, 100, 0, 0, Set.of(), Quality.GOOD, List.of());
    }

    @Override
    public CommandResult setCap(double w) {
        return command("setCap " + Math.round(w), () -> capW = w);
    }

    @Override
    public CommandResult setEnabled(boolean on) {
        return command("setEnabled " + on, () -> enabled = on);
    }

    @Override
    public CommandResult reset() {
        return command("reset", () -> { });
    }

    @Override
    public Optional<SafeStateGroup> safeStateGroup() {
        return Optional.ofNullable(group);
    }

    boolean enabled() {
        return enabled;
    }

    synchronized int maxConcurrentCommands() {
        return maxRunning;
    }

    private CommandResult command(String what, Runnable effect) {
        return command(what, effect, () -> script.apply(what));
    }

    private CommandResult command(String what, Runnable effect, java.util.function.Supplier<CommandResult> result) {
        synchronized (this) {
            running++;
            maxRunning = Math.max(maxRunning, running);
        }
        try {
            received.add(what);
            CommandResult r = result.get();
            if (r.ok()) {
                effect.run();
            }
            return r;
        } finally {
            synchronized (this) {
                running--;
            }
        }
    }

    /**
     * A group of scripted boards shed in one operation: records each call's boards, runs its script
     * once per call (block, fail), then disables each board as a command would (the board records
     * {@code groupSafeState}), unless {@code failing} names it.
     */
    static final class Group implements SafeStateGroup {
        final List<List<String>> calls = new CopyOnWriteArrayList<>();
        volatile Runnable script = () -> { };
        volatile String failing = "";

        @Override
        public List<CommandResult> applySafeState(List<? extends AcceleratorBoard> boards) {
            calls.add(boards.stream().map(b -> b.spec().id()).toList());
            script.run();
            List<CommandResult> out = new ArrayList<>();
            for (AcceleratorBoard b : boards) {
                ScriptedBoard s = (ScriptedBoard) b;
                out.add(s.command("groupSafeState",
                        () -> s.enabled = false, () -> s.spec.id().equals(failing) ? refused(s.spec.id(), "groupSafeState")
                                : CommandResult.success()));
            }
            return out;
        }
    }

    static CommandResult refused(String boardId, String what) {
        return CommandResult.failure(new HalFault(FaultCode.COMMAND_REJECTED, boardId, what, "refused by the script", T));
    }
}
