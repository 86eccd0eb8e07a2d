package io.sunsync.flight.jobs.check;

import com.fasterxml.jackson.core.type.TypeReference;
import io.sunsync.flight.cmd.store.DurableFile;
import io.sunsync.flight.events.Event;
import io.sunsync.flight.events.EventSink;
import io.sunsync.flight.events.Severity;
import io.sunsync.flight.jobs.ChecksConfig;
import io.sunsync.flight.link.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The boards blamed for wrong results. Each blame is a strike: the board is quarantined for
 * {@link ChecksConfig#quarantineS()} (it takes no new work and the jobs on it move, from their
 * last checkpoints), and {@link ChecksConfig#isolateAfterStrikes()} strikes within
 * {@link ChecksConfig#strikeWindowS()} have fault protection isolate it (switched off until the
 * ground gives it back). Kept in a small durable file, so a restart forgets no strike, quarantine
 * or isolation (fault protection's own isolations live in memory: they are asked for again at
 * start). Events (source {@code jobs}): {@code BOARD_QUARANTINED}, {@code BOARD_QUARANTINE_ENDED}.
 *
 * <p>Not thread safe: owned by the {@link ResultChecker}, under the job runner's lock.
 */
final class BoardQuarantine {
    private static final Logger LOG = LoggerFactory.getLogger(BoardQuarantine.class);
    private static final String SOURCE = "jobs";

    /**
     * One board's record, as kept on disk.
     *
     * @param strikes  when it was blamed, within the window
     * @param until    end of its quarantine (mission time)
     * @param isolated true once blamed often enough to be isolated
     */
    record Board(List<Instant> strikes, Instant until, boolean isolated) {
        Board {
            strikes = strikes == null ? List.of() : List.copyOf(strikes);
        }
    }

    private final ChecksConfig config;
    private final DurableFile file;
    private final EventSink events;
    private final BoardIsolator isolator;
    private final Map<String, Board> boards = new TreeMap<>();
    private final Map<String, Instant> announcedUntil = new LinkedHashMap<>();

    BoardQuarantine(ChecksConfig config, Path file, EventSink events, BoardIsolator isolator) {
        this.config = config;
        this.file = new DurableFile(file);
        this.events = events;
        this.isolator = isolator;
    }

    /** Reads the file (a missing one is an empty record; an unreadable one is reported and started afresh). */
    void load(Instant now) {
        boards.clear();
        try {
            var bytes = file.read();
            if (bytes.isPresent()) {
                boards.putAll(Json.mapper().readValue(bytes.get(), new TypeReference<Map<String, Board>>() { }));
            }
        } catch (IOException e) {
            LOG.error("quarantine record {} unreadable; starting without it: {}", file.path(), e.toString());
            emit(now, Severity.HIGH, "BOARD_QUARANTINE_LOST", "the record of quarantined boards could not be read ("
                    + e.getMessage() + "); boards are trusted again", Map.of("file", file.path().toString()));
        }
        for (var e : boards.entrySet()) {
            if (e.getValue().isolated()) {
                isolator.isolate(e.getKey(), "isolated for wrong results before the restart");
            } else if (e.getValue().until() != null && e.getValue().until().isAfter(now)) {
                announcedUntil.put(e.getKey(), e.getValue().until());
            }
        }
    }

    /** Whether {@code boardId} may take work at {@code now}. */
    boolean usable(String boardId, Instant now) {
        Board b = boards.get(boardId);
        return b == null || !b.isolated() && (b.until() == null || !now.isBefore(b.until()));
    }

    /** Strikes {@code boardId}: quarantine, and isolation once it has too many strikes. Returns its record. */
    Board strike(String boardId, Instant now, String jobId, String why) {
        Board old = boards.get(boardId);
        List<Instant> strikes = new ArrayList<>();
        Instant since = now.minus(Duration.ofMillis(Math.round(config.strikeWindowS() * 1000)));
        if (old != null) {
            old.strikes().stream().filter(t -> t.isAfter(since)).forEach(strikes::add);
        }
        strikes.add(now);
        Instant until = now.plusMillis(Math.round(config.quarantineS() * 1000));
        boolean isolate = strikes.size() >= config.isolateAfterStrikes();
        boolean newlyIsolated = isolate && (old == null || !old.isolated());
        Board b = new Board(strikes, until, isolate || old != null && old.isolated());
        boards.put(boardId, b);
        save(now);
        announcedUntil.put(boardId, until);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("board", boardId);
        data.put("jobId", jobId);
        data.put("strikes", strikes.size());
        data.put("until", until.toString());
        data.put("isolated", b.isolated());
        emit(now, Severity.MEDIUM, "BOARD_QUARANTINED", boardId + " quarantined until " + until + " (strike "
                + strikes.size() + " of " + config.isolateAfterStrikes() + "): " + why, data);
        if (newlyIsolated) {
            isolator.isolate(boardId, strikes.size() + " wrong results within "
                    + Math.round(config.strikeWindowS()) + " s (silent data corruption)");
        }
        return b;
    }

    /** Reports quarantines that ended by {@code now}. */
    void tick(Instant now) {
        for (var it = announcedUntil.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            Board b = boards.get(e.getKey());
            if (b == null || b.isolated()) {
                it.remove();
            } else if (!now.isBefore(e.getValue())) {
                it.remove();
                emit(now, Severity.INFO, "BOARD_QUARANTINE_ENDED", e.getKey() + " takes work again after its quarantine",
                        Map.of("board", e.getKey(), "strikes", b.strikes().size()));
            }
        }
    }

    /** The ground gave {@code boardId} back to service: its strikes, quarantine and isolation are forgotten. */
    void restore(String boardId, Instant now) {
        if (boards.remove(boardId) != null) {
            announcedUntil.remove(boardId);
            save(now);
        }
    }

    /** Every board with a record (strikes, quarantine or isolation), by id. */
    Map<String, Board> boards() {
        return Map.copyOf(boards);
    }

    private void save(Instant now) {
        try {
            file.write(Json.mapper().writeValueAsBytes(boards));
        } catch (IOException e) {
            // The quarantine holds in memory; it is lost only if flight restarts before a later write works.
            LOG.error("cannot write the quarantine record {}: {}", file.path(), e.toString());
            emit(now, Severity.MEDIUM, "BOARD_QUARANTINE_UNSAVED", "the record of quarantined boards could not be written: "
                    + e.getMessage() + "; kept in memory, written again at the next change", Map.of());
        }
    }

    private void emit(Instant t, Severity severity, String code, String message, Map<String, Object> data) {
        try {
            events.emit(new Event(t, severity, SOURCE, code, message, data));
        } catch (RuntimeException e) {
            LOG.warn("event sink failed for {}: {}", code, e.toString());
        }
    }
}
