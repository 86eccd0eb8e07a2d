package io.sunsync.bench.link;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.bench.cli.BenchCommand;
import io.sunsync.bench.cli.OutFile;
import io.sunsync.bench.cli.Quick;
import io.sunsync.bench.cli.ScratchDir;
import io.sunsync.flight.link.Json;
import io.sunsync.flight.link.LinkConfig;
import io.sunsync.flight.link.MqttLink;
import io.sunsync.flight.link.Topics;
import io.sunsync.flight.link.outbox.FsyncPolicy;
import io.sunsync.flight.link.outbox.MessageProperties;
import io.sunsync.flight.link.outbox.Outbox;
import io.sunsync.flight.link.outbox.OutboxConfig;
import io.sunsync.flight.link.outbox.StreamRouting;
import io.sunsync.hal.time.SystemTimeSource;
import io.sunsync.testkit.MosquittoBroker;
import io.sunsync.testkit.TestFiles;
import io.sunsync.testkit.mqtt.Message;
import io.sunsync.testkit.mqtt.TestMqttClient;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Outbox drain rate after a long outage, through a real Mosquitto on loopback: 24 h of 1 Hz
 * housekeeping (86,400 frames) are queued in the on-disk outbox while the link is down (flight
 * restarted in between: the outbox is closed and opened again, so recovery is timed too), then
 * the link comes up and drains it to a ground subscriber (QoS 1) that checks every sequence number.
 * Target: at least 5,000 messages/s with zero loss. {@code ./sunsync bench outbox-drain}; JSON in
 * {@code bench/out/outbox-drain.json} (or {@code --out FILE}). Needs mosquitto installed.
 */
@Command(name = "outbox-drain", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"A day of 1 Hz housekeeping queued during an outage, then drained through a real Mosquitto: "
                + "msg/s and zero loss.", "--quick: 30,000 frames instead of 86,400."})
public final class OutboxDrainBench implements Callable<Integer> {
    private OutboxDrainBench() {
    }

    /** A ground subscriber that records which sequence numbers of {@code tm/hk} arrived (on Paho's thread). */
    static final class Ground implements Consumer<Message> {
        final BitSet seen = new BitSet();
        final AtomicLong received = new AtomicLong();
        final AtomicLong duplicates = new AtomicLong();
        final AtomicLong outOfOrder = new AtomicLong();
        volatile long distinct;
        volatile long lastArrivalNs;
        private long highest = -1;

        @Override
        public synchronized void accept(Message m) {
            String seqText = m.userProperty("seq");
            long seq = seqText == null ? -1 : Long.parseLong(seqText);
            received.incrementAndGet();
            if (seq < 0 || m.retained()) {
                return;
            }
            if (seen.get((int) seq)) {
                duplicates.incrementAndGet();
                return;
            }
            if (seq < highest) {
                outOfOrder.incrementAndGet();
            }
            highest = Math.max(highest, seq);
            seen.set((int) seq);
            distinct++;
            lastArrivalNs = System.nanoTime();
        }
    }

    @Mixin
    OutFile outFile;

    @Mixin
    Quick quick;

    @Option(names = "--frames", paramLabel = "N", description = "Housekeeping frames queued (default: 86,400, a day at 1 Hz; "
            + "with --quick 30,000).")
    Integer framesOption;

    @Mixin
    ScratchDir scratch;

    public static void main(String[] args) {
        BenchCommand.exit(new OutboxDrainBench(), args);
    }

