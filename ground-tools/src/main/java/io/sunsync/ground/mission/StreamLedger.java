package io.sunsync.ground.mission;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the ground received of each of flight's downlink streams, by the outbox's per-stream
 * sequence numbers (docs/icd/downlink.md): how many messages, how many distinct, duplicates, and
 * the gaps (sequence numbers never received).
 *
 * <p>Thread safe: the recorder and the result collector record into one ledger.
 */
public final class StreamLedger {
    private final Map<String, Stream> streams = new TreeMap<>();

    private static final class Stream {
        final BitSet seen = new BitSet();
        long received;
        long duplicates;
        long lastSeq = -1;
    }

    /**
     * One stream's account.
     *
     * @param stream     the stream (e.g. {@code tm/hk}, {@code evt}, {@code results})
     * @param received   messages received, duplicates included
     * @param distinct   distinct sequence numbers received
     * @param duplicates copies of messages already received (QoS 1 redeliveries)
     * @param lastSeq    the highest sequence number received (-1: none); flight numbers from 0
     * @param missing    sequence numbers below {@code lastSeq} never received
     * @param gaps       the missing ranges, {@code [first, last]}, at most 20
     */
    public record StreamStats(String stream, long received, long distinct, long duplicates, long lastSeq, long missing,
                              List<long[]> gaps) {
        /** Messages flight produced on this stream as far as the ground can tell: the highest number + 1. */
        public long produced() {
            return lastSeq + 1;
        }
    }

    /**
     * Records message {@code seq} of {@code stream}. Presence ({@code birth}: numbered by
     * connection, with gaps by design, not an outbox stream) is not counted.
     */
    public synchronized void record(String stream, long seq) {
        if (stream == null || seq < 0 || seq > Integer.MAX_VALUE || "birth".equals(stream)) {
            return;
        }
        Stream s = streams.computeIfAbsent(stream, k -> new Stream());
        s.received++;
        if (s.seen.get((int) seq)) {
            s.duplicates++;
        } else {
            s.seen.set((int) seq);
        }
        s.lastSeq = Math.max(s.lastSeq, seq);
    }

    /** Records a message by its {@code stream} and {@code seq} user properties, if it has them. */
    public void record(Map<String, String> userProperties) {
        String seq = userProperties.get("seq");
        if (seq != null && seq.matches("\\d{1,18}")) {
            record(userProperties.get("stream"), Long.parseLong(seq));
        }
    }

    /** Every stream's account so far. */
    public synchronized Map<String, StreamStats> snapshot() {
        Map<String, StreamStats> out = new TreeMap<>();
        streams.forEach((name, s) -> {
            List<long[]> gaps = new ArrayList<>();
            long missing = 0;
            int i = s.seen.nextClearBit(0);
            while (i <= s.lastSeq) {
                int end = Math.min(s.seen.nextSetBit(i), (int) s.lastSeq + 1);
                missing += end - i;
                if (gaps.size() < 20) {
                    gaps.add(new long[] {i, end - 1});
                }
                i = s.seen.nextClearBit(end);
            }
            out.put(name, new StreamStats(name, s.received, s.seen.cardinality(), s.duplicates, s.lastSeq, missing,
                    List.copyOf(gaps)));
        });
        return out;
    }
}
