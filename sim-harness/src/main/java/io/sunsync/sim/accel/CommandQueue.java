package io.sunsync.sim.accel;

import io.sunsync.sim.scenario.Actuation;
import java.util.ArrayList;
import java.util.List;

/**
 * The command path of a board backend in simulated time ({@link Actuation}): each command
 * keeps its lane busy {@code commandMs} and is in force {@code effectMs} after it starts. A serial
 * backend (one {@code nvidia-smi} tool) has one lane for every board, so a command to N boards takes
 * effect board by board; a concurrent one (NVML) has a lane per board. A command waits until its lane
 * is free.
 *
 * <p>What waits mirrors flight's actuator (one lane per board, the newest decision wins): a new
 * command replaces a waiting one of the same kind to the same board, in its place; a switch-off
 * takes the place of the board's waiting cap and drops its waiting switch-on (a shed goes ahead of
 * what waits). Commands already started cannot be taken back. A group switch-off
 * ({@link #submitGroupOff}, a serial backend that sheds many boards in one command) goes ahead of
 * every command waiting, drops its boards' waiting caps and switch-ons, and keeps the tool
 * {@link Actuation#groupCommandMs} for all of them, each in force {@link Actuation#groupEffectMs}
 * after it starts; commands given later wait behind it and never replace it.
 *
 * <p>Owned by one {@code SimSatellite}; confined to its thread (its lock).
 */
public final class CommandQueue {
    /** What a command does. */
    public enum Kind {
        /** Sets the cap to the command's value, in W. */
        CAP,
        /** Switches the board on (value 1) or off (value 0). */
        ENABLE,
        /** Resets the board. */
        RESET
    }

    /**
     * A command given and not yet in force.
     *
     * @param board    board index
     * @param kind     what it does
     * @param value    the cap in W, or 1/0 for on/off
     * @param givenS   when it was given, in s since the scenario's start
     * @param startS   when its lane starts it, in s
     * @param effectS  when it is in force, in s
     * @param busyS    how long it keeps its lane from its start, in s (0 for all but the last board of a group)
     * @param afterS   how long after its start it is in force, in s
     * @param group    part of a group switch-off (never replaced)
     */
    public record Pending(int board, Kind kind, double value, double givenS, double startS, double effectS,
                          double busyS, double afterS, boolean group) {
        /** Started by its lane at {@code startS}. */
        Pending startingAt(double startS) {
            return new Pending(board, kind, value, givenS, startS, startS + afterS, busyS, afterS, group);
        }
    }

    private final double commandS;
    private final double effectS;
    private final boolean serial;
    private final Actuation actuation;
    private final Lane[] lanes;
    private int size;
    private long given;
    private long replaced;
    private double maxDelayS;

    /** One lane: its commands in the order it runs them, and the end of the last one it started. */
    private static final class Lane {
        final List<Pending> items = new ArrayList<>(4);
        double busyUntilS = Double.NEGATIVE_INFINITY;
    }

