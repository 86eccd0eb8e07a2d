package io.sunsync.bench.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sunsync.bench.cli.BenchCommand;
import io.sunsync.bench.cli.Seed;
import io.sunsync.testkit.MosquittoBroker;
import io.sunsync.testkit.mqtt.Message;
import io.sunsync.testkit.mqtt.PublishProperties;
import io.sunsync.testkit.mqtt.TestMqttClient;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.paho.mqttv5.common.MqttException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The hostile-input campaign ({@code ./sunsync hostile [--count N]}): flight runs as its own JVM
 * ({@code -Xmx64m}, sim hardware, commanding and jobs on) against a real Mosquitto on loopback; a
 * ground that holds the satellite's key arms and commands SAFE mode (the only commands meant to be
 * accepted), then sends {@code count} hostile commands ({@link HostileCommands}: malformed,
 * oversized, bad MAC, unknown key, replayed, expired, not yet valid, unknown, out of range, wrong
 * mode, not armed, wrong satellite), each with its index as MQTT 5 correlation data, at most
 * {@code window} unanswered at a time. Every one must be answered REJECTED with the reason its
 * kind calls for (an identical copy of a recent command: that command's report, marked
 * duplicate); none accepted; flight alive with no internal error in its log; its live heap after
 * a full GC ({@code jcmd}) no larger at the end than after warm-up, within a tolerance.
 * Writes {@code bench/out/hostile.json} and {@code hostile.md}.
 */
public final class HostileCampaign {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SAT = "sat-001";
    private static final int MAX_PAYLOAD_BYTES = 16_384;

    /**
     * Settings.
     *
     * @param count        hostile commands to send
     * @param seed         random seed
     * @param window       most commands unanswered at a time
     * @param heapSlackKb  how much the live heap may grow from warm-up to the end, in KiB
     * @param poisonMb     size of the poison message sent first, in MiB (0: none): one unsigned
     *                     QoS 1 command of this size while flight runs, and one more while it is
     *                     down (kill -9), which its persistent session would redeliver at restart
     * @param work         working folder (config, flight state, flight.log)
     */
    public record Options(int count, long seed, int window, long heapSlackKb, int poisonMb, Path work) {
    }

    /** The outcome: figures for the summary and every problem found (none when it passed). */
    public record Summary(Map<String, Object> figures, List<String> problems) {
        public boolean passed() {
            return problems.isEmpty();
        }
    }

    private HostileCampaign() {
    }

