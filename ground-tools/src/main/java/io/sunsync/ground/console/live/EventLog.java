package io.sunsync.ground.console.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.ground.console.push.FeedHub;
import io.sunsync.ground.console.push.Update;
import io.sunsync.ground.events.EventRecord;
import io.sunsync.ground.events.Severity;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * The latest {@code capacity} on-board events of every satellite, each numbered by the console
 * in arrival order, pushed to every page as they come (a page that sees a gap in the numbers
 * reloads the list). Older ones are in the archive.
 *
 * <p>Thread safe: the ingest thread adds, request threads read.
 */
public final class EventLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int capacity;
    private final FeedHub hub;
    private final Deque<ObjectNode> events = new ArrayDeque<>();
    private long nextId = 1;

    /** @param capacity events kept */
    public EventLog(int capacity, FeedHub hub) {
        this.capacity = capacity;
        this.hub = hub;
    }

    /** Takes in an event received at {@code rxMs}; returns its number. */
    public long add(EventRecord e, long rxMs) {
        ObjectNode o = e.toJson();
        long id;
        synchronized (this) {
            id = nextId++;
            o.put("k", "evt");
            o.put("id", id);
            o.put("rxMs", rxMs);
            events.addLast(o);
            if (events.size() > capacity) {
                events.removeFirst();
            }
        }
        hub.toAll(Update.sequence("evt:" + id, o.toString()));
        return id;
    }

    /**
     * The newest events first: at most {@code limit}, of {@code sat} (null: all), of at least
     * {@code minSeverity}.
     */
    public synchronized List<ObjectNode> list(String sat, Severity minSeverity, int limit) {
        List<ObjectNode> out = new ArrayList<>();
        Iterator<ObjectNode> it = events.descendingIterator();
        while (it.hasNext() && out.size() < limit) {
            ObjectNode o = it.next();
            if ((sat == null || sat.equals(o.path("sat").asText()))
                    && Severity.valueOf(o.path("severity").asText()).compareTo(minSeverity) >= 0) {
                out.add(o.deepCopy());
            }
        }
        return out;
    }

    /** The number the next event will get. */
    public synchronized long nextId() {
        return nextId;
    }
}