    /**
     * @param actuation the backend's timing
     * @param boards    number of boards
     */
    public CommandQueue(Actuation actuation, int boards) {
        this.commandS = actuation.commandMs() / 1000.0;
        this.effectS = actuation.effectMs() / 1000.0;
        this.serial = actuation.serial();
        this.actuation = actuation;
        this.lanes = new Lane[serial ? 1 : Math.max(1, boards)];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new Lane();
        }
    }

    /** True when a command is in force the moment it is given (no latency): nothing ever waits here. */
    public boolean immediate() {
        return commandS == 0;
    }

    /**
     * Gives a command at {@code nowS} (s since the start) and returns when it will be in force, in s.
     */
    public double submit(int board, Kind kind, double value, double nowS) {
        given++;
        Lane lane = lanes[serial ? 0 : board];
        List<Pending> items = lane.items;
        boolean off = kind == Kind.ENABLE && value == 0;
        int at = -1;
        for (int k = 0; k < items.size(); k++) {
            Pending p = items.get(k);
            if (p.board() != board || p.startS() <= nowS || p.group()) {
                continue; // another board's, started (it cannot be taken back), or a group's switch-off
            }
            if (p.kind() == kind || off && p.kind() == Kind.CAP) {
                if (at < 0) {
                    at = k;
                    items.set(k, new Pending(board, kind, value, nowS, p.startS(), p.effectS(), commandS, effectS, false));
                    replaced++;
                } else if (off) {
                    items.remove(k--);
                    size--;
                    replaced++;
                }
            } else if (off && p.kind() == Kind.ENABLE) {
                items.remove(k--);
                size--;
                replaced++;
            }
        }
        if (at < 0) {
            items.add(new Pending(board, kind, value, nowS, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, commandS,
                    effectS, false));
            size++;
            at = items.size() - 1;
        }
        schedule(lane, nowS);
        Pending p = items.get(at);
        maxDelayS = Math.max(maxDelayS, p.effectS() - p.givenS());
        return p.effectS();
    }

    /**
     * Gives one command that switches {@code boards} off together at {@code nowS} (a serial backend's
     * group shed) and returns when it will be in force, in s. It goes ahead of every command waiting
     * (after the one the tool has started) and drops the boards' waiting caps and switch-ons.
     *
     * @throws IllegalStateException when the backend is not serial (the group is one tool's command)
     */
    public double submitGroupOff(int[] boards, double nowS) {
        if (!serial) {
            throw new IllegalStateException("a group command needs a serial backend");
        }
        Lane lane = lanes[0];
        List<Pending> items = lane.items;
        java.util.Set<Integer> members = new java.util.HashSet<>();
        for (int b : boards) {
            members.add(b);
        }
        int first = items.size();
        for (int k = 0; k < items.size(); k++) {
            Pending p = items.get(k);
            if (p.startS() <= nowS) {
                continue;
            }
            if (members.contains(p.board()) && !p.group() && (p.kind() == Kind.CAP || p.kind() == Kind.ENABLE)) {
                items.remove(k--);
                size--;
                replaced++;
            } else {
                first = Math.min(first, k);
            }
        }
        first = Math.min(first, items.size());
        double busyS = actuation.groupCommandMs(boards.length) / 1000.0;
        double afterS = actuation.groupEffectMs(boards.length) / 1000.0;
        for (int i = 0; i < boards.length; i++) {
            items.add(first + i, new Pending(boards[i], Kind.ENABLE, 0, nowS, Double.POSITIVE_INFINITY,
                    Double.POSITIVE_INFINITY, i == boards.length - 1 ? busyS : 0, afterS, true));
        }
        given += boards.length;
        size += boards.length;
        schedule(lane, nowS);
        double effect = boards.length == 0 ? nowS : items.get(first).effectS();
        maxDelayS = Math.max(maxDelayS, effect - nowS);
        return effect;
    }

    /** Times every command of {@code lane} that has not started: each after the one before, none before it was given. */
    private void schedule(Lane lane, double nowS) {
        double t = lane.busyUntilS;
        List<Pending> items = lane.items;
        for (int k = 0; k < items.size(); k++) {
            Pending p = items.get(k);
            if (p.startS() <= nowS) {
                t = Math.max(t, p.startS() + p.busyS());
                continue;
            }
            double start = Math.max(Math.max(t, p.givenS()), nowS);
            items.set(k, p.startingAt(start));
            t = start + p.busyS();
        }
    }

    /** Commands given and not yet in force. */
    public int size() {
        return size;
    }

    /** When the next command comes into force, in s (+∞ when none waits). */
    public double nextEffectS() {
        if (size == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double next = Double.POSITIVE_INFINITY;
        for (Lane lane : lanes) {
            if (!lane.items.isEmpty()) {
                next = Math.min(next, lane.items.get(0).effectS());
            }
        }
        return next;
    }

    /**
     * Removes and returns the commands in force before {@code untilS}, earliest first (each lane's
     * come into force in its order).
     */
    public List<Pending> pollDue(double untilS, List<Pending> out) {
        out.clear();
        if (size == 0) {
            return out;
        }
        for (Lane lane : lanes) {
            List<Pending> items = lane.items;
            while (!items.isEmpty() && items.get(0).effectS() < untilS) {
                Pending p = items.remove(0);
                lane.busyUntilS = Math.max(lane.busyUntilS, p.startS() + p.busyS());
                out.add(p);
                size--;
            }
        }
        if (out.size() > 1) {
            out.sort((a, b) -> Double.compare(a.effectS(), b.effectS()));
        }
        return out;
    }

    /** When the last command given to {@code board} comes into force, in s (−∞ when none waits). */
    public double pendingUntilS(int board) {
        double until = Double.NEGATIVE_INFINITY;
        for (Pending p : lanes[serial ? 0 : board].items) {
            if (p.board() == board) {
                until = Math.max(until, p.effectS());
            }
        }
        return until;
    }

    /** Commands given so far. */
    public long given() {
        return given;
    }

    /** Waiting commands replaced by a newer one (or dropped by a switch-off) so far. */
    public long replaced() {
        return replaced;
    }

    /** The longest a command has waited from being given to being in force, in s. */
    public double maxDelayS() {
        return maxDelayS;
    }
}
