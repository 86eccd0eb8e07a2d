package io.sunsync.ground.archive;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * The keys recently stored, per (satellite, stream), bounded: redelivered copies of a message
 * come soon after the original (at most the broker's in-flight window after a restart), so
 * remembering the latest {@code capacity} keys of each stream is enough. Not thread safe.
 */
public final class SeenSet {
    private final int capacity;
    private final Map<String, LinkedHashSet<RecordKey>> byStream = new HashMap<>();

    /** @param capacity keys remembered per (satellite, stream) */
    public SeenSet(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        this.capacity = capacity;
    }

    /** True if {@code key} was added and is still remembered. */
    public boolean contains(RecordKey key) {
        LinkedHashSet<RecordKey> s = byStream.get(key.sat() + "|" + key.stream());
        return s != null && s.contains(key);
    }

    /** Remembers {@code key}, forgetting the oldest of its stream when full. */
    public void add(RecordKey key) {
        LinkedHashSet<RecordKey> s = byStream.computeIfAbsent(key.sat() + "|" + key.stream(), k -> new LinkedHashSet<>());
        if (s.add(key) && s.size() > capacity) {
            var it = s.iterator();
            it.next();
            it.remove();
        }
    }
}
