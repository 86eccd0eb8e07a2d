package io.sunsync.ground.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.sunsync.ground.archive.ArchiveRecord;
import io.sunsync.ground.archive.RecordKey;
import io.sunsync.ground.events.EventRecord;
import io.sunsync.ground.events.Severity;
import io.sunsync.ground.telemetry.JsonPaths;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ArchiveStore} backend must do, answer for answer: each backend's test extends
 * this class and opens a fresh, empty store. The expected answers are computed from the data
 * written, not pinned, so SQLite and PostgreSQL are held to the same ones.
 */
abstract class ArchiveStoreContract {
    /** A fresh, empty store. */
    protected abstract ArchiveStore openEmpty() throws Exception;

    protected ArchiveStore store;
    protected final StoreDataset data = new StoreDataset();

    @BeforeEach
    void open() throws Exception {
        store = openEmpty();
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aBatchIsStoredOnceAndRedeliveredCopiesAreCountedNotStored() throws Exception {
        AppendResult first = store.append(data.batch());
        int records = data.hk.size() + data.other.size();
        assertThat(first).isEqualTo(new AppendResult(records, 0, data.quarantined.size()));
        // The broker delivers the whole batch again (a worker died before acknowledging it).
        assertThat(store.append(data.batch())).isEqualTo(new AppendResult(0, records, 0));
        // A batch that overlaps what is stored, with a copy inside itself too.
        List<ArchiveRecord> overlap = new ArrayList<>(data.hk.subList(0, 5));
        overlap.add(data.hk.get(0));
        assertThat(store.append(StoreBatch.of(overlap))).isEqualTo(new AppendResult(0, 6, 0));
        StoreStats stats = store.stats();
        assertThat(stats.rows()).containsEntry("hk", (long) data.hk.size()).containsEntry("evt", 5L)
                .containsEntry("tc_report", 6L).containsEntry("message", 2L).containsEntry("quarantine", 2L);
        assertThat(stats.satellites()).isEqualTo(3);
        assertThat(stats.backend()).isEqualTo(store.backend());
    }

    @Test
    void concurrentWritersOfOverlappingBatchesStoreEachRecordOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Callable<AppendResult>> jobs = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                int from = w * 10;
                jobs.add(() -> store.append(StoreBatch.of(data.hk.subList(from, from + 30))));
            }
            long stored = 0;
            long dups = 0;
            for (Future<AppendResult> f : pool.invokeAll(jobs)) {
                stored += f.get().stored();
                dups += f.get().duplicates();
            }
            assertThat(stored).isEqualTo(50);
            assertThat(stored + dups).isEqualTo(90);
            assertThat(store.stats().rows()).containsEntry("hk", 50L);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void wholeRecordsComeBackAsStoredInTimeOrderAcrossMidnight() throws Exception {
        store.append(data.batch());
        List<ArchiveRecord> expected = data.hkOf("sat-b");
        List<ArchiveRecord> got = store.records("sat-b", "hk", TimeRange.ALL, 1000);
        assertThat(got).hasSameSizeAs(expected);
        for (int i = 0; i < got.size(); i++) {
            ArchiveRecord e = expected.get(i);
            ArchiveRecord g = got.get(i);
            assertThat(g.key()).isEqualTo(e.key());
            assertThat(g.rx()).isEqualTo(e.rx());
            assertThat(g.t()).isEqualTo(e.t());
            assertThat(g.kind()).isEqualTo("hk");
            assertThat(g.topic()).isEqualTo(e.topic());
            assertThat(g.msg()).isEqualTo(e.msg());
        }
        // A range across the day boundary (two partitions on PostgreSQL), ends included.
        TimeRange midnight = TimeRange.of(Instant.parse("2027-06-21T23:59:58Z"), Instant.parse("2027-06-22T00:00:02Z"));
        assertThat(store.records("sat-b", "hk", midnight, 1000)).extracting(ArchiveRecord::t).containsExactly(
                "2027-06-21T23:59:58Z", "2027-06-21T23:59:59Z", "2027-06-22T00:00:00Z", "2027-06-22T00:00:01Z",
                "2027-06-22T00:00:02Z");
        assertThat(store.records("sat-b", "hk", midnight, 2)).hasSize(2);
        assertThat(store.records("sat-c", "birth", TimeRange.ALL, 10)).singleElement()
                .satisfies(r -> assertThat(r.msg().path("state").asText()).isEqualTo("online"));
        assertThat(store.newest("sat-a", "hk")).contains(StoreDataset.START.plusSeconds(StoreDataset.FRAMES - 1));
        assertThat(store.newest("sat-a", "evt")).contains(Instant.parse("2027-06-22T00:00:06Z"));
        assertThat(store.newest("nobody", "hk")).isEmpty();
        assertThat(store.satellites()).containsExactly("sat-a", "sat-b", "sat-c");
    }

