package io.sunsync.flight.jobs;

import io.sunsync.hal.Quality;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.accel.BoardReading;
import io.sunsync.hal.accel.BoardState;
import java.time.Duration;
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
 * which ones the throttler switched off or is switching back on, and whether a job may start on
 * or stay on a board (enabled, not failed, not quarantined by the result checks).
 *
 * <p>Threading: not thread-safe; owned by the job runner and used under its lock.
 */
final class BoardView {
    private static final Logger LOG = LoggerFactory.getLogger(BoardView.class);

    private final List<AcceleratorBoard> boards;
    private final Map<String, AcceleratorBoard> byId = new LinkedHashMap<>();
    private final ResultChecks checks;
    private final Map<String, BoardReading> readings = new HashMap<>();
    /**
     * How long a board the throttler switched back on may still read disabled before it counts as
     * lost, in mission time. A board comes back after its command's latency and the next reading
     * (found by the 30-day resource run: jobs were requeued as BOARD_LOST in that moment, a counted
     * start each, until they failed TOO_MANY_STARTS).
     */
    static final Duration RESTORE_GRACE = Duration.ofSeconds(30);

    private final Set<String> shed = new HashSet<>();
    /** Boards the throttler switched back on that have not read enabled yet, with when. */
    private final Map<String, Instant> restoring = new HashMap<>();
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

    /**
     * A job may stay on this board: it is usable, or switched off by the throttler, or being
     * switched back on (and nothing worse).
     */
    boolean holdable(String boardId) {
        if (usable(boardId)) {
            return true;
        }
        BoardReading r = readings.get(boardId);
        return waiting(boardId) && r != null && r.state() == BoardState.DISABLED;
    }

    /** Whether the throttler has {@code boardId} switched off, or is switching it back on. */
    boolean waiting(String boardId) {
        return shed.contains(boardId) || restoring.containsKey(boardId);
    }

    /** What is wrong with each of {@code lost}, for a message. */
    String describeLost(List<String> lost, Instant now) {
        return lost.stream().map(b -> b + "=" + (checks.boardUsable(b, now) ? Optional.ofNullable(readings.get(b))
                .map(x -> x.state() + "/" + x.quality()).orElse("unknown") : "quarantined"))
                .collect(Collectors.joining(", "));
    }

    void shed(String boardId) {
        shed.add(boardId);
        restoring.remove(boardId);
    }

    /** The throttler switched {@code boardId} back on at {@code now}; it may read disabled a while. */
    void restore(String boardId, Instant now) {
        if (shed.remove(boardId)) {
            restoring.put(boardId, now);
        }
    }

    /** Forgets what the throttler did to {@code boardId} (fault protection took it). */
    void unshed(String boardId) {
        shed.remove(boardId);
        restoring.remove(boardId);
    }

    /**
     * After a reading: boards being switched back on that read enabled are back; those still
     * disabled past {@link #RESTORE_GRACE} are no longer waited for (their jobs then find them lost).
     */
    void settleRestoring(Instant now) {
        restoring.entrySet().removeIf(e -> {
            BoardReading r = readings.get(e.getKey());
            return r != null && r.state() == BoardState.ENABLED
                    || Duration.between(e.getValue(), now).compareTo(RESTORE_GRACE) > 0;
        });
    }
}
