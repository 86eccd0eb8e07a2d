package io.sunsync.flight.jobs.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.flight.store.log.Damage;
import io.sunsync.flight.store.log.Frame;
import io.sunsync.flight.store.log.LogFormat;
import io.sunsync.flight.store.log.LogScan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    record Rec(String key, int value) {
    }

    @TempDir
    Path dir;

    Journal<Rec> journal() {
        return new Journal<>(dir, Rec.class, Rec::key);
    }

    /** A journal in {@code dir} holding {@code records}, appended in order, closed. */
    private void written(Rec... records) throws Exception {
        try (Journal<Rec> j = journal()) {
            j.open();
            for (Rec r : records) {
                j.append(r);
            }
        }
    }

    @Test
    void theLatestRecordPerKeyWinsAfterReopening() throws Exception {
        written(new Rec("a", 1), new Rec("b", 1), new Rec("a", 2));

        try (Journal<Rec> j = journal()) {
            Journal.Replay<Rec> r = j.open();

            assertThat(r.latest()).containsExactly(java.util.Map.entry("a", new Rec("a", 2)), java.util.Map.entry("b", new Rec("b", 1)));
            assertThat(r.entries()).extracting(Journal.Entry::seq).containsExactly(1L, 2L, 3L);
            assertThat(r.damage()).isEmpty();
            assertThat(j.append(new Rec("c", 1))).isEqualTo(4);
        }
    }

    @Test
    void compactionKeepsTheStateAndEmptiesTheJournal() throws Exception {
        try (Journal<Rec> j = journal()) {
            j.open();
            for (int i = 0; i < 50; i++) {
                j.append(new Rec("k" + i % 5, i));
            }
            j.compact(List.of(new Rec("k0", 45), new Rec("k4", 49)));
            assertThat(j.journalBytes()).isZero();
            j.append(new Rec("k0", 100));
        }

        Journal.Replay<Rec> r = Journal.read(dir, Rec.class, Rec::key);

        assertThat(r.snapshotRecords()).isEqualTo(2);
        assertThat(r.latest().values()).containsExactly(new Rec("k0", 100), new Rec("k4", 49));
        assertThat(r.entries()).singleElement().satisfies(e -> assertThat(e.seq()).isEqualTo(51));
        assertThat(Files.size(dir.resolve(Journal.JOURNAL_FILE))).isLessThan(200);
    }

    @Test
    void aCrashBetweenSnapshotAndTruncationReplaysNoOldRecordOverTheSnapshot() throws Exception {
        Path saved = dir.resolve("saved.log");
        try (Journal<Rec> j = journal()) {
            j.open();
            j.append(new Rec("a", 1));
            j.append(new Rec("a", 2));
            Files.copy(dir.resolve(Journal.JOURNAL_FILE), saved);
            j.compact(List.of(new Rec("a", 3))); // the snapshot holds a later state than the journal
        }
        // As if the truncation never reached the disk:
        Files.copy(saved, dir.resolve(Journal.JOURNAL_FILE), StandardCopyOption.REPLACE_EXISTING);

        try (Journal<Rec> j = journal()) {
            Journal.Replay<Rec> r = j.open();

            assertThat(r.latest().get("a")).isEqualTo(new Rec("a", 3));
            assertThat(r.entries()).isEmpty();
            assertThat(j.append(new Rec("a", 4))).isEqualTo(3);
        }
        assertThat(Journal.read(dir, Rec.class, Rec::key).latest().get("a")).isEqualTo(new Rec("a", 4));
    }

    @Test
    void aTornTailIsReportedAndCutSoLaterAppendsAreReadable() throws Exception {
        written(new Rec("a", 1), new Rec("b", 2));
        Path file = dir.resolve(Journal.JOURNAL_FILE);
        byte[] bytes = Files.readAllBytes(file);
        long goodLength = bytes.length;
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3)); // b's record torn

        try (Journal<Rec> j = journal()) {
            Journal.Replay<Rec> r = j.open();
            assertThat(r.latest()).containsOnlyKeys("a");
            assertThat(r.damage()).singleElement().satisfies(d -> assertThat(d.kind()).isEqualTo(Damage.Kind.TORN_TAIL));
            assertThat(Files.size(file)).isLessThan(goodLength - 3);
            j.append(new Rec("c", 3));
        }

        Journal.Replay<Rec> again = Journal.read(dir, Rec.class, Rec::key);
        assertThat(again.latest()).containsOnlyKeys("a", "c");
        assertThat(again.damage()).isEmpty();
    }

    @Test
    void aCorruptRecordInTheMiddleIsSkippedAndTheRestReplayed() throws Exception {
        written(new Rec("a", 1), new Rec("b", 1), new Rec("c", 1));
        Path file = dir.resolve(Journal.JOURNAL_FILE);
        byte[] bytes = Files.readAllBytes(file);
        Frame<byte[]> frame = LogScan.scan(Journal.FORMAT, Journal.JOURNAL_FILE, bytes).frames().get(1);
        int second = (int) frame.offset() + LogFormat.FRAME_HEADER_BYTES + frame.value().length / 2;
        bytes[second] ^= 0x20;
        Files.write(file, bytes);

        Journal.Replay<Rec> r = Journal.read(dir, Rec.class, Rec::key);

        assertThat(r.latest()).containsOnlyKeys("a", "c");
        assertThat(r.damage()).singleElement().satisfies(d -> assertThat(d.kind()).isEqualTo(Damage.Kind.CORRUPT_RECORDS));
    }

    @Test
    void anIncompleteSnapshotIsReportedNotFatal() throws Exception {
        try (Journal<Rec> j = journal()) {
            j.open();
            j.compact(List.of(new Rec("a", 1), new Rec("b", 2)));
        }
        Path snap = dir.resolve(Journal.SNAPSHOT_FILE);
        byte[] bytes = Files.readAllBytes(snap);
        Files.write(snap, java.util.Arrays.copyOf(bytes, bytes.length - 5));

        Journal.Replay<Rec> r = Journal.read(dir, Rec.class, Rec::key);

        assertThat(r.latest()).containsOnlyKeys("a", "b");
        assertThat(r.damage()).extracting(Damage::kind).contains(Damage.Kind.TORN_TAIL, Damage.Kind.INCOMPLETE_FILE);
    }

    @Test
    void aRecordThatNoLongerDecodesIsSkippedAndReported() throws Exception {
        written(new Rec("a", 1));
        byte[] frame = Journal.FORMAT.encode("{\"seq\":2,\"kind\":\"rec\",\"rec\":{\"key\":\"b\",\"value\":\"many\"}}".getBytes());
        Files.write(dir.resolve(Journal.JOURNAL_FILE), frame, StandardOpenOption.APPEND);

        Journal.Replay<Rec> r = Journal.read(dir, Rec.class, Rec::key);

        assertThat(r.latest()).containsOnlyKeys("a");
        assertThat(r.damage()).singleElement().satisfies(d -> assertThat(d.kind()).isEqualTo(Damage.Kind.UNDECODABLE_RECORD));
    }
}
