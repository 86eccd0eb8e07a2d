package io.sunsync.bench.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sunsync.flight.link.MqttLink;
import io.sunsync.testkit.Digests;
import io.sunsync.testkit.mqtt.Message;
import io.sunsync.testkit.mqtt.PublishProperties;
import io.sunsync.testkit.mqtt.TestMqttClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * The ground of the process campaign: a persistent-session MQTT 5 client that records every
 * message flight sends (de-duplicated per stream by its {@code seq} user property), follows the
 * verification reports of the commands it sends, submits jobs, downloads their results (checking
 * every chunk's and file's SHA-256) and acknowledges them, as an operator's ground station would,
 * retrying what a restart, a full disk or a broker restart refused.
 *
 * <p>Built on testkit's {@link TestMqttClient}, which keeps nothing here: a campaign receives too much.
 * Threading: Paho's thread only records ({@link #onMessage}); {@link #tick()} runs on the
 * campaign's driver thread and is the only one that publishes. The accounting getters may be
 * called from any thread.
 */
final class CampaignGround implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.logging.Logger PAHO_LOG = java.util.logging.Logger.getLogger("org.eclipse.paho");
    static final String OWNER = "campaign";
    /** MQTT message expiry of every command the ground sends, in s. */
    static final long COMMAND_EXPIRY_S = 120;

    private final String sat;
    private final TestMqttClient client;
    private final CampaignSigner signer;
    private final Supplier<Instant> missionTimeEstimate;
    private final java.util.SplittableRandom random;

    // ---- what arrived (guarded by `this`)
    private final Map<String, BitSet> seqs = new TreeMap<>();
    private final Map<String, Long> deliveries = new TreeMap<>();
    /** Per stream, a fingerprint of each sequence number's payload: a redelivery must carry the same bytes. */
    private final Map<String, int[]> fingerprints = new TreeMap<>();
    private final List<String> seqConflicts = new ArrayList<>();
    private final TreeMap<Long, JsonNode> events = new TreeMap<>();
    /** Per job, every distinct result manifest (file name and SHA-256 of each file) seen, and how often. */
    private final Map<String, Map<String, Integer>> manifests = new TreeMap<>();
    private final Map<Long, List<JsonNode>> reports = new TreeMap<>();
    private final Map<String, Result> results = new TreeMap<>();
    private volatile Instant missionTime;
    private volatile long hkLastSeq = -1;
    private volatile long hkFrames;
    private volatile long linkQueued;
    private volatile long linkQueuedMax;

    // ---- commanding (driver thread, read under `this` for accounting)
    private final Map<Long, Cmd> bySeq = new TreeMap<>();
    private final Map<Long, Long> sentNanos = new TreeMap<>();
    private final List<Cmd> open = new ArrayList<>();
    private final List<Cmd> all = new ArrayList<>();
    private final ConcurrentLinkedQueue<Publish> unsent = new ConcurrentLinkedQueue<>();
    private final List<Publish> publishes = new ArrayList<>();
    private long nextSeq = 1;
    private int jobCounter;
    private volatile boolean submitting = true;
    private double jobScale = 1.0;
    final Map<String, JobPlan> jobs = new LinkedHashMap<>();
    private volatile JsonNode lastJobList;
    private long publishFailures;

    /** A job the ground wants run, and what became of it. */
    static final class JobPlan {
        final String id;
        final boolean process;
        final int processSteps;
        final double workUnits;
        final Instant deadline;
        boolean accepted;
        boolean refusedForGood;
        String refusal;
        boolean resultVerified;
        boolean acked;
        String resultContent;

        JobPlan(String id, boolean process, int processSteps, double workUnits, Instant deadline) {
            this.id = id;
            this.process = process;
            this.processSteps = processSteps;
            this.workUnits = workUnits;
            this.deadline = deadline;
        }

        /** The content the result must have. */
        String expectedResult() {
            if (process) {
                return Long.toString((long) processSteps * (processSteps + 1) / 2) + "\n";
            }
            return null; // the synthetic result carries a digest, checked by shape
        }
    }

    /** A logical command and its attempts (each a new sequence number). */
    static final class Cmd {
        final String kind;
        final String jobId;
        final String name;
        final Map<String, Object> args;
        final List<Long> attempts = new ArrayList<>();
        long lastSentNanos;
        long notBeforeNanos;
        boolean done;
        String outcome;

        Cmd(String kind, String jobId, String name, Map<String, Object> args) {
            this.kind = kind;
            this.jobId = jobId;
            this.name = name;
            this.args = args;
        }
    }

    /** A result being downloaded. */
    static final class Result {
        JsonNode files;
        final Map<String, Map<Long, byte[]>> chunks = new TreeMap<>();
        long badChunks;
    }

    CampaignGround(String brokerUrl, String sat, CampaignSigner signer, Supplier<Instant> missionTimeEstimate, long seed)
            throws MqttException {
        this.sat = sat;
        this.signer = signer;
        this.missionTimeEstimate = missionTimeEstimate;
        this.random = new java.util.SplittableRandom(seed);
        // Paho logs every broker restart at SEVERE through java.util.logging: expected here.
        PAHO_LOG.setLevel(java.util.logging.Level.OFF);
        // A publish into a broker restart fails after 5 s and is sent again (tick()).
        client = TestMqttClient.to(brokerUrl).clientId(clientId(sat)).persistentSession(86_400)
                .automaticReconnect(1, 2).receiveMaximum(1000).timeout(Duration.ofSeconds(5)).keepMessages(false)
                .onMessage(this::onMessage).connect();
        client.subscribe("sunsync/" + sat + "/#");
    }

    // ------------------------------------------------------------------ receiving (Paho thread)

    private void onMessage(Message m) {
        String topic = m.topic();
        String stream = m.userProperty("stream");
        String seqText = m.userProperty("seq");
        long seq = seqText == null ? -1 : Long.parseLong(seqText);
        if (stream == null || seq < 0 || stream.equals(MqttLink.PRESENCE_STREAM)) {
            return; // birth and presence: not outbox messages (numbered by connection, with gaps)
        }
        // A retained delivery counts too (de-duplicated by seq like any other): housekeeping is
        // published retained, and a frame queued for the ground while it was away (a broker
        // restart) can reach it flagged retained; ignoring those miscounted one as lost (seed 2).
        JsonNode body;
        try {
            body = JSON.readTree(m.payload());
        } catch (Exception e) {
            body = null;
        }
        synchronized (this) {
            deliveries.merge(stream, 1L, Long::sum);
            BitSet b = seqs.computeIfAbsent(stream, k -> new BitSet());
            if (seq > Integer.MAX_VALUE) {
                seqConflicts.add(stream + " seq " + seq + " beyond the campaign's range");
                return;
            }
            int fingerprint = java.util.Arrays.hashCode(m.payload());
            if (b.get((int) seq)) {
                // A QoS 1 redelivery or a resend after a restart: the same message, byte for byte.
                if (fingerprint(stream, (int) seq) != fingerprint && seqConflicts.size() < 1000) {
                    seqConflicts.add(stream + " seq " + seq + " delivered with two different payloads");
                }
                return;
            }
            b.set((int) seq);
            setFingerprint(stream, (int) seq, fingerprint);
            if (body == null) {
                return;
            }
            switch (stream) {
                case "tm/hk" -> {
                    hkFrames++;
                    Instant t = Instant.parse(body.path("t").asText());
                    if (missionTime == null || t.isAfter(missionTime)) {
                        missionTime = t;
                    }
                    long last = body.path("commanding").path("lastSeq").asLong(-1);
                    hkLastSeq = Math.max(hkLastSeq, last);
                    linkQueued = body.path("link").path("queued").asLong(0);
                    linkQueuedMax = Math.max(linkQueuedMax, linkQueued);
                }
                case "evt" -> events.put(seq, body);
                case "tc/ack" -> {
                    if (body.has("seq") && !body.get("seq").isNull()) {
                        reports.computeIfAbsent(body.get("seq").asLong(), k -> new ArrayList<>()).add(body);
                    }
                }
                case "results" -> result(topic, body);
                default -> {
                }
            }
        }
    }

    private int fingerprint(String stream, int seq) {
        int[] f = fingerprints.get(stream);
        return f == null || seq >= f.length ? 0 : f[seq];
    }

    private void setFingerprint(String stream, int seq, int fingerprint) {
        int[] f = fingerprints.get(stream);
        if (f == null || seq >= f.length) {
            f = java.util.Arrays.copyOf(f == null ? new int[0] : f, Math.max(seq + 1, (f == null ? 1024 : f.length * 2)));
            fingerprints.put(stream, f);
        }
        f[seq] = fingerprint;
    }

    private void result(String topic, JsonNode n) {
        String[] parts = topic.split("/");
        if (parts.length < 5) {
            return;
        }
        Result r = results.computeIfAbsent(parts[3], k -> new Result());
        switch (parts[4]) {
            case "manifest", "eof" -> {
                r.files = n.path("files");
                StringBuilder key = new StringBuilder();
                for (JsonNode f : r.files) {
                    key.append(f.path("name").asText()).append('=').append(f.path("sha256").asText()).append(';');
                }
                manifests.computeIfAbsent(parts[3], k -> new TreeMap<>()).merge(key.toString(), 1, Integer::sum);
            }
            case "chunk" -> {
                byte[] data = Base64.getDecoder().decode(n.path("data").asText());
                if (data.length != n.path("sizeBytes").asInt() || !Digests.sha256Hex(data).equals(n.path("sha256").asText())) {
                    r.badChunks++;
                    return;
                }
                r.chunks.computeIfAbsent(n.path("file").asText(), k -> new TreeMap<>()).put(n.path("index").asLong(), data);
            }
            default -> {
            }
        }
    }

    /** The whole result of {@code job} when every file is in and matches its SHA-256, else null. */
    private synchronized Map<String, byte[]> complete(String job) {
        Result r = results.get(job);
        if (r == null || r.files == null) {
            return null;
        }
        Map<String, byte[]> out = new TreeMap<>();
        for (JsonNode f : r.files) {
            String name = f.path("name").asText();
            Map<Long, byte[]> got = r.chunks.getOrDefault(name, Map.of());
            long n = f.path("chunks").asLong();
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            for (long i = 0; i < n; i++) {
                byte[] c = got.get(i);
                if (c == null) {
                    return null;
                }
                bytes.writeBytes(c);
            }
            byte[] all = bytes.toByteArray();
            if (all.length != f.path("sizeBytes").asLong() || !Digests.sha256Hex(all).equals(f.path("sha256").asText())) {
                return null;
            }
            out.put(name, all);
        }
        return out;
    }

    // ------------------------------------------------------------------ commanding (driver thread)

    /** Stops submitting new jobs (the campaign's final phase). */
    void stopSubmitting() {
        submitting = false;
    }

    /**
     * Scales the work of the jobs submitted from now on (1: synthetic jobs of 120-300 work units,
     * process jobs of 10-30 steps of 0.1 s), e.g. 0.3 when flight is killed every few seconds and
     * a job that cannot checkpoint must still finish between two kills.
     */
    void scaleJobs(double factor) {
        jobScale = factor;
    }

    /** Submits a new job: synthetic (sim work units) or a real checkpointing process. */
    void submitJob() {
        String id = "pc-" + (++jobCounter);
        boolean process = random.nextInt(5) == 0;
        int steps = Math.max(2, (int) Math.round((10 + random.nextInt(20)) * jobScale));
        double work = Math.max(10, Math.round((120 + random.nextInt(180)) * jobScale));
        Instant base = now();
        Instant deadline = random.nextInt(4) == 0 ? base.plus(Duration.ofHours(3)) : null;
        JobPlan plan = new JobPlan(id, process, steps, work, deadline);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("id", id);
        spec.put("owner", OWNER);
        spec.put("priority", 30 + random.nextInt(50));
        spec.put("boards", Map.of("count", 1 + random.nextInt(2)));
        spec.put("checkpointable", process || random.nextBoolean());
        if (deadline != null) {
            spec.put("deadline", deadline.toString());
        }
        if (process) {
            spec.put("kind", "process");
            spec.put("process", Map.of("command", List.of("bash", "-c", processScript(steps))));
        } else {
            spec.put("kind", "synthetic");
            spec.put("expectedWorkUnits", work);
        }
        synchronized (this) {
            jobs.put(id, plan);
        }
        start(new Cmd("submit", id, "job.submit", Map.of("spec", spec)));
    }

    /** A job that adds 1..steps, one step per 0.1 s, checkpointing every step (docs/jobs.md's example). */
    static String processScript(int steps) {
        return "cp=\"$SUNSYNC_CHECKPOINT_DIR/state\"; i=0; sum=0\n"
                + "[ -f \"$cp\" ] && read i sum < \"$cp\"\n"
                + "save() { echo \"$i $sum\" > \"$cp.tmp\" && mv \"$cp.tmp\" \"$cp\"; }\n"
                + "trap 'save; echo ok > \"$SUNSYNC_CHECKPOINT_ACK\"' USR1\n"
                + "while [ \"$i\" -lt " + steps + " ]; do i=$((i+1)); sum=$((sum+i)); save; sleep 0.1; done\n"
                + "echo \"$sum\" > \"$SUNSYNC_RESULT_DIR/sum.txt\" || exit 75\n";
    }

    /** Asks for the job list (the final accounting). */
    void listJobs() {
        start(new Cmd("list", null, "job.list", Map.of()));
    }

    /** Sends a ping (keeps commands flowing through every fault). */
    void ping() {
        start(new Cmd("ping", null, "ping", Map.of("echo", "campaign")));
    }

    private void start(Cmd c) {
        synchronized (this) {
            open.add(c);
            all.add(c);
        }
        attempt(c);
    }

    private Instant now() {
        Instant t = missionTime;
        Instant est = missionTimeEstimate.get();
        return t == null || est.isAfter(t) ? est : t;
    }

    private void attempt(Cmd c) {
        long seq;
        synchronized (this) {
            nextSeq = Math.max(nextSeq, hkLastSeq + 1);
            seq = nextSeq++;
            bySeq.put(seq, c);
            sentNanos.put(seq, System.nanoTime());
        }
        c.attempts.add(seq);
        c.lastSentNanos = System.nanoTime();
        // Valid for a day of mission time from the latest time the ground knows.
        byte[] payload = signer.sign(seq, c.name, c.args, now().plus(Duration.ofDays(1)));
        publish(new Publish(seq, payload, false));
    }

    private void publish(Publish p) {
        try {
            // Stale copies die at the broker (as docs/link.md asks of a ground), so a satellite that is down
            // for long never finds a backlog of commands the ground has given up on.
            client.publish("sunsync/" + sat + "/tc", p.payload(), 1, false,
                    PublishProperties.NONE.withMessageExpiryS(COMMAND_EXPIRY_S));
            record(p);
        } catch (MqttException e) {
            publishFailures++;
            record(new Publish(p.seq(), p.payload(), true));
            unsent.add(p); // broker away: send the same bytes (same seq) when it is back
        }
    }

    private synchronized void record(Publish p) {
        publishes.add(p);
    }

    /**
     * One publish of a command attempt.
     *
     * @param seq     the attempt
     * @param payload what was sent
     * @param failed  whether the publish failed (the broker may or may not have received it)
     */
    record Publish(long seq, byte[] payload, boolean failed) {
    }

    /** The ground's MQTT client id for satellite {@code sat}. */
    static String clientId(String sat) {
        return "campaign-ground-" + sat;
    }

    /** Every publish of a command attempt, in the order the ground made them. */
    synchronized List<Publish> publishes() {
        return List.copyOf(publishes);
    }

    /** One round of the ground's work: resend, judge reports, acknowledge results, submit. */
    void tick(boolean flightUp) {
        if (client.isConnected()) {
            Publish p;
            int n = unsent.size();
            while (n-- > 0 && (p = unsent.poll()) != null) {
                publish(p);
            }
        }
        List<Cmd> snapshot;
        synchronized (this) {
            snapshot = new ArrayList<>(open);
        }
        long nanos = System.nanoTime();
        for (Cmd c : snapshot) {
            if (c.notBeforeNanos != 0) {
                if (nanos < c.notBeforeNanos) {
                    continue;
                }
                c.notBeforeNanos = 0;
                attempt(c);
                continue;
            }
            JsonNode terminal = terminal(c.attempts.get(c.attempts.size() - 1));
            if (terminal == null) {
                // No answer while flight runs (its report was dropped on a full disk, or the copy expired at the
                // broker): ask again under a new number (counted), after 15 s, then 30, 60, 120 s - a ground
                // that retries faster than a restarting satellite answers only grows the broker's queue.
                long wait = 15_000_000_000L << Math.min(3, c.attempts.size() - 1);
                if (flightUp && nanos - c.lastSentNanos > wait) {
                    attempt(c);
                }
                continue;
            }
            judge(c, terminal);
        }
        synchronized (this) {
            open.removeIf(c -> c.done);
        }
        // Results in full: check and acknowledge.
        List<JobPlan> plans;
        synchronized (this) {
            plans = new ArrayList<>(jobs.values());
        }
        for (JobPlan j : plans) {
            if (j.resultVerified || !j.accepted) {
                continue;
            }
            Map<String, byte[]> files = complete(j.id);
            if (files == null) {
                continue;
            }
            j.resultVerified = true;
            if (j.process) {
                j.resultContent = new String(files.getOrDefault("sum.txt", new byte[0]), StandardCharsets.UTF_8);
            } else {
                j.resultContent = new String(files.getOrDefault("result.json", new byte[0]), StandardCharsets.UTF_8);
            }
            start(new Cmd("ack", j.id, "job.ackResult", Map.of("id", j.id)));
        }
    }

    private synchronized JsonNode terminal(long seq) {
        for (JsonNode r : reports.getOrDefault(seq, List.of())) {
            String stage = r.path("stage").asText();
            if (stage.equals("COMPLETED") || stage.equals("FAILED") || stage.equals("REJECTED")) {
                return r;
            }
        }
        return null;
    }

    private void judge(Cmd c, JsonNode r) {
        String stage = r.path("stage").asText();
        String reason = r.path("reason").asText();
        if (stage.equals("REJECTED")) {
            // REPLAY after a restart (numbers up to the reserved ceiling count as used), EXPIRED
            // after a clock jump, STORAGE_FAILURE while the disk is full, BUSY: send it again.
            retry(c, 500);
            return;
        }
        switch (c.kind) {
            case "submit" -> {
                JobPlan j = jobs.get(c.jobId);
                if (stage.equals("COMPLETED")) {
                    j.accepted = true;
                    finish(c, "accepted");
                } else {
                    String why = r.path("data").path("jobReason").asText();
                    if (why.equals("DUPLICATE_ID")) {
                        j.accepted = true; // an earlier attempt got in, its report was lost or overtaken
                        finish(c, "accepted (duplicate)");
                    } else if (why.equals("JOURNAL_ERROR") || why.equals("NOT_READY") || why.equals("STORAGE_FULL")
                            || why.equals("QUOTA_EXCEEDED")) {
                        retry(c, 2000);
                    } else {
                        j.refusedForGood = true;
                        j.refusal = why + ": " + r.path("message").asText();
                        finish(c, "refused " + why);
                    }
                }
            }
            case "ack" -> {
                JobPlan j = jobs.get(c.jobId);
                if (stage.equals("COMPLETED")) {
                    j.acked = true;
                    finish(c, "acked");
                } else if (r.path("data").path("jobError").asText().equals("NO_RESULT")
                        || r.path("data").path("jobError").asText().equals("UNKNOWN_JOB")) {
                    j.acked = true; // an earlier attempt released it already
                    finish(c, "acked earlier");
                } else {
                    retry(c, 2000);
                }
            }
            case "list" -> {
                if (stage.equals("COMPLETED")) {
                    lastJobList = r.path("data").path("jobs");
                    finish(c, "listed");
                } else {
                    retry(c, 1000);
                }
            }
            default -> finish(c, stage.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private void retry(Cmd c, long afterMs) {
        c.notBeforeNanos = System.nanoTime() + afterMs * 1_000_000L;
    }

    private void finish(Cmd c, String outcome) {
        c.done = true;
        c.outcome = outcome;
    }

    // ------------------------------------------------------------------ accounting

    /** Whether new jobs are still being submitted. */
    boolean submitting() {
        return submitting;
    }

    /** Every job the ground submitted is settled: refused for good, or terminal with its result in and acknowledged. */
    synchronized boolean settled() {
        if (lastJobList == null || open.stream().anyMatch(c -> c.kind.equals("submit") || c.kind.equals("ack"))) {
            return false;
        }
        Map<String, JsonNode> onBoard = jobsOnBoard();
        for (JobPlan j : jobs.values()) {
            if (j.refusedForGood) {
                continue;
            }
            JsonNode s = onBoard.get(j.id);
            if (!j.accepted || s == null) {
                return false;
            }
            String state = s.path("state").asText();
            if (!(state.equals("SUCCEEDED") || state.equals("FAILED") || state.equals("EXPIRED") || state.equals("CANCELLED"))) {
                return false;
            }
            if (state.equals("SUCCEEDED") && !(j.acked && !s.path("resultAwaitingAck").asBoolean())) {
                return false;
            }
        }
        return true;
    }

    /** The last job list, by id. */
    synchronized Map<String, JsonNode> jobsOnBoard() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (lastJobList != null) {
            for (JsonNode s : lastJobList) {
                out.put(s.path("id").asText(), s);
            }
        }
        return out;
    }

    /** Commands not answered yet (a ground that respects how fast its satellite answers sends no more beyond some). */
    synchronized int openCommands() {
        return open.size();
    }

    /** Whether a ping is still waiting for its answer. */
    synchronized boolean pinging() {
        return open.stream().anyMatch(c -> c.kind.equals("ping"));
    }

    /** Whether the list command is still waiting for its answer. */
    synchronized boolean listing() {
        return open.stream().anyMatch(c -> c.kind.equals("list"));
    }

    /** Distinct sequence numbers received per stream. */
    synchronized Map<String, Long> distinct() {
        Map<String, Long> out = new TreeMap<>();
        seqs.forEach((k, v) -> out.put(k, (long) v.cardinality()));
        return out;
    }

    /** Sequence numbers of {@code stream} below {@code numbered} that never arrived. */
    synchronized List<Long> gaps(String stream, long numbered) {
        BitSet b = seqs.getOrDefault(stream, new BitSet());
        List<Long> out = new ArrayList<>();
        for (int i = b.nextClearBit(0); i < numbered; i = b.nextClearBit(i + 1)) {
            out.add((long) i);
        }
        return out;
    }

    /** Deliveries per stream, duplicates included. */
    synchronized Map<String, Long> deliveries() {
        return new TreeMap<>(deliveries);
    }

    /** Every distinct event received, in the order flight numbered them. */
    synchronized List<JsonNode> events() {
        return new ArrayList<>(events.values());
    }

    /** Events with {@code code}, in the order flight numbered them. */
    synchronized List<JsonNode> events(String code) {
        return events.values().stream().filter(e -> e.path("code").asText().equals(code)).toList();
    }

    /** Sequence numbers delivered twice with different payloads (a number reused), at most 1,000. */
    synchronized List<String> seqConflicts() {
        return List.copyOf(seqConflicts);
    }

    /** Per job whose result began to arrive: each distinct manifest (files and their SHA-256) and how often it came. */
    synchronized Map<String, Map<String, Integer>> manifests() {
        Map<String, Map<String, Integer>> out = new TreeMap<>();
        manifests.forEach((k, v) -> out.put(k, new TreeMap<>(v)));
        return out;
    }

    /** Every command attempt (sequence number) with its reports. */
    synchronized Map<Long, List<JsonNode>> reports() {
        Map<Long, List<JsonNode>> out = new TreeMap<>();
        for (Long seq : bySeq.keySet()) {
            out.put(seq, List.copyOf(reports.getOrDefault(seq, List.of())));
        }
        return out;
    }

    /** The command an attempt ({@code seq}) belongs to and when it was first sent ({@link System#nanoTime}). */
    synchronized String describe(long seq, long t0Nanos) {
        Cmd c = bySeq.get(seq);
        Long at = sentNanos.get(seq);
        return "seq " + seq + " " + (c == null ? "?" : c.kind + (c.jobId == null ? "" : " " + c.jobId))
                + (at == null ? "" : String.format(java.util.Locale.ROOT, " sent at %.1f s", (at - t0Nanos) / 1e9));
    }

    /** When attempt {@code seq} was first sent ({@link System#nanoTime}). */
    synchronized long sentNanos(long seq) {
        return sentNanos.get(seq);
    }

    /** Logical commands sent. */
    synchronized List<Cmd> commands() {
        return new ArrayList<>(all);
    }

    /** Housekeeping frames received. */
    long hkFrames() {
        return hkFrames;
    }

    /** Messages flight's outbox held unsent, as its latest housekeeping frame says. */
    long linkQueued() {
        return linkQueued;
    }

    /** The most messages flight's outbox held unsent in any housekeeping frame received. */
    long linkQueuedMax() {
        return linkQueuedMax;
    }

    /** Latest mission time the ground saw. */
    Instant missionTime() {
        return missionTime;
    }

    /** Publishes that failed (broker away) and were sent again later. */
    synchronized long publishFailures() {
        return publishFailures;
    }

    /** Chunks that failed their SHA-256. */
    synchronized long badChunks() {
        return results.values().stream().mapToLong(r -> r.badChunks).sum();
    }

    /** Jobs the ground planned, by id. */
    synchronized List<JobPlan> plans() {
        return new ArrayList<>(jobs.values());
    }

    /** Ids of results whose downlink began. */
    synchronized Set<String> resultsSeen() {
        return Set.copyOf(results.keySet());
    }

    /** Whether the client is connected to the broker. */
    boolean connected() {
        return client.isConnected();
    }

    @Override
    public void close() {
        client.close();
    }
}
