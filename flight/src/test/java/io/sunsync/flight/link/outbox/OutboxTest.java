package io.sunsync.flight.link.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sunsync.flight.store.log.Damage;
import io.sunsync.hal.time.ManualTimeSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
    static final String ROOT = "sunsync/sat-001/";
    static final String HK = ROOT + "tm/hk";
    static final String EVT = ROOT + "evt";
    static final String RESULTS = ROOT + "results/job-1/chunk";
    /** The segment size of the outboxes that test limits. */
    static final int SEGMENT_BYTES = 64 << 10;

    @TempDir
    Path dir;
    final ManualTimeSource time = new ManualTimeSource();
    final List<Outbox> opened = new ArrayList<>();
    final List<DropReport> drops = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(Outbox::close);
    }

    Outbox open(OutboxConfig config) {
        Outbox o = Outbox.open(config, time, new StreamRouting(ROOT));
        o.setListener(new OutboxListener() {
            @Override
            public void onDrop(DropReport report) {
                drops.add(report);
            }
        });
        opened.add(o);
        return o;
    }

    Outbox open() {
        return open(OutboxConfig.in(dir).withFsync(FsyncPolicy.NONE));
    }

    /** A config for {@code dir} without fsync, of {@code segments} segments of {@link #SEGMENT_BYTES} at most. */
    static OutboxConfig segmented(Path dir, long segments) {
        return OutboxConfig.in(dir).withFsync(FsyncPolicy.NONE).withLimits(segments * SEGMENT_BYTES, SEGMENT_BYTES);
    }

    /** A fresh outbox holding {@code n} housekeeping messages, h0 … h(n-1), none delivered. */
    Outbox openHoldingHk(int n) {
        Outbox o = open();
        for (int i = 0; i < n; i++) {
            put(o, HK, "h" + i);
        }
        return o;
    }

    /** The outbox flight opens after a restart on the files in {@code image} (a {@link #crashImage()}). */
    Outbox recover(Path image) {
        return open(OutboxConfig.in(image).withFsync(FsyncPolicy.NONE));
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static AppendResult put(Outbox o, String topic, String body) {
        return o.append(topic, 1, false, text(body), MessageProperties.NONE);
    }

    static List<String> drain(Outbox o) {
        List<String> out = new ArrayList<>();
        Outbox.Delivery d;
        while ((d = o.next()) != null) {
            out.add(new String(d.record().payload(), StandardCharsets.UTF_8));
            o.delivered(d);
        }
        return out;
    }

    /** What a kill -9 leaves: the files as they are now, without a clean close. */
    Path crashImage() throws IOException {
        Path copy = Files.createTempDirectory(dir.getParent(), "crash-");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }

    @Test
    void drainsHighestPriorityFirstAndFifoWithinAPriority() {
        Outbox o = open();
        put(o, RESULTS, "r0");
        put(o, HK, "h0");
        put(o, EVT, "e0");
        put(o, HK, "h1");
        put(o, RESULTS, "r1");
        put(o, EVT, "e1");
        assertThat(drain(o)).containsExactly("e0", "e1", "h0", "h1", "r0", "r1");
        assertThat(o.isEmpty()).isTrue();
    }

    @Test
    void sequenceNumbersCountPerStreamAndGoOnAfterReopening() {
        Outbox o = open();
        assertThat(put(o, HK, "a").seq()).isZero();
        assertThat(put(o, HK, "b").seq()).isEqualTo(1);
        assertThat(put(o, EVT, "c").seq()).isZero();
        assertThat(put(o, HK, "d").stream()).isEqualTo("tm/hk");
        drain(o);
        o.close();
        Outbox again = open();
        assertThat(put(again, HK, "e").seq()).isEqualTo(3);
        assertThat(put(again, EVT, "f").seq()).isEqualTo(1);
        assertThat(again.stats().streams().get("tm/hk").sent()).isEqualTo(3);
    }

    @Test
    void reportsToEveryResponseTopicShareTheOneTcAckStream() throws IOException {
        Outbox o = open();
        for (int i = 0; i < 1_000; i++) {
            AppendResult r = put(o, ROOT + "tc/ack/forged-" + i, "report " + i);
            assertThat(r.stream()).isEqualTo("tc/ack");
            assertThat(r.seq()).isEqualTo(i);
        }
        drain(o);
        o.close();
        assertThat(open().stats().streams()).containsOnlyKeys("tc/ack");
        assertThat(Files.size(dir.resolve("outbox-state.json"))).as("state file bytes").isLessThan(2_000);
    }

    @Test
    void streamsAnOlderBuildMadePerResponseTopicAreForgottenAtRecovery() throws IOException {
        Outbox o = open();
        put(o, HK, "h0");
        drain(o);
        o.close();
        // What an older build left: a stream per response topic (14,010 in the security campaign).
        Path state = dir.resolve("outbox-state.json");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(state.toFile());
        for (int i = 0; i < 500; i++) {
            root.with("streams").putObject("tc/ack/forged-" + i).put("nextSeq", 1).put("sent", 1);
        }
        json.writeValue(state.toFile(), root);

        Outbox again = open();
        assertThat(again.stats().streams()).containsOnlyKeys("tm/hk");
        assertThat(put(again, HK, "h1").seq()).as("numbers of kept streams go on").isEqualTo(1);
        assertThat(Files.readString(state)).doesNotContain("forged");
    }

    @Test
    void deliveryCarriesStreamAndSeqAsUserProperties() {
        Outbox o = open();
        put(o, HK, "a");
        put(o, HK, "b");
        o.delivered(o.next());
        Outbox.Delivery d = o.next();
        assertThat(d.userProperties()).extracting(e -> e.getKey() + "=" + e.getValue())
                .containsExactly("stream=tm/hk", "seq=1");
    }

    @Test
    void undeliveredMessagesComeBackAfterACrashAndDeliveredOnesDoNot() throws IOException {
        Outbox o = openHoldingHk(10);
        for (int i = 0; i < 4; i++) {
            o.delivered(o.next());
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(dir.resolve("outbox-state.json.tmp"))
                && Files.readString(dir.resolve("outbox-state.json")).contains("\"sent\" : 4"));
        Path image = crashImage();
        Outbox recovered = recover(image);
        assertThat(recovered.recovery().pending()).isEqualTo(6);
        assertThat(recovered.recovery().clean()).isTrue();
        assertThat(drain(recovered)).containsExactly("h4", "h5", "h6", "h7", "h8", "h9");
        assertThat(put(recovered, HK, "next").seq()).isEqualTo(10);
    }

    /**
     * The lost stretches of the 1,000-kill campaign: the state was saved while every message of a
     * lane was done, more messages went into the same active segment, and flight was killed
     * before the next save (at most every 200 ms). Those messages must be sent after recovery.
     */
    @Test
    void messagesAppendedAfterTheLaneWasSavedDrainedComeBackAfterACrash() throws IOException {
        Outbox o = open();
        for (int i = 0; i < 3; i++) {
            put(o, EVT, "e" + i);
        }
        assertThat(drain(o)).hasSize(3);
        await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(dir.resolve("outbox-state.json.tmp"))
                && Files.readString(dir.resolve("outbox-state.json")).contains("\"sent\" : 3"));
        // The last save before the kill: every message of the lane done.
        byte[] savedDrained = Files.readAllBytes(dir.resolve("outbox-state.json"));
        for (int i = 3; i < 13; i++) {
            assertThat(put(o, EVT, "e" + i).seq()).isEqualTo(i);
        }
        // kill -9 now: the new records are in the segment file (written before append returned),
        // the state file is the one saved while the lane was drained.
        Path image = crashImage();
        Files.write(image.resolve("outbox-state.json"), savedDrained);

        Outbox recovered = recover(image);
        List<String> again = drain(recovered);
        assertThat(again).as("every numbered message either sent or counted as dropped")
                .containsExactly("e3", "e4", "e5", "e6", "e7", "e8", "e9", "e10", "e11", "e12");
        assertThat(recovered.stats().streams().get("evt").dropped()).isZero();
        assertThat(put(recovered, EVT, "next").seq()).isEqualTo(13);
    }

    @Test
    void aCrashBeforeTheStateIsSavedResendsRatherThanLoses() throws IOException {
        Outbox o = open(OutboxConfig.in(dir).withFsync(FsyncPolicy.NONE));
        for (int i = 0; i < 5; i++) {
            put(o, EVT, "e" + i);
        }
        o.delivered(o.next());
        // Image taken at once: the state file may not say e0 was delivered yet; at-least-once allows a resend.
        Path image = crashImage();
        Outbox recovered = recover(image);
        List<String> again = drain(recovered);
        assertThat(again).endsWith("e1", "e2", "e3", "e4");
        assertThat(again.size()).isBetween(4, 5);
        assertThat(put(recovered, EVT, "x").seq()).isEqualTo(5);
    }

    @Test
    void rewindSendsInFlightMessagesAgainInTheirOrder() {
        Outbox o = openHoldingHk(5);
        Outbox.Delivery d0 = o.next();
        Outbox.Delivery d1 = o.next();
        Outbox.Delivery d2 = o.next();
        o.delivered(d1); // acknowledged out of order
        o.rewind();
        o.delivered(d0); // stale: from before the rewind, ignored
        assertThat(drain(o)).containsExactly("h0", "h2", "h3", "h4");
        assertThat(o.stats().streams().get("tm/hk").sent()).isEqualTo(5);
        assertThat(d2.record().seq()).isEqualTo(2);
    }

    @Test
    void whenFullTheOldestLowestPriorityGoFirstAndEveryLossIsCountedPerStream() {
        Outbox o = open(segmented(dir, 4));
        String body = "x".repeat(1000);
        int results = 0;
        for (; results < 100; results++) {
            assertThat(put(o, RESULTS, body).stored()).isTrue();
        }
        int hk = 0;
        // Fill with housekeeping well past the bound: results go first, then the oldest housekeeping.
        for (; hk < 600; hk++) {
            assertThat(put(o, HK, "h" + hk + body).stored()).isTrue();
        }
        OutboxStats s = o.stats();
        assertThat(s.diskBytes()).isLessThanOrEqualTo(4L * SEGMENT_BYTES);
        assertThat(s.streams().get("results").dropped()).isEqualTo(100);
        long hkDropped = s.streams().get("tm/hk").dropped();
        assertThat(hkDropped).isPositive();
        assertThat(s.queued() + s.dropped()).isEqualTo(results + hk);
        assertThat(drops).allMatch(r -> r.reason() == DropReason.STORAGE_FULL);
        assertThat(drops.stream().mapToLong(DropReport::count).sum()).isEqualTo(100 + hkDropped);
        // What is left is the newest housekeeping, in order, with no gap after the first survivor.
        List<String> left = drain(o);
        assertThat(left).hasSize((int) (hk - hkDropped));
        assertThat(left.get(0)).startsWith("h" + hkDropped + "x");
        assertThat(left.get(left.size() - 1)).startsWith("h599x");
    }

    @Test
    void aLowerPriorityMessageIsRefusedWhenOnlyHigherPriorityOnesFillTheStore() {
        Outbox o = open(OutboxConfig.in(dir).withFsync(FsyncPolicy.NONE).withMaxMessages(50));
        for (int i = 0; i < 50; i++) {
            assertThat(put(o, EVT, "e" + i).stored()).isTrue();
        }
        long eventsQueued = o.stats().streams().get("evt").queued();
        AppendResult r = put(o, RESULTS, "r0");
        assertThat(r.stored()).isFalse();
        assertThat(r.droppedBecause()).isEqualTo(DropReason.STORAGE_FULL);
        assertThat(o.stats().streams().get("evt").queued()).isEqualTo(eventsQueued);
        assertThat(o.stats().streams().get("results").dropped()).isEqualTo(1);
    }

    @Test
    void theMessageCountBoundDropsLikeTheByteBound() {
        Outbox o = open(OutboxConfig.in(dir).withFsync(FsyncPolicy.NONE).withMaxMessages(50));
        for (int i = 0; i < 200; i++) {
            put(o, HK, "h" + i);
        }
        OutboxStats s = o.stats();
        assertThat(s.queued()).isLessThanOrEqualTo(50);
        assertThat(s.queued() + s.dropped()).isEqualTo(200);
    }

    @Test
    void aTornLastRecordIsCutOffAndReported() throws IOException {
        Outbox o = openHoldingHk(3);
        Path image = crashImage();
        Path seg = segments(image).get(0);
        // Half of a fourth record, as a crash in the middle of a write leaves it.
        byte[] fourth = RecordCodecProperties.frame(OutboxRecord.of("tm/hk", 3, Priority.NORMAL, time.now(), HK, 1, false,
                text("h3")));
        Files.write(seg, java.util.Arrays.copyOf(fourth, fourth.length / 2), StandardOpenOption.APPEND);
        long tornSize = Files.size(seg);
        Outbox recovered = recover(image);
        RecoveryReport report = recovered.recovery();
        assertThat(report.damage()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Damage.Kind.TORN_TAIL);
            assertThat(d.lengthBytes()).isEqualTo(fourth.length / 2);
        });
        assertThat(Files.size(seg)).isEqualTo(tornSize - fourth.length / 2);
        assertThat(drain(recovered)).containsExactly("h0", "h1", "h2");
    }

    @Test
    void aCorruptRecordInTheMiddleIsSkippedAndTheRecordsAfterItRecovered() throws IOException {
        Outbox o = openHoldingHk(5);
        Path image = crashImage();
        Path seg = segments(image).get(0);
        byte[] bytes = Files.readAllBytes(seg);
        int frame = RecordCodecProperties.frame(OutboxRecord.of("tm/hk", 0, Priority.NORMAL, time.now(), HK, 1, false,
                text("h0"))).length;
        int secondPayload = RecordCodec.SEGMENT_HEADER_BYTES + 2 * frame - 1;
        bytes[secondPayload] ^= 0x5A; // a flipped byte in h1
        Files.write(seg, bytes);
        Outbox recovered = recover(image);
        assertThat(recovered.recovery().damage()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Damage.Kind.CORRUPT_RECORDS);
            assertThat(d.lengthBytes()).isEqualTo(frame);
        });
        assertThat(drain(recovered)).containsExactly("h0", "h2", "h3", "h4");
    }

    @Test
    void segmentsAreDeletedOnceEverythingInThemIsDelivered() throws IOException {
        Outbox o = open(segmented(dir, 64));
        String body = "y".repeat(4000);
        for (int i = 0; i < 100; i++) {
            put(o, HK, body);
        }
        assertThat(segmentFiles(dir)).isGreaterThan(5);
        drain(o);
        assertThat(segmentFiles(dir)).isLessThanOrEqualTo(1);
        assertThat(o.stats().diskBytes()).isLessThanOrEqualTo(SEGMENT_BYTES);
    }

    @Test
    void aSegmentDeliveredWhileItWasBeingWrittenIsDeletedWhenTheNextOneStarts() throws IOException {
        // Steady state on board: each message is acknowledged before the next is written, so every
        // segment is done while it is still the one being written; before this, each one stayed on
        // disk when the lane moved on (30 mission days: 3 of them, 12 MB, beside the live one).
        Outbox o = open(segmented(dir, 64));
        String body = "y".repeat(4000);
        for (int i = 0; i < 100; i++) {
            put(o, HK, body);
            assertThat(drain(o)).hasSize(1);
            assertThat(segmentFiles(dir)).as("segment files after message %d", i).isEqualTo(1);
        }
        assertThat(o.stats().diskBytes()).isLessThanOrEqualTo(SEGMENT_BYTES);
    }

    static long segmentFiles(Path dir) throws IOException {
        return segments(dir).size();
    }

    /** The outbox's segment files in {@code dir}. */
    static List<Path> segments(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
        }
    }

    @Test
    void aMessageLargerThanASegmentIsDroppedAndReported() {
        Outbox o = open(segmented(dir, 4));
        AppendResult r = o.append(HK, 1, false, new byte[SEGMENT_BYTES], MessageProperties.NONE);
        assertThat(r.droppedBecause()).isEqualTo(DropReason.OVERSIZE);
        assertThat(drops).singleElement().extracting(DropReport::reason).isEqualTo(DropReason.OVERSIZE);
        assertThat(put(o, HK, "small").seq()).isEqualTo(1);
    }

    @Test
    void numbersHandedOutAfterTheLastStateSaveAndFoundInNoSegmentAreCountedAsUnrecordedDrops() throws IOException {
        OutboxConfig config = segmented(dir, 4);
        Outbox o = open(config);
        put(o, HK, "h0");
        Path state = dir.resolve("outbox-state.json");
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(state)
                && json.readTree(Files.readAllBytes(state)).path("streams").path("tm/hk").path("nextSeq").asLong() == 1);
        byte[] savedBeforeTheDrop = Files.readAllBytes(state);
        o.append(HK, 1, false, new byte[SEGMENT_BYTES], MessageProperties.NONE); // seq 1: dropped, oversize
        put(o, HK, "h2");
        // kill -9 before the drop reached the state file: the image holds the older state.
        Path image = crashImage();
        Files.write(image.resolve("outbox-state.json"), savedBeforeTheDrop);

        Outbox recovered = open(segmented(image, 4));

        assertThat(recovered.recovery().unrecorded()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(DropReason.UNRECORDED);
            assertThat(r.count()).isEqualTo(1);
        });
        assertThat(recovered.stats().streams().get("tm/hk").dropped()).isEqualTo(1);
        assertThat(drain(recovered)).containsExactly("h0", "h2");
        assertThat(put(recovered, HK, "h3").seq()).isEqualTo(3);
    }

    @Test
    void groupCommitHoldsBackNormalMessagesUntilFsyncedButSendsHighPriorityAtOnce() {
        Outbox o = open(new OutboxConfig(dir, null, null, null, FsyncPolicy.GROUP, 10_000));
        put(o, HK, "h0");
        assertThat(o.next()).as("not durable yet").isNull();
        put(o, EVT, "e0");
        // The event asks for an fsync at once, which covers the housekeeping frame written before it.
        await().atMost(Duration.ofSeconds(5)).until(() -> !o.isEmpty() && peekAndReturn(o));
        assertThat(drain(o)).containsExactly("e0", "h0");
    }

    private static boolean peekAndReturn(Outbox o) {
        Outbox.Delivery d = o.next();
        if (d == null) {
            return false;
        }
        o.rewind();
        return true;
    }

    @Test
    void aMessageWhoseExpiryPassedInTheOutboxIsDroppedAsExpired() {
        Outbox o = open();
        o.append(ROOT + "tc/ack", 1, false, text("late"), new MessageProperties(null, 60L, null, null, null));
        o.append(ROOT + "tc/ack", 1, false, text("fresh"), new MessageProperties(null, 600L, null, null, null));
        time.advance(Duration.ofSeconds(100));
        Outbox.Delivery d = o.next();
        assertThat(new String(d.record().payload(), StandardCharsets.UTF_8)).isEqualTo("fresh");
        assertThat(d.remainingExpiryS()).isEqualTo(500);
        assertThat(o.stats().streams().get("tc/ack").expired()).isEqualTo(1);
        assertThat(drops).singleElement().extracting(DropReport::reason).isEqualTo(DropReason.EXPIRED);
    }

    @Test
    void withoutTheStateFileSequenceNumbersGoOnFromTheRecordsOnDisk() throws IOException {
        Outbox o = openHoldingHk(7);
        Path image = crashImage();
        Files.delete(image.resolve("outbox-state.json"));
        Outbox recovered = recover(image);
        assertThat(recovered.recovery().stateProblem()).contains("missing");
        assertThat(put(recovered, HK, "h7").seq()).isEqualTo(7);
        assertThat(drain(recovered)).hasSize(8);
    }

    @Test
    void priorityChangedByCommandAppliesToNewMessages() {
        Outbox o = open();
        put(o, HK, "h0");
        o.routing().setPriority("tm/hk", Priority.HIGH);
        put(o, EVT, "e0");
        put(o, HK, "h1");
        assertThat(drain(o)).containsExactly("e0", "h1", "h0");
    }
}
