package io.sunsync.ground.console.push;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * One browser's queue of updates, bounded. {@link #offer} never blocks and costs O(1). States
 * coalesce by key: a newer one replaces the one still waiting in its place (counted as
 * superseded); when {@code capacity} keys wait, the oldest is dropped (evicted). Sequence members
 * (frames for a satellite's charts, events) wait in line, at most {@code capacity / 16} of them,
 * the oldest dropped when full (evicted). The browser's stream thread {@link #take}s everything
 * waiting at once, so a browser that keeps up gets every update, and one that falls behind gets
 * the latest of each state and the newest of each sequence, and is told how many it missed.
 *
 * <p>Thread safe: ingest and command threads offer, one stream thread takes.
 */
public final class ClientFeed {
    private final long id;
    private final String user;
    private final boolean fleet;
    private final String sat;
    private final int capacity;
    private final long carried;
    private final LinkedHashMap<String, Update> pending = new LinkedHashMap<>();
    private final java.util.ArrayDeque<Update> line = new java.util.ArrayDeque<>();
    private final int lineCapacity;
    private long offered;
    private long offeredData;
    private long delivered;
    private long deliveredData;
    private long superseded;
    private long evicted;
    private boolean closed;

    /**
     * What a stream thread took.
     *
     * @param items         the updates, oldest key first
     * @param dropped       data updates this page has missed so far (superseded, evicted, and what an
     *                      earlier stream of the page lost, carried over)
     * @param delivered     updates handed to this page so far, these included
     * @param deliveredData data updates handed to this page so far, these included
     * @param closed        true once the feed is closed (the stream ends)
     */
    public record Batch(List<Update> items, long dropped, long delivered, long deliveredData, boolean closed) {
    }

    /**
     * @param id       the feed's number (for logs and statistics)
     * @param user     who is watching
     * @param fleet    true to receive fleet rows
     * @param sat      the satellite whose full frames it receives, or null
     * @param capacity the most updates waiting at once
     * @param carried  data updates an earlier stream of the same page missed (counted in its drops)
     */
    public ClientFeed(long id, String user, boolean fleet, String sat, int capacity, long carried) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        this.id = id;
        this.user = user;
        this.fleet = fleet;
        this.sat = sat;
        this.capacity = capacity;
        this.lineCapacity = Math.max(1, capacity / 16);
        this.carried = carried;
    }

    /** Queues {@code u}: a state replaces a waiting one with its key; anything else waits in line. */
    public synchronized void offer(Update u) {
        if (closed) {
            return;
        }
        offered++;
        if (u.data()) {
            offeredData++;
        }
        if (u.kind() == Update.Kind.SEQUENCE) {
            line.addLast(u);
            if (line.size() > lineCapacity) {
                line.removeFirst();
                evicted++;
            }
            notifyAll();
            return;
        }
        Update old = pending.put(u.key(), u);
        if (old != null) {
            if (old.data()) {
                superseded++;
            }
        } else if (pending.size() > capacity) {
            Iterator<Update> it = pending.values().iterator();
            if (it.next().data()) {
                evicted++;
            }
            it.remove();
        }
        notifyAll();
    }

    /** Everything waiting, after waiting up to {@code waitMs} for something to come; empty on timeout. */
    public synchronized Batch take(long waitMs) throws InterruptedException {
        long end = System.nanoTime() + waitMs * 1_000_000;
        while (pending.isEmpty() && line.isEmpty() && !closed) {
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        List<Update> items = new ArrayList<>(pending.size() + line.size());
        items.addAll(pending.values());
        items.addAll(line);
        pending.clear();
        line.clear();
        delivered += items.size();
        for (Update u : items) {
            if (u.data()) {
                deliveredData++;
            }
        }
        return new Batch(items, carried + superseded + evicted, delivered, deliveredData, closed);
    }

    /** Ends the feed: its stream thread returns from {@link #take} and stops. */
    public synchronized void close() {
        closed = true;
        pending.clear();
        line.clear();
        notifyAll();
    }

    /** True once closed. */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** The feed's number. */
    public long id() {
        return id;
    }

    /** Who is watching. */
    public String user() {
        return user;
    }

    /** True if it receives fleet rows. */
    public boolean fleet() {
        return fleet;
    }

    /** The satellite whose frames it receives, or null. */
    public String sat() {
        return sat;
    }

    /** Its counts now: offered, delivered, superseded, evicted, waiting. */
    public synchronized Stats stats() {
        return new Stats(id, user, offered, delivered, superseded, evicted, pending.size() + line.size());
    }

    /** Data updates this page has missed if it received {@code receivedData} of them: carried over to its next stream. */
    synchronized long missedIfReceived(long receivedData) {
        return carried + Math.max(0, offeredData - receivedData);
    }

    /**
     * A feed's counts.
     *
     * @param offered    updates offered
     * @param delivered  updates taken by its stream
     * @param superseded updates replaced by a newer one before they were taken
     * @param evicted    updates dropped because the queue was full
     * @param waiting    updates waiting now
     */
    public record Stats(long id, String user, long offered, long delivered, long superseded, long evicted, int waiting) {
    }
}
