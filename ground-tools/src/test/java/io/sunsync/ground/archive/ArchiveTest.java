package io.sunsync.ground.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.ground.store.AppendResult;
import io.sunsync.ground.store.QuarantineReason;
import io.sunsync.ground.store.QuarantinedFrame;
import io.sunsync.ground.store.StoreBatch;
import io.sunsync.ground.testing.Messages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveTest {
    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));

    private Archive open(ArchiveSettings s) throws IOException {
        return new Archive(s, clock);
    }

    private static String frame(long seq) {
        return Messages.hk("sat-001", seq, "2027-06-21T00:00:%02dZ".formatted(seq % 60), 80.0 - seq * 0.1);
    }

    @Test
    void recordsHousekeepingAsJsonLinesAndFlattenedCsv() throws Exception {
        try (Archive a = open(ArchiveSettings.defaults(root, "gs1"))) {
            for (long i = 0; i < 3; i++) {
                assertThat(a.accept(Messages.on("sunsync/sat-001/tm/hk", frame(i)))).isEqualTo(Archive.Outcome.STORED);
            }
        }
        Path jsonl = root.resolve("sat-001/hk.2026-11-25.gs1.000.jsonl");
        Path csv = root.resolve("sat-001/hk.2026-11-25.gs1.000.csv");
        assertThat(Files.readAllLines(jsonl)).hasSize(3).allSatisfy(l -> ArchiveRecord.fromJsonLine(l));
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows).hasSize(4);
        List<String> header = CsvLine.parse(rows.get(0));
        assertThat(header).startsWith("rx", "sat", "seq").contains("power.socPct", "control.budgetW", "boards.enabled");
        List<String> last = CsvLine.parse(rows.get(3));
        assertThat(last.get(header.indexOf("power.socPct"))).isEqualTo("79.8");
        assertThat(last.get(header.indexOf("seq"))).isEqualTo("2");
    }

    @Test
    void aRedeliveredCopyIsDroppedByStreamAndSequenceNumber() throws Exception {
        try (Archive a = open(ArchiveSettings.defaults(root, "gs1"))) {
            assertThat(a.accept(Messages.withSeq("sunsync/sat-001/evt", "{\"t\":\"2027-06-21T00:00:00Z\",\"code\":\"A\"}", "evt", 7)))
                    .isEqualTo(Archive.Outcome.STORED);
            assertThat(a.accept(Messages.withSeq("sunsync/sat-001/evt", "{\"t\":\"2027-06-21T00:00:00Z\",\"code\":\"A\"}", "evt", 7)))
                    .isEqualTo(Archive.Outcome.DUPLICATE);
            assertThat(a.accept(Messages.withSeq("sunsync/sat-001/evt", "{\"t\":\"2027-06-21T00:00:00Z\",\"code\":\"A\"}", "evt", 8)))
                    .isEqualTo(Archive.Outcome.STORED);
            // Housekeeping without outbox properties: its own seq and mission time identify it.
            a.accept(Messages.on("sunsync/sat-001/tm/hk", frame(1)));
            assertThat(a.accept(Messages.on("sunsync/sat-001/tm/hk", frame(1)))).isEqualTo(Archive.Outcome.DUPLICATE);
            // A restarted flight counts frames from 0 again: same seq, other mission time, stored.
            assertThat(a.accept(Messages.on("sunsync/sat-001/tm/hk",
                    Messages.hk("sat-001", 1, "2027-06-22T00:00:00Z", 50)))).isEqualTo(Archive.Outcome.STORED);
            assertThat(a.stored()).isEqualTo(4);
            assertThat(a.duplicates()).isEqualTo(2);
        }
    }

    @Test
    void afterARestartCopiesOfWhatIsOnDiskAreStillRecognised() throws Exception {
        try (Archive a = open(ArchiveSettings.defaults(root, "gs1"))) {
            a.accept(Messages.withSeq("sunsync/sat-001/tm/hk", frame(5), "hk", 105));
        }
        try (Archive b = open(ArchiveSettings.defaults(root, "gs1"))) {
            assertThat(b.accept(Messages.withSeq("sunsync/sat-001/tm/hk", frame(5), "hk", 105))).isEqualTo(Archive.Outcome.DUPLICATE);
            assertThat(b.accept(Messages.withSeq("sunsync/sat-001/tm/hk", frame(6), "hk", 106))).isEqualTo(Archive.Outcome.STORED);
        }
        assertThat(Files.readAllLines(root.resolve("sat-001/hk.2026-11-25.gs1.000.jsonl"))).hasSize(2);
    }

    @Test
    void aTornLastLineIsCutOffOnReopeningAndLaterRecordsAreWhole() throws Exception {
        try (Archive a = open(ArchiveSettings.defaults(root, "gs1"))) {
            a.accept(Messages.on("sunsync/sat-001/tm/hk", frame(1)));
            a.accept(Messages.on("sunsync/sat-001/tm/hk", frame(2)));
        }
        Path jsonl = root.resolve("sat-001/hk.2026-11-25.gs1.000.jsonl");
        long whole = Files.size(jsonl);
        // What a kill in the middle of a write leaves: the first bytes of a record, no newline.
        String torn = ArchiveRecord.of(Messages.on("sunsync/sat-001/tm/hk", frame(3)), clock.instant()).toJsonLine().substring(0, 57);
        Files.writeString(jsonl, torn, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (Archive b = open(ArchiveSettings.defaults(root, "gs1"))) {
            assertThat(b.accept(Messages.on("sunsync/sat-001/tm/hk", frame(3)))).isEqualTo(Archive.Outcome.STORED);
            assertThat(b.repairedBytes()).isEqualTo(57);
        }
        List<String> lines = Files.readAllLines(jsonl);
        assertThat(lines).hasSize(3);
        assertThat(lines).allSatisfy(l -> assertThat(ArchiveRecord.fromJsonLine(l).msg().path("seq").asLong()).isPositive());
        assertThat(Files.size(jsonl)).isGreaterThan(whole);
    }

    @Test
    void repairingAFileWithoutAnyNewlineEmptiesIt() throws Exception {
        Path f = root.resolve("x.jsonl");
        Files.writeString(f, "{\"half");
        assertThat(AppendFile.repairTornLine(f)).isEqualTo(6);
        assertThat(Files.size(f)).isZero();
        Files.writeString(f, "whole\n");
        assertThat(AppendFile.repairTornLine(f)).isZero();
    }

    @Test
    void filesRotateBySizeAndByDay() throws Exception {
        ArchiveSettings small = new ArchiveSettings(root, "gs1", 2048, false, false, 1000);
        try (Archive a = open(small)) {
            for (long i = 0; i < 20; i++) {
                a.accept(Messages.on("sunsync/sat-001/tm/hk", frame(i)));
            }
            clock.set(Instant.parse("2026-11-26T00:00:01Z"));
            a.accept(Messages.on("sunsync/sat-001/tm/hk", frame(21)));
        }
        List<ArchiveLayout.ArchiveFile> files = ArchiveLayout.files(root, "sat-001", "hk", "jsonl");
        assertThat(files.stream().filter(f -> f.day().toString().equals("2026-11-25")).count()).isGreaterThan(2);
        assertThat(files).allSatisfy(f -> assertThat(Files.size(f.path())).isLessThanOrEqualTo(2048));
        assertThat(files.get(files.size() - 1).day().toString()).isEqualTo("2026-11-26");
        assertThat(new ArchiveReader(root).read("sat-001", "hk", null, null, null)).hasSize(21);
    }

    @Test
    void aNewCsvColumnStartsTheNextPartWithTheWiderHeader() throws Exception {
        try (Archive a = open(ArchiveSettings.defaults(root, "gs1"))) {
            a.accept(Messages.on("sunsync/sat-001/tm/hk", frame(1)));
            a.accept(Messages.on("sunsync/sat-001/tm/hk", frame(2).replace("}}", "},\"jobs\":{\"running\":2}}")));
        }
        List<ArchiveLayout.ArchiveFile> csv = ArchiveLayout.files(root, "sat-001", "hk", "csv");
        assertThat(csv).hasSize(2);
        assertThat(CsvLine.parse(Files.readAllLines(csv.get(1).path()).get(0))).contains("jobs.running", "power.socPct");
    }

    /** A part whose header is not CSV (an unclosed quote) is left as it was; the records start the next part. */
    @Test
    void aCsvPartWhoseHeaderCannotBeReadIsLeftAsItIs() throws Exception {
        Path broken = root.resolve("sat-001/hk.2026-11-25.gs1.000.csv");
        Files.createDirectories(broken.getParent());
        String kept = "\"rx,sat\n2026-11-25T09:00:00Z,sat-001\n";
        Files.writeString(broken, kept);
        try (Archive a = open(ArchiveSettings.defaults(root, "gs1"))) {
            assertThat(a.accept(Messages.on("sunsync/sat-001/tm/hk", frame(1)))).isEqualTo(Archive.Outcome.STORED);
            assertThat(a.accept(Messages.on("sunsync/sat-001/tm/hk", frame(2)))).isEqualTo(Archive.Outcome.STORED);
        }
        assertThat(Files.readString(broken)).isEqualTo(kept);
        List<ArchiveLayout.ArchiveFile> csv = ArchiveLayout.files(root, "sat-001", "hk", "csv");
        assertThat(csv).hasSize(2);
        List<String> rows = Files.readAllLines(csv.get(1).path());
        assertThat(rows).hasSize(3);
        assertThat(CsvLine.parse(rows.get(0))).startsWith("rx", "sat", "seq");
    }

    @Test
    void asAWriterItStoresBatchesAndKeepsQuarantinedFramesInAFileOnce() throws Exception {
        ArchiveRecord good = ArchiveRecord.of(Messages.withSeq("sunsync/sat-001/tm/hk", frame(1), "tm/hk", 1), clock.instant());
        QuarantinedFrame bad = new QuarantinedFrame(clock.instant(), "sunsync/sat-001/tm/hk", "sat-001", "hk",
                QuarantineReason.NOT_JSON, "not JSON", new byte[] {(byte) 0xff, 'x'}, java.util.Map.of("seq", "2"));
        try (Archive a = open(ArchiveSettings.defaults(root, "gs1"))) {
            assertThat(a.append(new StoreBatch(List.of(good, good), List.of(bad)))).isEqualTo(new AppendResult(1, 1, 1));
        }
        List<String> q = Files.readAllLines(root.resolve("quarantine.gs1.jsonl"));
        assertThat(q).singleElement().satisfies(l -> assertThat(l).contains("\"reason\":\"NOT_JSON\"")
                .contains("\"payloadBase64\":\"/3g=\"").contains("\"topic\":\"sunsync/sat-001/tm/hk\""));
        assertThat(new ArchiveReader(root).read("sat-001", "hk", null, null, null)).hasSize(1);
        // The quarantine file is not a satellite folder.
        assertThat(new ArchiveReader(root).satellites()).containsExactly("sat-001");
    }

    @Test
    void theReaderMergesWritersFiltersByMissionTimeAndSkipsForeignLines() throws Exception {
        try (Archive a = open(ArchiveSettings.defaults(root, "w1")); Archive b = open(ArchiveSettings.defaults(root, "w2"))) {
            for (long i = 0; i < 10; i++) {
                (i % 2 == 0 ? a : b).accept(Messages.withSeq("sunsync/sat-001/tm/hk", frame(i), "hk", i));
            }
            b.accept(Messages.withSeq("sunsync/sat-001/tm/hk", frame(4), "hk", 4)); // stored by w2 too
        }
        try (Stream<Path> s = Files.list(root.resolve("sat-001"))) {
            Path any = s.filter(p -> p.toString().endsWith(".jsonl")).findFirst().orElseThrow();
            Files.writeString(any, "not json\n", StandardOpenOption.APPEND);
        }
        ArchiveReader reader = new ArchiveReader(root);
        List<ArchiveRecord> all = reader.read("sat-001", "hk", null, null, null);
        assertThat(all).extracting(r -> r.key().seq()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(reader.skippedLines()).isEqualTo(1);
        List<ArchiveRecord> some = reader.read("sat-001", "hk", Instant.parse("2027-06-21T00:00:03Z"),
                Instant.parse("2027-06-21T00:00:05Z"), null);
        assertThat(some).extracting(r -> r.key().seq()).containsExactly(3L, 4L, 5L);
    }

    @Test
    void timeBoundsAreInstantsOrSpansBackFromAReference() {
        Instant ref = Instant.parse("2027-06-21T12:00:00Z");
        assertThat(TimeBound.parse("2h", ref)).isEqualTo(Instant.parse("2027-06-21T10:00:00Z"));
        assertThat(TimeBound.parse("90s", ref)).isEqualTo(Instant.parse("2027-06-21T11:58:30Z"));
        assertThat(TimeBound.parse("1d", ref)).isEqualTo(Instant.parse("2027-06-20T12:00:00Z"));
        assertThat(TimeBound.parse("2027-06-21T01:00:00Z", ref)).isEqualTo(Instant.parse("2027-06-21T01:00:00Z"));
        assertThat(TimeBound.parse("2027-06-21T01:00", ref)).isEqualTo(Instant.parse("2027-06-21T01:00:00Z"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TimeBound.parse("yesterday", ref))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("span");
    }

    /** A clock a test moves by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant t) {
            now = t;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