    /** Runs the campaign. */
    public static Summary run(Options o) throws Exception {
        List<String> problems = new ArrayList<>();
        Map<String, Object> f = new LinkedHashMap<>();
        FlightProcess flight = FlightProcess.prepare(o.work(), SAT, "64m", List.of(), List.of());
        Path log = flight.log();
        Instant epoch = Instant.parse("2027-04-01T00:00:00Z");
        try (MosquittoBroker broker = MosquittoBroker.builder().start()) {
            flight.start(SimFlightConfig.of("the hostile campaign", SAT, broker.url(), "state")
                    .with("link.sessionExpiryS", 3600)
                    .with("commanding.maxPayloadBytes", MAX_PAYLOAD_BYTES)
                    .with("hardware.backends.sim.boards", 8)
                    .with("hardware.backends.sim.speed", 1)
                    .with("hardware.backends.sim.epoch", epoch.toString())
                    .with("hardware.backends.sim.seed", o.seed()));
            try (Ground ground = new Ground(broker.url(), o.window())) {
                ground.awaitHk(Duration.ofSeconds(60));
                if (o.poisonMb() > 0) {
                    poison(o, broker, flight, ground, f, problems);
                }
                CampaignSigner signer = new CampaignSigner(SAT, 1, CampaignSigner.KEY1);
                Instant later = epoch.plus(Duration.ofDays(3650));
                // The set-up: arm, then SAFE mode (the only commands meant to be accepted).
                JsonNode armed = ground.command(signer.sign(1, "arm", Map.of("command", "mode.set",
                        "args", Map.of("mode", "SAFE")), later), Duration.ofSeconds(30));
                String token = armed.path("data").path("token").asText();
                var modeSet = signer.cmd(2, "mode.set", Map.of("mode", "SAFE"), later);
                modeSet.put("arm", token);
                JsonNode safe = ground.command(signer.sign(modeSet), Duration.ofSeconds(30));
                if (!safe.path("stage").asText().equals("COMPLETED")) {
                    throw new IllegalStateException("set-up failed: arm " + armed + ", mode.set " + safe);
                }
                HostileCommands gen = new HostileCommands(SAT, signer, o.seed(), 10, epoch, MAX_PAYLOAD_BYTES);
                gen.markUsed(1);
                gen.markUsed(2);

                int warm = Math.min(5_000, Math.max(1, o.count() / 10));
                int sampleEvery = Math.max(1, Math.min(5_000, o.count() / 10));
                long t0 = System.nanoTime();
                List<HostileCommands.Hostile> sent = new ArrayList<>(o.count());
                long heapWarmKb = -1;
                long heapPeakKb = 0;
                long threadsPeak = 0;
                long rssPeakKb = 0;
                for (int i = 0; i < o.count(); i++) {
                    HostileCommands.Hostile h = gen.next();
                    sent.add(h);
                    ground.send(i, h.payload());
                    if (i + 1 == warm) {
                        ground.awaitAnswers(i + 1, Duration.ofSeconds(120));
                        heapWarmKb = JvmProbe.liveHeapKb(flight.pid());
                    }
                    if ((i + 1) % sampleEvery == 0) {
                        heapPeakKb = Math.max(heapPeakKb, JvmProbe.heapKb(flight.pid()));
                        threadsPeak = Math.max(threadsPeak, JvmProbe.threads(flight.pid()));
                        rssPeakKb = Math.max(rssPeakKb, JvmProbe.rssKb(flight.pid()));
                        System.out.printf(Locale.ROOT, "hostile: %,d sent, %,d answered, flight heap %,d KiB, %d threads%n",
                                i + 1, ground.answered(), JvmProbe.heapKb(flight.pid()), JvmProbe.threads(flight.pid()));
                    }
                    if (!flight.alive()) {
                        problems.add("flight died after " + (i + 1) + " hostile commands (exit " + flight.exited() + ")");
                        break;
                    }
                }
                boolean all = ground.awaitAnswers(sent.size(), Duration.ofSeconds(120));
                double wallS = (System.nanoTime() - t0) / 1e9;
                long heapEndKb = flight.alive() ? JvmProbe.liveHeapKb(flight.pid()) : -1;
                threadsPeak = Math.max(threadsPeak, flight.alive() ? JvmProbe.threads(flight.pid()) : 0);
                JsonNode hk = ground.awaitHkAfter(Instant.now(), Duration.ofSeconds(10));

                // Judge every answer.
                Map<String, Map<String, Long>> byKind = new TreeMap<>();
                Map<String, Long> rejectedBy = new TreeMap<>();
                long accepted = 0;
                long unanswered = 0;
                long wrongReason = 0;
                long duplicates = 0;
                long multiple = 0;
                List<String> samples = new ArrayList<>();
                for (int i = 0; i < sent.size(); i++) {
                    HostileCommands.Hostile h = sent.get(i);
                    List<JsonNode> answers = ground.answers(i);
                    Map<String, Long> k = byKind.computeIfAbsent(h.kind().name(), x -> new TreeMap<>());
                    k.merge("sent", 1L, Long::sum);
                    if (answers.isEmpty()) {
                        unanswered++;
                        k.merge("unanswered", 1L, Long::sum);
                        continue;
                    }
                    if (answers.size() > 1) {
                        multiple++;
                    }
                    JsonNode a = answers.get(0);
                    String stage = a.path("stage").asText();
                    String reason = a.path("reason").asText();
                    if (!stage.equals("REJECTED")) {
                        accepted++;
                        k.merge("accepted", 1L, Long::sum);
                        samples.add("#" + i + " " + h.kind() + " was answered " + stage + ": " + a);
                        continue;
                    }
                    rejectedBy.merge(reason, 1L, Long::sum);
                    if (a.path("duplicate").asBoolean()) {
                        duplicates++;
                    }
                    boolean right = reason.equals(h.reason()) && a.path("duplicate").asBoolean() == h.duplicate();
                    if (!right) {
                        wrongReason++;
                        k.merge("wrongReason", 1L, Long::sum);
                        if (samples.size() < 20) {
                            samples.add("#" + i + " " + h.kind() + " expected " + h.reason() + (h.duplicate() ? " (duplicate)" : "")
                                    + ", got " + reason + (a.path("duplicate").asBoolean() ? " (duplicate)" : "") + ": "
                                    + a.path("message").asText() + " | payload " + preview(h.payload()));
                        }
                    } else {
                        k.merge("rightReason", 1L, Long::sum);
                    }
                }
                long internalErrors;
                long uncaught;
                try (Stream<String> lines = Files.lines(log)) {
                    List<String> l = lines.toList();
                    internalErrors = l.stream().filter(x -> x.contains("command dispatch failed")
                            || x.contains("failed at") && x.contains("rate group")).count();
                    uncaught = l.stream().filter(x -> x.contains("Exception in thread") || x.contains("OutOfMemoryError")).count();
                }
                long flightAccepted = hk == null ? -1 : hk.path("commanding").path("accepted").asLong(-1);
                f.put("campaign", "hostile input");
                f.put("seed", o.seed());
                f.put("hostileSent", sent.size());
                f.put("answered", sent.size() - unanswered);
                f.put("unanswered", unanswered);
                f.put("accepted", accepted);
                f.put("rightReason", sent.size() - unanswered - accepted - wrongReason);
                f.put("wrongReason", wrongReason);
                f.put("answeredAsDuplicate", duplicates);
                f.put("answeredMoreThanOnce", multiple);
                f.put("rejectedByReason", rejectedBy);
                f.put("byKind", byKind);
                f.put("flightAlive", flight.alive());
                f.put("flightInternalErrors", internalErrors);
                f.put("flightUncaughtExceptions", uncaught);
                f.put("flightCommandsAcceptedPerHk", flightAccepted);
                f.put("setupCommandsAccepted", 2);
                f.put("heapLiveAfterWarmupKb", heapWarmKb);
                f.put("heapLiveAtEndKb", heapEndKb);
                f.put("heapGrowthKb", heapEndKb - heapWarmKb);
                f.put("heapPeakSampledKb", heapPeakKb);
                f.put("flightThreadsPeak", threadsPeak);
                f.put("flightRssPeakKb", rssPeakKb);
                f.put("flightXmx", "64m");
                f.put("wallS", Math.round(wallS * 10) / 10.0);
                f.put("commandsPerS", Math.round(sent.size() / wallS));
                f.put("samples", samples);
                if (!all || unanswered > 0) {
                    problems.add(unanswered + " hostile commands never answered");
                }
                if (accepted > 0) {
                    problems.add(accepted + " hostile commands accepted");
                }
                if (flightAccepted != 2) {
                    problems.add("flight's own counter says " + flightAccepted + " commands accepted (expected the 2 set-up ones)");
                }
                if (wrongReason > 0) {
                    problems.add(wrongReason + " answered with the wrong reason, e.g. " + samples);
                }
                if (!flight.alive()) {
                    problems.add("flight is not running at the end");
                }
                if (internalErrors + uncaught > 0) {
                    problems.add(internalErrors + " internal errors and " + uncaught + " uncaught exceptions in flight.log");
                }
                if (heapEndKb - heapWarmKb > o.heapSlackKb()) {
                    problems.add(String.format(Locale.ROOT, "flight's live heap grew %,d KiB (from %,d to %,d KiB; slack %,d)",
                            heapEndKb - heapWarmKb, heapWarmKb, heapEndKb, o.heapSlackKb()));
                }
            } finally {
                if (flight.alive()) {
                    int code = flight.sigterm(60);
                    f.put("flightExitOnSigterm", code);
                }
            }
        }
        f.put("problems", problems.size());
        return new Summary(f, List.copyOf(problems));
    }

