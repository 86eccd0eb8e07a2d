package io.sunsync.flight.link.outbox;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's storage bound ({@link OutboxConfig#maxBytes()}, {@link OutboxConfig#maxMessages()}):
 * makes room for a new message by evicting whole segments: first one whose messages are all done
 * (nothing is lost), then the oldest segment of the lowest priority, never one of a higher
 * priority than the incoming message nor one with messages in flight. Every message evicted is
 * counted as dropped for its stream and reported.
 *
 * <p>Threading: not thread-safe; guarded by the outbox's lock.
 */
final class StorageBudget {
    private static final Logger LOG = LoggerFactory.getLogger(StorageBudget.class);

    private final OutboxConfig config;
    private final SegmentStore store;
    private final BooleanSupplier saveStateDurably;

    /**
     * @param saveStateDurably saves the state file durably, returning whether it was written: the
     *                         sequence numbers of an evicted segment are in it before its file goes
     */
    StorageBudget(OutboxConfig config, SegmentStore store, BooleanSupplier saveStateDurably) {
        this.config = config;
        this.store = store;
        this.saveStateDurably = saveStateDurably;
    }

    /**
     * Evicts until a frame of {@code frameBytes} fits in {@code target}; adds a report for each
     * segment whose messages were lost. False when it cannot be made to fit.
     */
    boolean makeRoom(Lane target, int frameBytes, List<DropReport> reports) {
        while (true) {
            long needed = frameBytes + (store.needsNewSegment(target, frameBytes) ? RecordCodec.SEGMENT_HEADER_BYTES : 0);
            if (store.diskBytes + needed <= config.maxBytes() && store.liveMessages + 1 <= config.maxMessages()) {
                return true;
            }
            Segment victim = victim(target.priority);
            if (victim == null) {
                return false;
            }
            DropReport report = evict(victim);
            if (report != null) {
                reports.add(report);
            }
        }
    }

    private Segment victim(Priority incoming) {
        // First a segment whose messages are all done (an active one): reclaiming it loses nothing.
        for (Lane lane : store.lanes()) {
            for (Segment seg : lane.segments) {
                if (seg.live == 0 && seg.inflight == 0 && seg.size() > RecordCodec.SEGMENT_HEADER_BYTES) {
                    return seg;
                }
            }
        }
        Lane[] lanes = store.lanes();
        for (int p = lanes.length - 1; p >= incoming.ordinal(); p--) {
            for (Segment seg : lanes[p].segments) {
                if (seg.inflight == 0 && seg.live > 0) {
                    return seg;
                }
            }
        }
        return null;
    }

    private DropReport evict(Segment seg) {
        Lane lane = store.lane(seg.lane);
        Map<String, long[]> lost = new LinkedHashMap<>();
        for (Iterator<QueuedMessage> it = lane.pending.iterator(); it.hasNext(); ) {
            QueuedMessage e = it.next();
            if (e.seg != seg) {
                continue;
            }
            it.remove();
            e.done = true;
            StreamState s = e.stream;
            s.queued--;
            s.dropped++;
            s.droppedBytes += e.length;
            store.forget(e);
            long[] l = lost.computeIfAbsent(s.name, k -> new long[] {0, 0, Long.MAX_VALUE, Long.MIN_VALUE});
            l[0]++;
            l[1] += e.length;
            l[2] = Math.min(l[2], e.seq);
            l[3] = Math.max(l[3], e.seq);
        }
        seg.live = 0;
        if (!lost.isEmpty()) {
            LOG.warn("outbox: full ({} of {} bytes), dropped segment {} with {} messages", store.diskBytes,
                    config.maxBytes(), seg.path.getFileName(), lost.values().stream().mapToLong(l -> l[0]).sum());
        }
        // The sequence numbers in it are in the state file before its file goes, so they are never reused.
        store.delete(seg, saveStateDurably.getAsBoolean());
        if (lost.isEmpty()) {
            return null;
        }
        Map<String, DropReport.Loss> byStream = new LinkedHashMap<>();
        lost.forEach((k, l) -> byStream.put(k, new DropReport.Loss(l[0], l[1], l[2], l[3])));
        return new DropReport(DropReason.STORAGE_FULL, byStream);
    }
}
