package io.sunsync.flight.link.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sunsync.flight.events.Event;
import io.sunsync.flight.link.GroundStation;
import io.sunsync.flight.link.LinkConfig;
import io.sunsync.flight.link.LinkListener;
import io.sunsync.flight.link.MqttLink;
import io.sunsync.flight.link.Topics;
import io.sunsync.flight.link.outbox.DropReport;
import io.sunsync.flight.link.outbox.FsyncPolicy;
import io.sunsync.flight.link.outbox.Outbox;
import io.sunsync.flight.link.outbox.OutboxConfig;
import io.sunsync.flight.link.outbox.Priority;
import io.sunsync.flight.link.outbox.StreamRouting;
import io.sunsync.hal.time.SystemTimeSource;
import io.sunsync.testkit.Closer;
import io.sunsync.testkit.EmbeddedBroker;
import io.sunsync.testkit.TcpProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Results in checksummed chunks over a real broker, with a ground that reassembles, NAKs and acknowledges. */
class ResultsDownlinkTest {
    static EmbeddedBroker broker;
    static final AtomicInteger SATS = new AtomicInteger(100);
    static final int CHUNK = 16 * 1024;

    @TempDir
    Path dir;
    @AutoClose
    final Closer closeAfter = new Closer();
    final List<Event> events = new CopyOnWriteArrayList<>();
    final ResultReceiver receiver = new ResultReceiver();

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.shared();
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    record Flight(MqttLink link, ResultsDownlink downlink) {
    }

    Flight flight(String url, String sat, FolderResultSource source, int windowBytes) {
        Topics topics = new Topics(sat);
        Outbox outbox = Outbox.open(OutboxConfig.in(dir.resolve("outbox")).withFsync(FsyncPolicy.NONE),
                new SystemTimeSource(), new StreamRouting(topics.under("")));
        MqttLink link = new MqttLink(LinkConfig.to(url, dir.resolve("outbox")).withReconnect(20, 200), topics,
                "sunsync-" + sat, () -> Map.of("sat", sat), outbox);
        ResultsDownlink downlink = new ResultsDownlink(source, outbox, topics, dir.resolve("results-state"),
                new SystemTimeSource(), new ResultsConfig(CHUNK, windowBytes, 1), () -> link.stats().connected(),
                events::add);
        link.addListener(new LinkListener() {
            @Override
            public void onConnected(boolean sessionPresent, int attempts, long outageMs) {
                downlink.wakeUp();
            }

            @Override
            public void onDrop(DropReport report) {
                downlink.onDrop(report);
            }
        });
        link.start();
        downlink.start();
        closeAfter.add(link::stop);
        closeAfter.add(downlink::stop);
        return new Flight(link, downlink);
    }

