package io.sunsync.bench.link;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sunsync.bench.campaign.CampaignSigner;
import io.sunsync.bench.cli.BenchCommand;
import io.sunsync.bench.cli.OutFile;
import io.sunsync.bench.cli.Quick;
import io.sunsync.flight.cmd.Commanding;
import io.sunsync.flight.cmd.CommandingConfig;
import io.sunsync.flight.cmd.InMemoryModeControl;
import io.sunsync.flight.link.InboundMessage;
import io.sunsync.flight.link.LinkConfig;
import io.sunsync.flight.link.MqttLink;
import io.sunsync.flight.link.Topics;
import io.sunsync.flight.link.outbox.FsyncPolicy;
import io.sunsync.flight.link.outbox.Outbox;
import io.sunsync.flight.link.outbox.OutboxConfig;
import io.sunsync.flight.link.outbox.StreamRouting;
import io.sunsync.hal.time.SystemTimeSource;
import io.sunsync.testkit.MosquittoBroker;
import io.sunsync.testkit.mqtt.Message;
import io.sunsync.testkit.mqtt.PublishProperties;
import io.sunsync.testkit.mqtt.TestMqttClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.common.MqttException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Commanding benchmark ({@code ./sunsync bench command}): (1) authenticated commands verified per
 * second in process (envelope parse, schema checks, HMAC, anti-replay fsync, dispatch, reports
 * encoded); (2) command round trip, ground publish of a signed {@code ping} to its COMPLETED report,
 * through a real Mosquitto on loopback, one at a time (p50/p99, HdrHistogram); (3) pipelined
 * commands per second through the same broker. Flight's commanding and MQTT link and the ground
 * client share this JVM; the broker is a separate process. Writes {@code bench/out/command.json}.
 */
@Command(name = "command", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Commanding: authenticated commands/s in process; send -> COMPLETED round trip p50/p99 and pipelined "
                + "commands/s through a real Mosquitto on loopback.", "--quick: 5,000 / 1,000 / 2,000 commands."})
public final class CommandBench implements Callable<Integer> {
    private static final String SAT = "sat-001";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where flight sends the ground's verification reports. */
    private static final String REPLY = "sunsync/sat-001/tc/ack/bench";

    @Mixin
    OutFile outFile;

    @Mixin
    Quick quick;

    @Option(names = "--verifications", paramLabel = "N",
            description = "Commands verified and executed in process (default: 20,000; with --quick 5,000).")
    Integer verifications;

    @Option(names = "--round-trips", paramLabel = "N",
            description = "Commands sent one at a time through Mosquitto; 0: no broker part (default: 2,000; with --quick 1,000).")
    Integer roundTripsOption;

    @Option(names = "--pipelined", paramLabel = "N",
            description = "Commands sent pipelined through Mosquitto (default: 5,000; with --quick 2,000).")
    Integer pipelinedOption;

    @Option(names = "--mosquitto-line", paramLabel = "LINE", defaultValue = "set_tcp_nodelay true",
            description = "A line added to Mosquitto's config (default: ${DEFAULT-VALUE}).")
    String mosquittoLine;