    /**
     * The poison message: one unsigned command of {@code poisonMb} MiB while flight runs, then
     * flight killed (-9), another one queued for its persistent session while it is down, and
     * flight restarted. The broker runs without {@code message_size_limit} (the default), so only
     * flight's own MQTT 5 Maximum Packet Size stands between the message and a 64 MiB heap: without
     * it flight dies of OutOfMemoryError, and again at every restart while the message is queued.
     */
    private static void poison(Options o, MosquittoBroker broker, FlightProcess flight, Ground ground,
                               Map<String, Object> f, List<String> problems) throws Exception {
        Path file = o.work().resolve("poison.bin");
        byte[] block = new byte[1 << 20];
        java.util.Arrays.fill(block, (byte) '{');
        try (var out = Files.newOutputStream(file)) {
            for (int i = 0; i < o.poisonMb(); i++) {
                out.write(block);
            }
        }
        long heapBeforeKb = JvmProbe.liveHeapKb(flight.pid());
        publishFile(broker, file);
        Instant afterFirst = Instant.now();
        ground.awaitHkAfter(afterFirst.plusSeconds(2), Duration.ofSeconds(30));
        boolean aliveAfterFirst = flight.alive() && ground.lastHkAt != null && ground.lastHkAt.isAfter(afterFirst);
        long heapAfterKb = flight.alive() ? JvmProbe.liveHeapKb(flight.pid()) : -1;
        // Down, a second poison queued in its session, up again.
        if (flight.alive()) {
            flight.kill9();
        }
        publishFile(broker, file);
        flight.start();
        Instant restarted = Instant.now();
        ground.awaitHkAfter(restarted.plusSeconds(3), Duration.ofSeconds(60));
        boolean aliveAfterRestart = flight.alive() && ground.lastHkAt != null && ground.lastHkAt.isAfter(restarted.plusSeconds(3));
        long heapAfterRestartKb = flight.alive() ? JvmProbe.liveHeapKb(flight.pid()) : -1;
        Files.delete(file);
        f.put("poisonMb", o.poisonMb());
        f.put("poisonHeapBeforeKb", heapBeforeKb);
        f.put("poisonHeapAfterKb", heapAfterKb);
        f.put("poisonHeapAfterRestartKb", heapAfterRestartKb);
        f.put("poisonFlightPublishingAfter", aliveAfterFirst);
        f.put("poisonFlightPublishingAfterRestart", aliveAfterRestart);
        if (!aliveAfterFirst) {
            problems.add("after a " + o.poisonMb() + " MiB poison message flight stopped publishing (alive " + flight.alive()
                    + ", exit " + flight.exited() + ")");
        }
        if (!aliveAfterRestart) {
            problems.add("after a restart with a " + o.poisonMb() + " MiB poison message queued flight is not publishing (alive "
                    + flight.alive() + ", exit " + flight.exited() + ")");
        }
    }