    GroundStation ground(String sat) throws Exception {
        GroundStation g = new GroundStation(broker.url(), sat);
        g.onMessage = r -> {
            if (r.topic().contains("/results/")) {
                try {
                    receiver.accept(r.topic(), r.payload());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        closeAfter.add(g);
        return g;
    }

    @Test
    void resultsArriveInChunksThatReassembleToTheSameBytesAndAreReleasedOnAcknowledgement() throws Exception {
        String sat = "sat-" + SATS.incrementAndGet();
        FolderResultSource source = new FolderResultSource(dir.resolve("store"));
        byte[] data = random(300_001, 1);
        Map<String, byte[]> filesA = new LinkedHashMap<>();
        filesA.put("data.bin", data);
        filesA.put("empty.txt", new byte[0]);
        source.add("job-a", filesA);
        source.add("job-b", Map.of("one.bin", new byte[] {42}));
        GroundStation ground = ground(sat);
        Flight f = flight(broker.url(), sat, source, 4 * CHUNK);
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.eofs.containsKey("job-a") && receiver.eofs.containsKey("job-b"));
        assertThat(receiver.badChunks).isEmpty();
        assertThat(receiver.manifests.get("job-a").path("files")).hasSize(2);
        assertThat(receiver.manifests.get("job-a").path("files").get(0).path("chunks").asLong()).isEqualTo(19);
        assertThat(receiver.file("job-a", "data.bin")).isEqualTo(data);
        assertThat(receiver.file("job-a", "empty.txt")).isEmpty();
        assertThat(receiver.file("job-b", "one.bin")).containsExactly(42);
        // Results travel on their own stream at the lowest priority, numbered like everything else.
        ground.assertCompleteInOrder(StreamRouting.RESULTS, ground.deduplicated(StreamRouting.RESULTS).size());
        // Contract: every results message validates against its ICD schema.
        int validated = 0;
        for (GroundStation.Received r : ground.received()) {
            if (r.topic().contains("/results/")) {
                String kind = r.topic().substring(r.topic().lastIndexOf('/') + 1);
                assertThat(io.sunsync.flight.icd.IcdSchemas.validate("results-" + kind + ".schema.json", r.text()))
                        .as("%s", r.topic()).isEmpty();
                validated++;
            }
        }
        assertThat(validated).isGreaterThan(20);
        assertThat(f.downlink().acknowledge("job-a")).isEqualTo(ResultAck.ACKNOWLEDGED);
        assertThat(f.downlink().acknowledge("job-a")).isEqualTo(ResultAck.UNKNOWN_RESULT);
        assertThat(source.acknowledged).containsExactly("job-a");
        assertThat(f.downlink().transfers()).extracting(ResultsDownlink.TransferStatus::jobId).containsExactly("job-b");
        assertThat(events).extracting(Event::code).contains("RESULT_SENT", "RESULT_ACKNOWLEDGED");
    }

    @Test
    void chunksTheGroundMissedAreSentAgainWhenItAsks() throws Exception {
        String sat = "sat-" + SATS.incrementAndGet();
        FolderResultSource source = new FolderResultSource(dir.resolve("store"));
        byte[] data = random(100_000, 2);
        source.add("job-c", Map.of("out.bin", data));
        receiver.ignoreOnce.add("job-c/out.bin/2");
        receiver.ignoreOnce.add("job-c/out.bin/5");
        ground(sat);
        Flight f = flight(broker.url(), sat, source, 4 * CHUNK);
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.eofs.containsKey("job-c"));
        assertThat(receiver.missing("job-c")).containsExactly(Map.entry("out.bin", List.of(2L, 5L)));
        assertThat(f.downlink().resend("job-c", "out.bin", List.of(2L, 5L))).isEqualTo(ResendOutcome.QUEUED);
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.file("job-c", "out.bin") != null);
        assertThat(receiver.file("job-c", "out.bin")).isEqualTo(data);
        assertThat(f.downlink().resend("job-x", "out.bin", List.of())).isEqualTo(ResendOutcome.UNKNOWN_RESULT);
        assertThat(f.downlink().resend("job-c", "nope", List.of())).isEqualTo(ResendOutcome.UNKNOWN_FILE);
        assertThat(f.downlink().resend("job-c", "out.bin", List.of(7L))).isEqualTo(ResendOutcome.BAD_CHUNK_INDEX);
        // Unacknowledged, the eof comes again (every eofRepeatS = 1 s here), so a ground that lost it learns the end.
        int eofs = receiver.eofs.get("job-c").path("attempt").asInt();
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.eofs.get("job-c").path("attempt").asInt() > eofs);
    }

    @Test
    void repeatedResendRequestsNeverQueueAChunkTwice() throws Exception {
        String sat = "sat-" + SATS.incrementAndGet();
        FolderResultSource source = new FolderResultSource(dir.resolve("store"));
        source.add("job-r", Map.of("out.bin", random(10 * CHUNK, 4)));
        // No broker: nothing drains, so every request stays queued.
        Flight f = flight("tcp://127.0.0.1:" + io.sunsync.testkit.FreePort.find(), sat, source, 4 * CHUNK);
        for (int i = 0; i < 200; i++) {
            assertThat(f.downlink().resend("job-r", "out.bin", i % 2 == 0 ? List.of() : List.of(3L, 4L, 3L)))
                    .isEqualTo(ResendOutcome.QUEUED);
        }
        ResultsDownlink.TransferStatus t = f.downlink().transfers().get(0);
        assertThat(t.chunksTotal()).isEqualTo(10);
        assertThat(t.resendQueued()).isEqualTo(10);
    }

    @Test
    void aTransferCutByALinkOutageAndAFlightRestartResumesWhereItWas() throws Exception {
        String sat = "sat-" + SATS.incrementAndGet();
        FolderResultSource source = new FolderResultSource(dir.resolve("store"));
        byte[] data = random(64 * CHUNK, 3);
        source.add("job-d", Map.of("big.bin", data));
        ground(sat);
        TcpProxy proxy = TcpProxy.to(broker.port());
        closeAfter.add(proxy);
        Flight first = flight(proxy.url(), sat, source, 2 * CHUNK);
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.chunkMessages >= 20);
        proxy.cut();
        first.downlink().stop();
        first.link().stop();
        long before = receiver.chunkMessages;
        assertThat(before).isLessThan(64);
        proxy.restore();
        Flight second = flight(proxy.url(), sat, source, 2 * CHUNK);
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.file("job-d", "big.bin") != null);
        assertThat(receiver.file("job-d", "big.bin")).isEqualTo(data);
        // Resumed, not restarted: at most the window (2 chunks) plus what was in flight came twice.
        assertThat(receiver.chunkMessages).isLessThanOrEqualTo(64 + 2 + 64 / 2);
        assertThat(receiver.chunkMessages).isLessThan(before + 64);
        // The receiver may hold the whole file before flight has the EOF's PUBACK: wait for the phase.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(second.downlink().transfers()).singleElement()
                .extracting(ResultsDownlink.TransferStatus::phase).isEqualTo(ResultsDownlink.Phase.EOF_SENT));
    }

    @Test
    void aResultWhoseFileNoLongerMatchesItsRecordedHashIsReportedAndNotSent() throws Exception {
        String sat = "sat-" + SATS.incrementAndGet();
        FolderResultSource source = new FolderResultSource(dir.resolve("store"));
        source.addWithWrongHash("job-e", "bad.bin", random(5000, 4));
        source.add("job-f", Map.of("good.bin", random(5000, 5)));
        ground(sat);
        Flight f = flight(broker.url(), sat, source, 4 * CHUNK);
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.eofs.containsKey("job-f"));
        assertThat(receiver.manifests).doesNotContainKey("job-e");
        assertThat(events).filteredOn(e -> e.code().equals("RESULT_CORRUPT")).singleElement()
                .satisfies(e -> assertThat(e.data()).containsEntry("job", "job-e"));
        assertThat(f.downlink().resend("job-e", "bad.bin", List.of())).isEqualTo(ResendOutcome.TRANSFER_FAILED);
        assertThat(f.downlink().transfers()).filteredOn(t -> t.jobId().equals("job-e")).singleElement()
                .extracting(ResultsDownlink.TransferStatus::phase).isEqualTo(ResultsDownlink.Phase.FAILED);
    }

    @Test
    void nothingIsQueuedWhileTheLinkIsDown() {
        String sat = "sat-" + SATS.incrementAndGet();
        Topics topics = new Topics(sat);
        FolderResultSource source = new FolderResultSource(dir.resolve("store"));
        source.add("job-g", Map.of("x.bin", random(50_000, 6)));
        Outbox outbox = Outbox.open(OutboxConfig.in(dir.resolve("ob")).withFsync(FsyncPolicy.NONE),
                new SystemTimeSource(), new StreamRouting(topics.under("")));
        closeAfter.add(outbox);
        boolean[] up = {false};
        ResultsDownlink d = new ResultsDownlink(source, outbox, topics, dir.resolve("rs"), new SystemTimeSource(),
                new ResultsConfig(CHUNK, 2 * CHUNK, 60), () -> up[0], events::add);
        d.step();
        assertThat(outbox.queued(Priority.LOW)).isZero();
        up[0] = true;
        d.step();
        // The manifest and the chunks that fit the window: never more than the window plus one message.
        assertThat(outbox.queued(Priority.LOW)).isBetween(2L, 4L);
        assertThat(outbox.queuedBytes(Priority.LOW)).isLessThan(2L * CHUNK * 4 / 3 + 2 * 2048);
    }
}
