package io.sunsync.flight.jobs;

import io.sunsync.hal.Quality;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.accel.BoardReading;
import io.sunsync.hal.accel.BoardState;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job runner's view of the accelerator boards: their last readings (taken once per tick),
 * which ones the throttler switched off, and whether a job may start on or stay on a board
 * (enabled, not failed, not quarantined by the result checks).
 *
 * <p>Threading: not thread-safe; owned by the job runner and used under its lock.
 */
final class BoardView {
    private static final Logger LOG = LoggerFactory.getLogger(BoardView.class);

    private final List<AcceleratorBoard> boards;
    private final Map<String, AcceleratorBoard> byId = new LinkedHashMap<>();
    private final ResultChecks checks;
    private final Map<String, BoardReading> readings = new HashMap<>();
    private final Set<String> shed = new HashSet<>();
    private Instant lastTick;

    BoardView(List<AcceleratorBoard> boards, ResultChecks checks) {
        this.boards = List.copyOf(boards);
        for (AcceleratorBoard b : this.boards) {
            byId.put(b.spec().id(), b);
        }
        this.checks = checks;
    }

    List<AcceleratorBoard> all() {
        return boards;
    }

    int count() {
        return boards.size();
    }

    /** The board {@code id}, or null. */
    AcceleratorBoard board(String id) {
        return byId.get(id);
    }

    /** Mission time of the last tick (or of the start), null before. */
    Instant lastTick() {
        return lastTick;
    }

    void setLastTick(Instant t) {
        lastTick = t;
    }

    /** Reads every board; a board that cannot be read keeps its last reading. */
    void readAll() {
        for (AcceleratorBoard b : boards) {
            try {
                readings.put(b.spec().id(), b.read());
            } catch (RuntimeException e) {
                LOG.warn("board {} could not be read; keeping its last reading", b.spec().id(), e);
            }
        }
    }

    /** The last reading of {@code id}, or null. */
    BoardReading reading(String id) {
        return readings.get(id);
    }

    /** The last reading of {@code b}, reading it now when there is none yet. */
    BoardReading readingOrRead(AcceleratorBoard b) {
        return readings.computeIfAbsent(b.spec().id(), k -> b.read());
    }

    /** A job may start on this board: enabled, not failed, not quarantined. */
    boolean usable(String boardId) {
        BoardReading r = readings.get(boardId);
        return r != null && r.state() == BoardState.ENABLED && r.quality() != Quality.FAILED
                && checks.boardUsable(boardId, lastTick);
    }

    /** Whether {@code rec} may run on {@code boardId} (a check run never runs where what it checks was computed). */
    static boolean mayRun(JobRecord rec, String boardId) {
        return rec.checkRun() == null || !rec.checkRun().avoidBoards().contains(boardId);
    }

    /** A job may stay on this board: it is usable, or switched off by the throttler (and nothing worse). */
    boolean holdable(String boardId) {
        if (usable(boardId)) {
            return true;
        }
        BoardReading r = readings.get(boardId);
        return shed.contains(boardId) && r != null && r.state() == BoardState.DISABLED;
    }

    /** What is wrong with each of {@code lost}, for a message. */
    String describeLost(List<String> lost, Instant now) {
        return lost.stream().map(b -> b + "=" + (checks.boardUsable(b, now) ? Optional.ofNullable(readings.get(b))
                .map(x -> x.state() + "/" + x.quality()).orElse("unknown") : "quarantined"))
                .collect(Collectors.joining(", "));
    }

    void shed(String boardId) {
        shed.add(boardId);
    }

    void unshed(String boardId) {
        shed.remove(boardId);
    }

    boolean isShed(String boardId) {
        return shed.contains(boardId);
    }
}