    @Override
    public Integer call() throws Exception {
        int frames = quick.pick(framesOption, 86_400, 30_000);
        String sat = "bench-sat";
        Topics topics = new Topics(sat);
        Path dir = scratch.create("outbox-drain-");
        OutboxConfig oc = OutboxConfig.in(dir.resolve("outbox")).withFsync(FsyncPolicy.GROUP);
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("benchmark", "outbox-drain");
        json.put("frames", frames);
        json.put("broker", "mosquitto (child process, loopback)");
        json.put("fsync", "group");
        try (MosquittoBroker broker = MosquittoBroker.builder().configLine("max_queued_messages 1000000").start()) {
            Ground ground = new Ground();
            TestMqttClient sub = TestMqttClient.to(broker).clientId("bench-ground").keepMessages(false).onMessage(ground)
                    .connect();
            sub.subscribe("sunsync/" + sat + "/tm/hk");

            // 1. The outage: a day of housekeeping goes to disk with nowhere to send it.
            byte[][] payloads = new byte[1024][];
            for (int i = 0; i < payloads.length; i++) {
                payloads[i] = OutboxAppendBench.frame(i);
            }
            Outbox offline = Outbox.open(oc, new SystemTimeSource(), new StreamRouting(topics.under("")));
            long a0 = System.nanoTime();
            for (int i = 0; i < frames; i++) {
                offline.append(topics.housekeeping(), 1, true, payloads[i & 1023], MessageProperties.NONE);
            }
            long a1 = System.nanoTime();
            long diskBytes = offline.stats().diskBytes();
            offline.close();

            // 2. Flight restarts (recovery), the link comes up, the outbox drains.
            long r0 = System.nanoTime();
            Outbox outbox = Outbox.open(oc, new SystemTimeSource(), new StreamRouting(topics.under("")));
            long r1 = System.nanoTime();
            long recovered = outbox.recovery().pending();
            MqttLink link = new MqttLink(LinkConfig.to(broker.url(), dir.resolve("outbox")), topics, "sunsync-" + sat,
                    () -> Map.of("sat", sat), outbox);
            long d0 = System.nanoTime();
            link.start();
            long acked = -1;
            long deadline = d0 + 600_000_000_000L;
            while (ground.distinct < frames && System.nanoTime() < deadline) {
                if (acked < 0 && outbox.isEmpty()) {
                    acked = System.nanoTime();
                }
                Thread.sleep(2);
            }
            if (acked < 0 && outbox.isEmpty()) {
                acked = System.nanoTime();
            }
            long d1 = ground.lastArrivalNs;
            long dropped = link.stats().dropped();
            long connectedAfterMs = -1;
            link.stop();
            sub.close();

            double appendS = (a1 - a0) / 1e9;
            double drainS = (d1 - d0) / 1e9;
            double ackS = acked < 0 ? Double.NaN : (acked - d0) / 1e9;
            long missing = frames - ground.distinct;
            boolean zeroLoss = missing == 0 && dropped == 0 && ground.seen.nextClearBit(0) == frames;
            json.put("frameBytes", payloads[0].length);
            json.put("outboxDiskBytes", diskBytes);
            json.put("appendMsgPerS", frames / appendS);
            json.put("recoveryMs", (r1 - r0) / 1e6);
            json.put("recoveredMessages", recovered);
            json.put("drainSeconds", drainS);
            json.put("drainMsgPerS", frames / drainS);
            json.put("allAcknowledgedSeconds", ackS);
            json.put("received", ground.received.get());
            json.put("distinct", ground.distinct);
            json.put("duplicates", ground.duplicates.get());
            json.put("outOfOrder", ground.outOfOrder.get());
            json.put("missing", missing);
            json.put("droppedByFlight", dropped);
            json.put("zeroLoss", zeroLoss);
            json.put("targetMsgPerS", 5000);
            json.put("meetsTarget", zeroLoss && frames / drainS >= 5000);
            System.out.printf("outbox drain through Mosquitto on loopback: %,d housekeeping frames of %d B (24 h at 1 Hz)%n",
                    frames, payloads[0].length);
            System.out.printf("  queued during the outage   %,.0f msg/s (%.1f MB on disk, fsync group)%n", frames / appendS,
                    diskBytes / 1e6);
            System.out.printf("  recovery after restart     %.0f ms for %,d messages%n", (r1 - r0) / 1e6, recovered);
            System.out.printf("  drain (link up -> ground)  %.2f s = %,.0f msg/s (target >= 5,000)%n", drainS, frames / drainS);
            System.out.printf("  all PUBACKed after         %.2f s%n", ackS);
            System.out.printf("  ground: %,d received, %,d distinct, %d duplicates, %d out of order, %d missing; "
                    + "flight dropped %d -> %s%n", ground.received.get(), ground.distinct, ground.duplicates.get(),
                    ground.outOfOrder.get(), missing, dropped, zeroLoss ? "ZERO LOSS" : "LOSS");
        } finally {
            TestFiles.deleteTree(dir);
        }
        System.out.println("wrote " + outFile.write(json));
        return 0;
    }
}