    @Test
    void chosenPointsAreTheFramesValuesWhetherPickedInSqlOrThroughArrays() throws Exception {
        store.append(data.batch());
        List<String> fields = List.of("power.socPct", "mode", "power.sunlit", "boards.capsW", "no.such.point");
        TimeRange range = TimeRange.of(Instant.parse("2027-06-21T23:59:55Z"), Instant.parse("2027-06-22T00:00:05Z"));
        HkTable table = store.housekeeping(HkQuery.of("sat-a", range, fields));
        List<ArchiveRecord> expected = data.hkOf("sat-a").stream()
                .filter(r -> range.contains(r.when())).toList();
        assertThat(table.rows()).hasSize(11).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            HkTable.Row row = table.rows().get(i);
            JsonNode frame = expected.get(i).msg();
            assertThat(row.t()).isEqualTo(expected.get(i).when());
            assertThat(row.seq()).isEqualTo(frame.path("seq").asLong());
            for (int f = 0; f < fields.size(); f++) {
                assertThat(row.values().get(f)).as(fields.get(f)).isEqualTo(JsonPaths.at(frame, fields.get(f)));
            }
        }
        assertThat(table.numbers("power.socPct")[0]).isCloseTo(expected.get(0).msg().path("power").path("socPct").asDouble(),
                within(1e-9));
        // A path through an array with named elements (rates[name=housekeeping]) is resolved from the whole frame.
        HkTable rates = store.housekeeping(HkQuery.of("sat-a", range, List.of("rates.housekeeping.cycles", "power.socPct")));
        assertThat(rates.rows()).hasSize(11);
        assertThat(rates.rows().get(0).values().get(0).asLong()).isEqualTo(expected.get(0).msg().path("seq").asLong() + 1);
    }

    @Test
    void pointsWithTheirOwnColumnAreTheFramesValuesAlsoWhenZeroFalseNullNaNMissingOrOfAnotherType() throws Exception {
        // A column holds a point only in its own JSON type; zero and false are values, not SQL NULL, and where the column
        // is NULL the frame is asked.
        List<String> members = List.of(
                "\"seq\":0,\"mode\":\"\",\"power\":{\"socPct\":0.0,\"sunlit\":false},\"control\":{\"budgetW\":0.0},"
                        + "\"boards\":{\"enabled\":0}",
                "\"seq\":1,\"mode\":7,\"power\":{\"socPct\":\"NaN\",\"sunlit\":\"yes\"},\"control\":{\"budgetW\":null},"
                        + "\"boards\":{\"enabled\":2.5}",
                "\"power\":{\"socPct\":72},\"control\":{}");
        Instant t0 = Instant.parse("2027-06-21T12:00:00Z");
        List<ArchiveRecord> frames = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            Instant t = t0.plusSeconds(i);
            String text = "{\"sat\":\"sat-z\",\"t\":\"" + t + "\"," + members.get(i) + "}";
            frames.add(new ArchiveRecord(t, "sat-z", "hk", new RecordKey("sat-z", "tm/hk", i, ""), "sunsync/sat-z/tm/hk",
                    t.toString(), new ObjectMapper().readTree(text), text));
        }
        store.append(StoreBatch.of(frames));
        List<String> fields = List.of("power.socPct", "control.budgetW", "mode", "boards.enabled", "power.sunlit");
        HkTable table = store.housekeeping(HkQuery.of("sat-z", TimeRange.ALL, fields));
        assertThat(table.rows()).hasSize(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            HkTable.Row row = table.rows().get(i);
            JsonNode frame = frames.get(i).msg();
            assertThat(row.t()).isEqualTo(t0.plusSeconds(i));
            assertThat(row.seq()).isEqualTo(frame.has("seq") ? frame.path("seq").asLong() : -1);
            for (int f = 0; f < fields.size(); f++) {
                assertThat(row.values().get(f)).as(i + ": " + fields.get(f)).isEqualTo(JsonPaths.at(frame, fields.get(f)));
            }
        }
        assertThat(table.rows().get(0).values()).containsExactly(DoubleNode.valueOf(0.0), DoubleNode.valueOf(0.0),
                TextNode.valueOf(""), IntNode.valueOf(0), BooleanNode.FALSE);
        assertThat(table.rows().get(1).values()).containsExactly(TextNode.valueOf("NaN"), NullNode.getInstance(),
                IntNode.valueOf(7), DoubleNode.valueOf(2.5), TextNode.valueOf("yes"));
        assertThat(table.rows().get(2).values()).containsExactly(IntNode.valueOf(72), MissingNode.getInstance(),
                MissingNode.getInstance(), MissingNode.getInstance(), MissingNode.getInstance());
    }

    @Test
    void theFleetSnapshotIsEachSatellitesNewestFrameAtTheInstant() throws Exception {
        store.append(data.batch());
        Instant at = Instant.parse("2027-06-22T00:00:03.500Z");
        List<FleetEntry> fleet = store.snapshot(at, Duration.ofMinutes(5));
        assertThat(fleet).extracting(FleetEntry::sat).containsExactly("sat-a", "sat-b", "sat-c");
        for (FleetEntry e : fleet) {
            ArchiveRecord expected = data.hkOf(e.sat()).stream().filter(r -> !r.when().isAfter(at))
                    .reduce((a, b) -> b).orElseThrow();
            assertThat(e.t()).isEqualTo(Instant.parse("2027-06-22T00:00:03Z"));
            assertThat(e.seq()).isEqualTo(13);
            assertThat(e.frame()).isEqualTo(expected.msg());
            assertThat(e.mode()).isEqualTo(expected.msg().path("mode").asText());
            assertThat(e.socPct()).isEqualTo(expected.msg().path("power").path("socPct").asDouble());
            assertThat(e.budgetW()).isEqualTo(expected.msg().path("control").path("budgetW").asDouble());
            assertThat(e.boardsOn()).isEqualTo(expected.msg().path("control").path("boardsOn").asInt());
        }
        // Nothing newer than the lookback before the first frame: an empty fleet.
        assertThat(store.snapshot(StoreDataset.START.minusSeconds(1), Duration.ofHours(1))).isEmpty();
        // A lookback that ends before the newest frame leaves nobody out as long as one frame is inside it.
        assertThat(store.snapshot(StoreDataset.START.plusSeconds(3600), Duration.ofSeconds(10))).isEmpty();
    }

    @Test
    void eventsAreFilteredBySeverityComponentCodeAndSatellite() throws Exception {
        store.append(data.batch());
        assertThat(store.events(EventQuery.of(Set.of(), TimeRange.ALL))).extracting(EventRecord::code).containsExactly(
                "JOB_SUBMITTED", "JOB_STARTED", "SAFE_MODE_ENTERED", "BOARD_ISOLATED", "JOB_SUCCEEDED");
        assertThat(store.events(new EventQuery(Set.of(), TimeRange.ALL, Severity.MEDIUM, Set.of(), Set.of(), 100)))
                .extracting(EventRecord::code).containsExactly("SAFE_MODE_ENTERED", "BOARD_ISOLATED");
        assertThat(store.events(new EventQuery(Set.of("sat-a"), TimeRange.ALL, Severity.INFO, Set.of("jobs"), Set.of(), 100)))
                .extracting(EventRecord::code).containsExactly("JOB_SUBMITTED", "JOB_STARTED", "JOB_SUCCEEDED");
        assertThat(store.events(new EventQuery(Set.of(), TimeRange.ALL, Severity.INFO, Set.of(), Set.of("BOARD_ISOLATED"), 100)))
                .singleElement().satisfies(e -> {
                    assertThat(e.sat()).isEqualTo("sat-a");
                    assertThat(e.data().path("board").asText()).isEqualTo("board-03");
                });
        assertThat(store.events(new EventQuery(Set.of(), TimeRange.of(Instant.parse("2027-06-22T00:00:00Z"), null),
                Severity.INFO, Set.of(), Set.of(), 2))).extracting(EventRecord::code)
                .containsExactly("SAFE_MODE_ENTERED", "BOARD_ISOLATED");
    }

    @Test
    void commandHistoryHasEachCommandsReportsAndOutcome() throws Exception {
        store.append(data.batch());
        List<CommandHistory> all = store.commands(null, TimeRange.ALL);
        assertThat(all).extracting(CommandHistory::sat, CommandHistory::seq, CommandHistory::name, CommandHistory::outcome,
                CommandHistory::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("sat-a", 17L, "board.cap", "COMPLETED", null),
                org.assertj.core.groups.Tuple.tuple("sat-b", -1L, null, "REJECTED", "BAD_MAC"),
                org.assertj.core.groups.Tuple.tuple("sat-b", 5L, "mode.set", "FAILED", "INVALID_STATE"));
        assertThat(all.get(0).stages()).extracting(CommandHistory.Stage::stage).containsExactly("ACCEPTED", "STARTED", "COMPLETED");
        assertThat(all.get(0).first()).isEqualTo(Instant.parse("2027-06-21T23:59:52Z"));
        assertThat(all.get(0).last()).isEqualTo(Instant.parse("2027-06-22T00:00:02Z"));
        // A range holding only the command's last report still gives its whole history.
        List<CommandHistory> late = store.commands("sat-a", TimeRange.of(Instant.parse("2027-06-22T00:00:01Z"), null));
        assertThat(late).singleElement().satisfies(c -> assertThat(c.stages()).hasSize(3));
        assertThat(store.commands("sat-c", TimeRange.ALL)).isEmpty();
    }

    @Test
    void jobHistoryFollowsItsEventsAndCarriesItsResultManifest() throws Exception {
        store.append(data.batch());
        List<JobHistory> jobs = store.jobs(null, TimeRange.ALL);
        assertThat(jobs).singleElement().satisfies(j -> {
            assertThat(j.sat()).isEqualTo("sat-a");
            assertThat(j.jobId()).isEqualTo("job-1");
            assertThat(j.owner()).isEqualTo("ops");
            assertThat(j.state()).isEqualTo("SUCCEEDED");
            assertThat(j.reason()).isEqualTo("COMPLETED");
            assertThat(j.starts()).isEqualTo(1);
            assertThat(j.workUnits()).isEqualTo(12.5);
            assertThat(j.energyUsedWh()).isEqualTo(3.25);
            assertThat(j.resultBytes()).isEqualTo(300001);
            assertThat(j.transitions()).containsExactly("JOB_SUBMITTED", "JOB_STARTED", "JOB_SUCCEEDED");
            assertThat(j.result()).isEqualTo(new JobHistory.ResultManifest(Instant.parse("2027-06-22T00:00:07Z"),
                    Instant.parse("2027-06-22T00:00:06Z"), 300001, 1));
        });
        assertThat(store.jobs("sat-a", TimeRange.of(Instant.parse("2027-06-22T00:00:05Z"), null))).singleElement()
                .satisfies(j -> assertThat(j.transitions()).hasSize(3));
        assertThat(store.jobs("sat-b", TimeRange.ALL)).isEmpty();
    }

    @Test
    void quarantinedFramesAreKeptOnceAsTheyArrivedWithTheirReason() throws Exception {
        store.append(data.batch());
        store.append(new StoreBatch(List.of(), data.quarantined));
        List<QuarantinedFrame> q = store.quarantined(TimeRange.ALL, 100);
        assertThat(q).hasSize(2);
        assertThat(q).extracting(QuarantinedFrame::reason)
                .containsExactlyInAnyOrder(QuarantineReason.SCHEMA_VIOLATION, QuarantineReason.NOT_JSON);
        for (QuarantinedFrame f : q) {
            QuarantinedFrame sent = data.quarantined.stream().filter(s -> s.topic().equals(f.topic())).findFirst().orElseThrow();
            assertThat(f).isEqualTo(sent);
        }
    }

    @Test
    void retentionDropsOldDaysOfTelemetryAndEventsAndKeepsCommandHistory() throws Exception {
        store.append(data.batch());
        store.prepare(LocalDate.parse("2027-06-21"), 3);
        UpkeepReport r = store.retain(LocalDate.parse("2027-06-22"));
        assertThat(store.records("sat-a", "hk", TimeRange.ALL, 1000)).hasSize(10)
                .allSatisfy(rec -> assertThat(rec.t()).startsWith("2027-06-22"));
        assertThat(store.events(EventQuery.of(Set.of(), TimeRange.ALL))).extracting(EventRecord::code)
                .containsExactly("SAFE_MODE_ENTERED", "BOARD_ISOLATED", "JOB_SUCCEEDED");
        assertThat(store.commands(null, TimeRange.ALL)).hasSize(3);
        // Quarantine goes by reception time (2026-11-25): before the cut.
        assertThat(store.quarantined(TimeRange.ALL, 10)).isEmpty();
        assertThat(r.dropped().size() + r.rowsDeleted()).isPositive();
        // Data for a dropped day can still come (a satellite's backlog): it is stored, not lost.
        assertThat(store.append(StoreBatch.of(data.hkOf("sat-a").subList(0, 2))).stored()).isEqualTo(2);
        assertThat(store.records("sat-a", "hk", TimeRange.ALL, 1000)).hasSize(12);
    }
}