    @Option(names = "--outbox-fsync", paramLabel = "POLICY", defaultValue = "group",
            description = "Flight's outbox fsync policy: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    FsyncPolicy outboxFsync;

    private CommandBench() {
    }

    public static void main(String[] args) {
        BenchCommand.exit(new CommandBench(), args);
    }

    @Override
    public Integer call() throws Exception {
        int verifyN = quick.pick(verifications, 20_000, 5_000);
        int roundTrips = quick.pick(roundTripsOption, 2_000, 1_000);
        int pipelined = quick.pick(pipelinedOption, 5_000, 2_000);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "command");
        out.put("java", System.getProperty("java.version"));
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("loadAverage", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.put("verify", verifyRate(verifyN));
        if (roundTrips > 0) {
            out.put("mosquitto", throughBroker(roundTrips, pipelined));
        }
        Path file = outFile.write(out);
        System.out.printf("load average %.1f on %d cores (figures are for this machine as it was)%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        System.out.println("written " + file.toAbsolutePath());
        return 0;
    }

    private static Path stateDir() throws Exception {
        Path dir = Files.createTempDirectory("sunsync-bench-cmd-");
        CampaignSigner.writeKeyFile(dir, SAT);
        return dir;
    }

    private static Map<String, Object> verifyRate(int n) throws Exception {
        Path dir = stateDir();
        SystemTimeSource time = new SystemTimeSource();
        Commanding c = new Commanding(new CommandingConfig("keys.json", "state", null, null, null, null, null), dir, SAT,
                "bench", time, m -> { }, new Topics(SAT), new InMemoryModeControl(), e -> { });
        CampaignSigner signer = new CampaignSigner(SAT, 1, CampaignSigner.KEY1);
        Instant expires = time.now().plus(Duration.ofHours(1));
        List<InboundMessage> msgs = new ArrayList<>(n);
        int warm = Math.min(2_000, n / 4);
        for (int i = 1; i <= n + warm; i++) {
            msgs.add(new InboundMessage("sunsync/sat-001/tc", signer.sign(i, "ping", Map.of(), expires), 1, false, false,
                    null, null, null, Map.of()));
        }
        for (int i = 0; i < warm; i++) {
            c.onMessage(msgs.get(i));
        }
        long t0 = System.nanoTime();
        for (int i = warm; i < warm + n; i++) {
            c.onMessage(msgs.get(i));
        }
        double s = (System.nanoTime() - t0) / 1e9;
        long accepted = c.counters().snapshot().accepted();
        if (accepted != n + warm) {
            throw new IllegalStateException("only " + accepted + " of " + (n + warm) + " accepted");
        }
        double rate = n / s;
        System.out.printf("authenticated commands verified and executed in process: %,.0f /s (%d pings, %.2f s)%n",
                rate, n, s);
        return Map.of("commands", n, "seconds", s, "commandsPerS", rate);
    }

    private Map<String, Object> throughBroker(int roundTrips, int pipelined) throws Exception {
        Path dir = stateDir();
        SystemTimeSource time = new SystemTimeSource();
        Topics topics = new Topics(SAT);
        Map<Long, CountDownLatch> waiting = new ConcurrentHashMap<>();
        try (MosquittoBroker broker = MosquittoBroker.builder().configLine(mosquittoLine).start()) {
            FsyncPolicy fsync = outboxFsync;
            OutboxConfig outboxConfig = new OutboxConfig(dir.resolve("outbox"), null, null, null, fsync, null);
            MqttLink link = new MqttLink(LinkConfig.to(broker.url(), dir.resolve("outbox")).withOutbox(outboxConfig), topics,
                    "bench-flight", () -> Map.of("sat", SAT, "software", "bench", "t", time.now().toString(),
                    "backends", Map.of()), Outbox.open(outboxConfig, time, new StreamRouting(topics.under(""))));
            Commanding c = new Commanding(new CommandingConfig("keys.json", "state", null, null, null, null, null), dir, SAT,
                    "bench", time, link, topics, new InMemoryModeControl(), e -> { });
            java.util.concurrent.LinkedBlockingQueue<long[]> arrivals = new java.util.concurrent.LinkedBlockingQueue<>();
            link.subscribe(c.commandTopic(), 1, m -> {
                long a = System.nanoTime();
                c.onMessage(m);
                arrivals.add(new long[] {a, System.nanoTime()});
            });
            link.start();
            TestMqttClient ground = TestMqttClient.to(broker).clientId("bench-ground").receiveMaximum(1000)
                    .socketFactory(io.sunsync.flight.link.NoDelaySockets.plain()).keepMessages(false).onMessage(m -> {
                        JsonNode r = report(m);
                        if ("COMPLETED".equals(r.path("stage").asText())) {
                            CountDownLatch l = waiting.remove(r.path("seq").asLong());
                            if (l != null) {
                                l.countDown();
                            }
                        }
                    }).connect();
            ground.subscribe(REPLY);
            // Wait until flight is connected and subscribed: a ping answers.
            CampaignSigner signer = new CampaignSigner(SAT, 1, CampaignSigner.KEY1);
            Instant expires = time.now().plus(Duration.ofHours(1));
            long seq = 0;
            CountDownLatch first = new CountDownLatch(1);
            waiting.put(++seq, first);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!first.await(200, TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("flight never answered through mosquitto");
                }
                send(ground, signer.sign(seq, "ping", Map.of(), expires));
                waiting.putIfAbsent(seq, first);
                seq++;
                waiting.put(seq, first);
            }
            // 1. Round trip, one command at a time.
            Histogram h = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
            Histogram up = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
            Histogram proc = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
            arrivals.clear();
            int warm = 200;
            for (int i = 0; i < warm + roundTrips; i++) {
                long s = ++seq;
                byte[] payload = signer.sign(s, "ping", Map.of(), expires);
                CountDownLatch done = new CountDownLatch(1);
                waiting.put(s, done);
                arrivals.clear();
                long t0 = System.nanoTime();
                send(ground, payload);
                if (!done.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("no COMPLETED for seq " + s);
                }
                long[] a = arrivals.poll(1, TimeUnit.SECONDS);
                if (i >= warm) {
                    h.recordValue((System.nanoTime() - t0) / 1_000);
                    if (a != null) {
                        up.recordValue(Math.max(0, a[0] - t0) / 1_000);
                        proc.recordValue(Math.max(0, a[1] - a[0]) / 1_000);
                    }
                }
            }
            System.out.printf("  of which ground -> flight handler p50 %.2f ms, handler (verify + execute + queue reports)"
                    + " p50 %.2f ms%n", up.getValueAtPercentile(50) / 1000.0, proc.getValueAtPercentile(50) / 1000.0);
            double p50 = h.getValueAtPercentile(50) / 1000.0;
            double p99 = h.getValueAtPercentile(99) / 1000.0;
            System.out.printf("round trip through mosquitto (send -> COMPLETED), %d commands: p50 %.2f ms, p99 %.2f ms,"
                    + " max %.2f ms%n", roundTrips, p50, p99, h.getMaxValue() / 1000.0);
            // 2. Pipelined: all sent at once, until every COMPLETED is back.
            List<byte[]> payloads = new ArrayList<>(pipelined);
            CountDownLatch all = new CountDownLatch(pipelined);
            long base = seq;
            for (int i = 1; i <= pipelined; i++) {
                payloads.add(signer.sign(base + i, "ping", Map.of(), expires));
                waiting.put(base + i, all);
            }
            long t0 = System.nanoTime();
            List<IMqttToken> tokens = new ArrayList<>();
            try {
                pipeline(ground, payloads, tokens);
            } catch (MqttException e) {
                System.out.println(Files.readString(broker.home().resolve("mosquitto.log")));
                throw e;
            }
            if (!all.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException(all.getCount() + " pipelined commands unanswered");
            }
            double s = (System.nanoTime() - t0) / 1e9;
            double rate = pipelined / s;
            System.out.printf("pipelined through mosquitto: %,.0f authenticated commands/s (%d commands, each with 3 reports,"
                    + " in %.2f s)%n", rate, pipelined, s);
            ground.close();
            link.stop();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("roundTrips", roundTrips);
            m.put("p50Ms", p50);
            m.put("p99Ms", p99);
            m.put("maxMs", h.getMaxValue() / 1000.0);
            m.put("pipelinedCommands", pipelined);
            m.put("pipelinedSeconds", s);
            m.put("pipelinedCommandsPerS", rate);
            return m;
        }
    }

    private static void pipeline(TestMqttClient ground, List<byte[]> payloads, List<IMqttToken> tokens)
            throws MqttException {
        for (byte[] p : payloads) {
            // Paho allows 10 QoS 1 publishes in flight by default: keep at most 8.
            while (tokens.size() >= 8) {
                tokens.remove(0).waitForCompletion(10_000);
            }
            tokens.add(send(ground, p));
        }
    }

    private static IMqttToken send(TestMqttClient ground, byte[] payload) throws MqttException {
        return ground.publishAsync("sunsync/sat-001/tc", payload, 1, false,
                PublishProperties.NONE.withResponseTopic(REPLY).withMessageExpiryS(60L));
    }

    /** A verification report the ground received. */
    private static JsonNode report(Message m) {
        try {
            return JSON.readTree(m.payload());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