    /** Publishes {@code file} on the satellite's tc topic at QoS 1 with the foreign client mosquitto_pub. */
    private static void publishFile(MosquittoBroker broker, Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(MosquittoBroker.tool("mosquitto_pub").toString(), "-V", "mqttv5", "-h", "127.0.0.1",
                "-p", String.valueOf(broker.port()), "-q", "1", "-t", "sunsync/" + SAT + "/tc", "-f", file.toString())
                .redirectErrorStream(true).start();
        if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("mosquitto_pub of " + file + " failed: "
                    + new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static String preview(byte[] payload) {
        String s = new String(payload, 0, Math.min(payload.length, 160), java.nio.charset.StandardCharsets.UTF_8);
        return s.replaceAll("[^\\x20-\\x7e]", "?") + (payload.length > 160 ? "..." : "");
    }

    /**
     * The campaign's ground: testkit's MQTT 5 client publishing hostile commands (QoS 1, index as
     * correlation data, response topic under {@code tc/ack}) and collecting the reports. Paho's
     * thread only records (it keeps no messages of its own: a campaign sends 100,000); the window is a
     * semaphore released per first answer; the waits poll what was recorded with Awaitility.
     */
    private static final class Ground implements AutoCloseable {
        private final TestMqttClient client;
        private final String tc = "sunsync/" + SAT + "/tc";
        private final String replyTopic = "sunsync/" + SAT + "/tc/ack/hostile";
        private final String ackTopic = "sunsync/" + SAT + "/tc/ack";
        private final Map<Long, List<JsonNode>> answers = new ConcurrentHashMap<>();
        private final Semaphore window;
        private final AtomicReference<JsonNode> lastHk = new AtomicReference<>();
        private final AtomicReference<JsonNode> lastPlain = new AtomicReference<>();
        private volatile Instant lastHkAt;

        Ground(String url, int windowSize) throws MqttException {
            this.window = new Semaphore(windowSize);
            client = TestMqttClient.to(url).clientId("hostile-ground").receiveMaximum(65_535).timeout(Duration.ofSeconds(30))
                    .keepMessages(false).onMessage(this::record).connect();
            client.subscribe(1, "sunsync/" + SAT + "/tc/ack/#");
            client.subscribe(0, "sunsync/" + SAT + "/tm/hk");
        }

        /** Paho's thread: the latest housekeeping frame, or a report filed under its correlation id. */
        private void record(Message m) {
            JsonNode body;
            try {
                body = JSON.readTree(m.payload());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            if (m.topic().endsWith("/tm/hk")) {
                lastHk.set(body);
                lastHkAt = Instant.now();
                return;
            }
            byte[] corr = m.correlationData();
            // Refusals of unauthenticated payloads come on tc/ack (flight honours a response
            // topic only after the MAC), the rest on the response topic.
            if (corr == null || corr.length != 8 || !(m.topic().equals(replyTopic) || m.topic().equals(ackTopic))) {
                lastPlain.set(body);
                return;
            }
            long id = ByteBuffer.wrap(corr).getLong();
            List<JsonNode> l = answers.computeIfAbsent(id, k -> java.util.Collections.synchronizedList(new ArrayList<>()));
            boolean first;
            synchronized (l) {
                first = l.isEmpty();
                l.add(body);
            }
            if (first && id >= 0) {
                window.release();
            }
        }

        /** Whether {@code condition} came true within {@code d} (polled every {@code every}). */
        private static boolean within(Duration d, Duration every, Callable<Boolean> condition) {
            try {
                Awaitility.await().atMost(d).pollDelay(Duration.ZERO).pollInterval(every).dontCatchUncaughtExceptions()
                        .until(condition);
                return true;
            } catch (ConditionTimeoutException e) {
                return false;
            }
        }

        void awaitHk(Duration d) {
            // waiting for another process to come up
            if (!within(d, Duration.ofMillis(50), () -> lastHk.get() != null)) {
                throw new IllegalStateException("no housekeeping from flight in " + d);
            }
        }

        JsonNode awaitHkAfter(Instant t, Duration d) {
            within(d, Duration.ofMillis(50), () -> lastHkAt != null && lastHkAt.isAfter(t)); // the next frame, at 1 Hz
            return lastHk.get();
        }

        /** Sends a legitimate command (negative correlation id) and waits for its final report. */
        JsonNode command(byte[] payload, Duration d) throws Exception {
            long id = -1 - answers.keySet().stream().filter(x -> x < 0).count();
            publish(id, payload);
            AtomicReference<JsonNode> terminal = new AtomicReference<>();
            // the report comes through the broker
            if (!within(d, Duration.ofMillis(20), () -> {
                terminal.set(terminal(id));
                return terminal.get() != null;
            })) {
                throw new IllegalStateException("no final report for a set-up command");
            }
            return terminal.get();
        }

        private JsonNode terminal(long id) {
            List<JsonNode> l = answers.getOrDefault(id, List.of());
            synchronized (l) {
                for (JsonNode r : l) {
                    String s = r.path("stage").asText();
                    if (s.equals("COMPLETED") || s.equals("FAILED") || s.equals("REJECTED")) {
                        return r;
                    }
                }
            }
            return null;
        }

        void send(long id, byte[] payload) throws Exception {
            if (!window.tryAcquire(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no answer for 120 s; " + answered() + " answered");
            }
            publish(id, payload);
        }

        private void publish(long id, byte[] payload) throws MqttException {
            client.publish(tc, payload, 1, false, PublishProperties.NONE
                    .withCorrelationData(ByteBuffer.allocate(8).putLong(id).array()).withResponseTopic(replyTopic));
        }

        long answered() {
            return answers.keySet().stream().filter(x -> x >= 0).count();
        }

        boolean awaitAnswers(long n, Duration d) {
            return within(d, Duration.ofMillis(50), () -> answered() >= n); // reports arrive through the broker
        }

        List<JsonNode> answers(long id) {
            List<JsonNode> l = answers.getOrDefault(id, List.of());
            synchronized (l) {
                return List.copyOf(l);
            }
        }

        @Override
        public void close() {
            client.close();
        }
    }

    /** {@code HostileCampaign [--count N] [--seed S] [--poison-mb M]}: runs it and writes bench/out/hostile.{json,md}. */
    public static void main(String[] args) {
        BenchCommand.exit(new Launch(), args);
    }

    /** The command line of {@code ./sunsync hostile}. */
    @Command(name = "hostile", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Hostile telecommands through a real Mosquitto against a flight process (-Xmx64m): none may be "
                    + "accepted, each must get its rejection reason, flight's heap must stay flat.")
    static final class Launch implements Callable<Integer> {
        @Option(names = "--count", paramLabel = "N", defaultValue = "100000",
                description = "Hostile commands to send (default: ${DEFAULT-VALUE}).")
        int count;

        @Mixin
        Seed seed;

        @Option(names = "--poison-mb", paramLabel = "M", defaultValue = "200",
                description = "Size of the poison message sent first, MiB; 0: none (default: ${DEFAULT-VALUE}).")
        int poisonMb;

        @Override
        public Integer call() throws Exception {
            return runAndReport(count, seed.value(), poisonMb);
        }
    }

    private static int runAndReport(int count, long seed, int poisonMb) throws Exception {
        Path work = Files.createTempDirectory("sunsync-hostile-");
        Summary s = run(new Options(count, seed, 256, 4 * 1024, poisonMb, work));
        Map<String, Object> out = new LinkedHashMap<>(s.figures());
        out.put("problemList", s.problems());
        StringBuilder kinds = new StringBuilder(
                "\n| kind | sent | right reason | wrong reason | accepted | unanswered |\n|---|---:|---:|---:|---:|---:|\n");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Long>> byKind = (Map<String, Map<String, Long>>) s.figures().getOrDefault("byKind", Map.of());
        byKind.forEach((k, v) -> kinds.append("| ").append(k).append(" | ").append(v.getOrDefault("sent", 0L)).append(" | ")
                .append(v.getOrDefault("rightReason", 0L)).append(" | ").append(v.getOrDefault("wrongReason", 0L)).append(" | ")
                .append(v.getOrDefault("accepted", 0L)).append(" | ").append(v.getOrDefault("unanswered", 0L)).append(" |\n"));
        CampaignSummary.write("hostile", out, java.util.Set.of("byKind", "samples", "problemList"), kinds.toString(), s.problems());
        System.out.println("work folder (flight.log): " + work);
        return s.passed() ? 0 : 1;
    }
}
