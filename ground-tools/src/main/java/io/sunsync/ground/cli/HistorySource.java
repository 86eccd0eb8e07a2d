package io.sunsync.ground.cli;

import io.sunsync.ground.archive.ArchiveReader;
import io.sunsync.ground.archive.ArchiveRecord;
import io.sunsync.ground.events.EventFilter;
import io.sunsync.ground.events.EventRecord;
import io.sunsync.ground.store.EventQuery;
import io.sunsync.ground.store.ArchiveStore;
import io.sunsync.ground.store.StoreException;
import io.sunsync.ground.store.TimeRange;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Where {@code plot}, {@code archive export} and {@code events --since} read archived messages:
 * a file archive ({@link ArchiveReader}) or an archive database ({@link ArchiveStore}), the same
 * questions either way. Owned by one command; closes the database it opened.
 */
interface HistorySource extends AutoCloseable {
    /** The satellites it holds. */
    List<String> satellites() throws IOException, StoreException;

    /** The newest time of any {@code kind} message of {@code sat}, or null if there is none. */
    Instant newest(String sat, String kind) throws IOException, StoreException;

    /** How much {@link #read} goes through, for a progress bar (bytes of files; -1 when not known). */
    long size(String sat, String kind) throws IOException;

    /** {@code sat}'s messages of {@code kind} in [{@code from}, {@code to}] (null: open), in time order. */
    List<ArchiveRecord> read(String sat, String kind, Instant from, Instant to, LongConsumer progress)
            throws IOException, StoreException;

    /** The newest time of any event of {@code sats} (empty: all), or null if there is none. */
    Instant newestEvent(Set<String> sats) throws IOException, StoreException;

    /** The newest time of any event of {@code sats}, asking satellite by satellite, or null. */
    default Instant newestEventOf(Iterable<String> sats) throws IOException, StoreException {
        Instant newest = null;
        for (String id : sats) {
            Instant n = newest(id, "evt");
            newest = n != null && (newest == null || n.isAfter(newest)) ? n : newest;
        }
        return newest;
    }

    /**
     * The events of {@code sats} (empty: all) that pass {@code filter} (its {@code since} included),
     * in time order, at most {@code limit}; events that do not follow the ICD are skipped.
     */
    List<EventRecord> events(Set<String> sats, EventFilter filter, int limit) throws IOException, StoreException;

    /** Where it reads, for messages. */
    String describe();

    @Override
    void close();

    /** A file archive. */
    static HistorySource files(ArchiveReader reader, String root) {
        return new HistorySource() {
            @Override
            public List<String> satellites() throws IOException {
                return reader.satellites();
            }

            @Override
            public Instant newest(String sat, String kind) throws IOException {
                return reader.bytes(sat, kind) == 0 ? null : reader.newest(sat, kind);
            }

            @Override
            public long size(String sat, String kind) throws IOException {
                return reader.bytes(sat, kind);
            }

            @Override
            public List<ArchiveRecord> read(String sat, String kind, Instant from, Instant to, LongConsumer progress)
                    throws IOException {
                return reader.read(sat, kind, from, to, progress);
            }

            @Override
            public Instant newestEvent(Set<String> sats) throws IOException, StoreException {
                return newestEventOf(sats.isEmpty() ? reader.satellites() : List.copyOf(sats));
            }

            @Override
            public List<EventRecord> events(Set<String> sats, EventFilter filter, int limit) throws IOException {
                List<EventRecord> past = new ArrayList<>();
                for (String id : sats.isEmpty() ? reader.satellites() : sats.stream().sorted().toList()) {
                    for (ArchiveRecord r : reader.read(id, "evt", filter.since(), null, null)) {
                        try {
                            EventRecord e = EventRecord.parse(id, r.msg());
                            if (filter.accepts(e)) {
                                past.add(e);
                            }
                        } catch (IllegalArgumentException malformed) {
                            // not an event per the ICD: skipped, as live
                        }
                    }
                }
                past.sort(Comparator.comparing(EventRecord::t));
                return past.size() > limit ? past.subList(0, limit) : past;
            }

            @Override
            public String describe() {
                return root;
            }

            @Override
            public void close() {
            }
        };
    }

    /** An archive database (closed with this source). */
    static HistorySource store(ArchiveStore store) {
        return new HistorySource() {
            @Override
            public List<String> satellites() throws StoreException {
                return store.satellites();
            }

            @Override
            public Instant newest(String sat, String kind) throws StoreException {
                return store.newest(sat, kind).orElse(null);
            }

            @Override
            public long size(String sat, String kind) {
                return -1;
            }

            @Override
            public List<ArchiveRecord> read(String sat, String kind, Instant from, Instant to, LongConsumer progress)
                    throws StoreException {
                return store.records(sat, kind, new TimeRange(from, to), Integer.MAX_VALUE);
            }

            @Override
            public Instant newestEvent(Set<String> sats) throws IOException, StoreException {
                return sats.isEmpty() ? store.newest(null, "evt").orElse(null) : newestEventOf(sats);
            }

            @Override
            public List<EventRecord> events(Set<String> sats, EventFilter filter, int limit) throws StoreException {
                return store.events(new EventQuery(sats, new TimeRange(filter.since(), null), filter.minSeverity(),
                        filter.sources(), filter.codes(), limit));
            }

            @Override
            public String describe() {
                return store.location();
            }

            @Override
            public void close() {
                store.close();
            }
        };
    }
}
