package io.sunsync.flight.link.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.flight.events.Event;
import io.sunsync.flight.events.EventSink;
import io.sunsync.flight.events.Severity;
import io.sunsync.flight.link.Json;
import io.sunsync.flight.link.Topics;
import io.sunsync.flight.link.outbox.AppendResult;
import io.sunsync.flight.link.outbox.DropReport;
import io.sunsync.flight.link.outbox.MessageProperties;
import io.sunsync.flight.link.outbox.Outbox;
import io.sunsync.flight.link.outbox.Priority;
import io.sunsync.flight.link.outbox.StreamRouting;
import io.sunsync.flight.lifecycle.AbstractLifecycle;
import io.sunsync.hal.files.Sha256;
import io.sunsync.hal.time.TimeSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends finished results to the ground in checksummed chunks and resumes after any interruption,
 * after CCSDS CFDP class 2 and PUS service 13 (large packet transfer). For each result, oldest
 * first: a {@code manifest} (files, sizes, SHA-256, chunk counts), then every file as
 * {@code chunk} messages (SHA-256 per chunk), then an {@code eof}; all on
 * {@code sunsync/{sat}/results/{job}/…} (schemas in {@code docs/icd/downlink.md}). The ground
 * answers with a result acknowledgement ({@link #acknowledge}), after which the result is
 * released, or asks for missing chunks ({@link #resend}, CFDP's NAK). The {@code eof} is repeated
 * every {@code eofRepeatS} until acknowledged, so a ground that lost chunks learns it.
 *
 * <p>Results go through the outbox at the lowest priority, and only while the link is up and at
 * most {@code windowBytes} at a time, so they never crowd out telemetry or fill the outbox during
 * an outage. Progress is kept in one small JSON file per result in the state folder: after a
 * restart the transfer resumes at the first chunk not yet queued (what the outbox already held is
 * delivered from the outbox). Before its manifest is sent each file is read once and its SHA-256
 * checked against the store's; a mismatch (on-board corruption) fails the transfer with event
 * {@code RESULT_CORRUPT} instead of sending bad data.
 *
 * <p>Threading: one thread ({@code results-downlink}) queues chunks; {@link #acknowledge},
 * {@link #resend} and {@link #transfers()} may be called from any thread (e.g. the command
 * handler). One monitor guards the state.
 */
public final class ResultsDownlink extends AbstractLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(ResultsDownlink.class);
    /** Job ids must be safe as an MQTT topic level and a file name. */
    public static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");
    /** File names: relative paths of such names separated by {@code /}, 255 characters at most. */
    public static final Pattern SAFE_PATH = Pattern.compile(
            "(?=.{1,255}$)[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");
    private static final long REFRESH_NS = TimeUnit.SECONDS.toNanos(1);
    private static final String SOURCE = "results";

    private final ResultSource source;
    private final Outbox outbox;
    private final Topics topics;
    private final String satelliteId;
    private final Path stateDir;
    private final TimeSource time;
    private final ResultsConfig config;
    private final BooleanSupplier linkUp;
    private final EventSink events;
    private final Map<String, Transfer> transfers = new LinkedHashMap<>();
    private final Semaphore wake = new Semaphore(0);
    private long lastRefreshNs;
    private boolean refreshWanted = true;
    private volatile boolean resultsDropped;
    private volatile boolean running;
    private Thread thread;

    /**
     * @param source     finished results
     * @param outbox     where messages go (stream {@code results}, priority {@link Priority#LOW})
     * @param topics     the satellite's topic tree
     * @param stateDir   folder for the per-result progress files
     * @param time       mission time for message timestamps
     * @param config     chunk size, window, eof repeat
     * @param linkUp     whether the link is connected now (nothing is queued while it is not)
     * @param events     where problems and milestones are reported
     */
    public ResultsDownlink(ResultSource source, Outbox outbox, Topics topics, Path stateDir, TimeSource time,
                           ResultsConfig config, BooleanSupplier linkUp, EventSink events) {
        this.source = source;
        this.outbox = outbox;
        this.topics = topics;
        this.satelliteId = topics.under("").split("/")[1];
        this.stateDir = stateDir;
        this.time = time;
        this.config = config;
        this.linkUp = linkUp;
        this.events = events;
        try {
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the results state folder " + stateDir, e);
        }
    }

    @Override
    protected void doStart() {
        running = true;
        thread = new Thread(this::loop, "results-downlink");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    protected void doStop() {
        running = false;
        wake.release();
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A new result finished, the link came up or the outbox drained: look again now. */
    public void wakeUp() {
        wake.release();
    }

    /** The job runner finished a result: offer it without waiting for the next periodic look. */
    public void resultFinished() {
        synchronized (this) {
            refreshWanted = true;
        }
        wake.release();
    }

    private void loop() {
        while (running) {
            try {
                step();
                wake.tryAcquire(50, TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("results: downlink round failed", e);
            }
        }
    }

    /**
     * One round: look for new results (every few seconds), then queue messages until the window
     * is full or nothing is left to send. Runs on the downlink thread; public for tests.
     */
    public synchronized void step() {
        if (resultsDropped) {
            resultsDropped = false;
            for (Transfer t : transfers.values()) {
                if (t.phase == Phase.EOF_SENT) {
                    t.eofNow = true;
                }
            }
        }
        long now = System.nanoTime();
        if (refreshWanted || now - lastRefreshNs >= REFRESH_NS) {
            refresh();
            lastRefreshNs = now;
            refreshWanted = false;
        }
        if (!linkUp.getAsBoolean()) {
            return;
        }
        long budget = config.windowBytes() - outbox.queuedBytes(Priority.LOW);
        while (budget > 0) {
            Pending next = nextMessage();
            if (next == null) {
                break;
            }
            AppendResult r = outbox.append(next.topic, 1, false, next.payload, MessageProperties.NONE);
            if (!r.stored()) {
                next.undo.run();
                break;
            }
            next.transfer.dirty = true;
            budget -= next.payload.length;
        }
        for (Transfer t : transfers.values()) {
            if (t.dirty) {
                save(t);
            }
        }
    }

    private void refresh() {
        List<FinishedResult> awaiting;
        try {
            awaiting = source.awaitingDownlink();
        } catch (RuntimeException e) {
            LOG.warn("results: cannot list finished results: {}", e.getMessage());
            return;
        }
        Set<String> listed = new LinkedHashSet<>();
        for (FinishedResult r : awaiting) {
            listed.add(r.jobId());
            if (transfers.containsKey(r.jobId())) {
                continue;
            }
            Transfer t = load(r);
            transfers.put(r.jobId(), t);
        }
        // Results the store no longer offers (acknowledged or removed elsewhere) are forgotten.
        for (String job : new ArrayList<>(transfers.keySet())) {
            if (!listed.contains(job)) {
                forget(job);
            }
        }
    }

    // ---------------------------------------------------------------- ground requests

    /**
     * The ground has the whole result ({@code result-ack} command): release it in the store and
     * stop offering it.
     */
    public synchronized ResultAck acknowledge(String jobId) {
        refresh();
        if (!transfers.containsKey(jobId)) {
            return ResultAck.UNKNOWN_RESULT;
        }
        source.acknowledge(jobId);
        Transfer t = transfers.get(jobId);
        forget(jobId);
        events.emit(new Event(time.now(), Severity.INFO, SOURCE, "RESULT_ACKNOWLEDGED",
                "ground acknowledged result " + jobId,
                Map.of("job", jobId, "chunksSent", t.chunksSent, "eofSent", t.eofSent)));
        return ResultAck.ACKNOWLEDGED;
    }

    /**
     * The ground misses chunks of one file (CFDP NAK): send them again, before any new data.
     *
     * @param chunks chunk indices; empty for the whole file
     */
    public synchronized ResendOutcome resend(String jobId, String fileName, List<Long> chunks) {
        refresh();
        Transfer t = transfers.get(jobId);
        if (t == null) {
            return ResendOutcome.UNKNOWN_RESULT;
        }
        if (t.phase == Phase.FAILED) {
            return ResendOutcome.TRANSFER_FAILED;
        }
        int f = t.fileIndex(fileName);
        if (f < 0) {
            return ResendOutcome.UNKNOWN_FILE;
        }
        long count = t.chunks(f);
        for (long c : chunks) {
            if (c < 0 || c >= count) {
                return ResendOutcome.BAD_CHUNK_INDEX;
            }
        }
        List<Long> wanted = chunks.isEmpty() ? java.util.stream.LongStream.range(0, count).boxed().toList() : chunks;
        // A chunk already waiting to go again is not queued twice: the queue never holds more than the
        // result's chunks, however often the ground asks.
        java.util.Set<Long> waiting = new java.util.HashSet<>();
        for (long[] fc : t.resend) {
            waiting.add((fc[0] << 32) | fc[1]);
        }
        for (long c : wanted) {
            if (waiting.add(((long) f << 32) | c)) {
                t.resend.addLast(new long[] {f, c});
            }
        }
        if (t.phase == Phase.EOF_SENT) {
            t.eofNow = true; // say again that this is all, after the repeats
        }
        t.dirty = true;
        wake.release();
        return ResendOutcome.QUEUED;
    }

    /**
     * The outbox dropped results messages: the ground will miss chunks; tell it soon where the end
     * is. Returns at once (it may be called on any producer's thread); the next round acts on it.
     */
    public void onDrop(DropReport report) {
        if (report.byStream().containsKey(StreamRouting.RESULTS)) {
            resultsDropped = true;
            wake.release();
        }
    }

    /**
     * Progress of one result's downlink.
     *
     * @param jobId       the job
     * @param phase       where it is
     * @param chunksSent  chunk messages queued so far, resends included
     * @param chunksTotal chunks in all its files
     * @param eofSent     how many times its {@code eof} went
     * @param failure     why it failed, or null
     * @param resendQueued chunks the ground asked for again that wait to go (at most {@code chunksTotal})
     */
    public record TransferStatus(String jobId, Phase phase, long chunksSent, long chunksTotal, int eofSent,
                                 String failure, int resendQueued) {
    }

    /** Every result awaiting acknowledgement, oldest first. */
    public synchronized List<TransferStatus> transfers() {
        List<TransferStatus> out = new ArrayList<>();
        for (Transfer t : transfers.values()) {
            long total = 0;
            for (int f = 0; f < t.files.size(); f++) {
                total += t.chunks(f);
            }
            out.add(new TransferStatus(t.jobId, t.phase, t.chunksSent, total, t.eofSent, t.failure, t.resend.size()));
        }
        return out;
    }

    // ---------------------------------------------------------------- what to send next

    /** Where a result's transfer is. */
    public enum Phase {
        /** Nothing sent yet: the files are checked, then the manifest goes. */
        NEW,
        /** Chunks are going. */
        SENDING,
        /** Everything went; waiting for the ground's acknowledgement. */
        EOF_SENT,
        /** The files on board are corrupt or unreadable; reported, nothing more is sent. */
        FAILED
    }

    private record Pending(Transfer transfer, String topic, byte[] payload, Runnable undo) {
    }

    private Pending nextMessage() {
        for (Transfer t : transfers.values()) {
            Pending p = nextOf(t);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    private Pending nextOf(Transfer t) {
        switch (t.phase) {
            case FAILED:
                return null;
            case NEW: {
                if (!verify(t)) {
                    return null;
                }
                t.phase = Phase.SENDING;
                return new Pending(t, topic(t, "manifest"), manifest(t), () -> t.phase = Phase.NEW);
            }
            default:
                break;
        }
        if (!t.resend.isEmpty()) {
            long[] fc = t.resend.pollFirst();
            byte[] chunk = chunk(t, (int) fc[0], fc[1]);
            if (chunk == null) {
                return null;
            }
            t.chunksSent++;
            return new Pending(t, topic(t, "chunk"), chunk, () -> {
                t.resend.addFirst(fc);
                t.chunksSent--;
            });
        }
        if (t.phase == Phase.SENDING) {
            while (t.nextFile < t.files.size() && t.nextChunk >= t.chunks(t.nextFile)) {
                t.nextFile++;
                t.nextChunk = 0;
            }
            if (t.nextFile < t.files.size()) {
                int f = t.nextFile;
                long c = t.nextChunk;
                byte[] chunk = chunk(t, f, c);
                if (chunk == null) {
                    return null;
                }
                t.nextChunk++;
                t.chunksSent++;
                return new Pending(t, topic(t, "chunk"), chunk, () -> {
                    t.nextFile = f;
                    t.nextChunk = c;
                    t.chunksSent--;
                });
            }
            t.phase = Phase.EOF_SENT;
            return eof(t, () -> t.phase = Phase.SENDING);
        }
        if (t.phase == Phase.EOF_SENT && (t.eofNow || System.nanoTime() - t.eofDueNs >= 0)) {
            return eof(t, () -> t.eofNow = true);
        }
        return null;
    }

    private Pending eof(Transfer t, Runnable undo) {
        t.eofSent++;
        if (t.eofSent == 1) {
            events.emit(new Event(time.now(), Severity.INFO, SOURCE, "RESULT_SENT",
                    "result " + t.jobId + " sent, awaiting the ground's acknowledgement",
                    Map.of("job", t.jobId, "chunks", t.chunksSent, "files", t.files.size())));
        }
        t.eofDueNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(config.eofRepeatS());
        t.eofNow = false;
        byte[] payload = eofPayload(t);
        return new Pending(t, topic(t, "eof"), payload, () -> {
            t.eofSent--;
            undo.run();
        });
    }

    private String topic(Transfer t, String what) {
        return topics.under("results/" + t.jobId + "/" + what);
    }

    private ObjectNode header(Transfer t) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("sat", satelliteId);
        n.put("job", t.jobId);
        n.put("t", time.now().toString());
        return n;
    }

    private ArrayNode filesNode(Transfer t) {
        ArrayNode files = Json.mapper().createArrayNode();
        for (int f = 0; f < t.files.size(); f++) {
            FinishedResult.ResultFile rf = t.files.get(f);
            ObjectNode n = files.addObject();
            n.put("name", rf.name());
            n.put("sizeBytes", rf.sizeBytes());
            n.put("sha256", rf.sha256());
            n.put("chunks", t.chunks(f));
        }
        return files;
    }

    private byte[] manifest(Transfer t) {
        ObjectNode n = header(t);
        n.put("finishedAt", t.finishedAt);
        n.put("chunkBytes", t.chunkBytes);
        long total = 0;
        for (FinishedResult.ResultFile f : t.files) {
            total += f.sizeBytes();
        }
        n.put("totalBytes", total);
        n.set("files", filesNode(t));
        return Json.encode(n);
    }

    private byte[] eofPayload(Transfer t) {
        ObjectNode n = header(t);
        n.put("attempt", t.eofSent);
        n.set("files", filesNode(t));
        return Json.encode(n);
    }

    private byte[] chunk(Transfer t, int f, long index) {
        FinishedResult.ResultFile rf = t.files.get(f);
        long offset = index * t.chunkBytes;
        int size = (int) Math.min(t.chunkBytes, rf.sizeBytes() - offset);
        byte[] data = new byte[size];
        try (SeekableByteChannel ch = source.open(t.jobId, rf.name())) {
            ch.position(offset);
            ByteBuffer b = ByteBuffer.wrap(data);
            while (b.hasRemaining()) {
                if (ch.read(b) < 0) {
                    throw new IOException("file ends at " + (offset + b.position()) + ", expected " + rf.sizeBytes());
                }
            }
        } catch (IOException | RuntimeException e) {
            fail(t, "RESULT_UNREADABLE", "cannot read " + rf.name() + ": " + e.getMessage());
            return null;
        }
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("sat", satelliteId);
        n.put("job", t.jobId);
        n.put("file", rf.name());
        n.put("index", index);
        n.put("chunks", t.chunks(f));
        n.put("offset", offset);
        n.put("sizeBytes", size);
        n.put("sha256", Sha256.hex(data));
        n.put("data", Base64.getEncoder().encodeToString(data));
        return Json.encode(n);
    }

    /** Reads every file once and checks its size and SHA-256 against the store's record. */
    private boolean verify(Transfer t) {
        if (!SAFE_NAME.matcher(t.jobId).matches()) {
            fail(t, "RESULT_UNSENDABLE", "job id '" + t.jobId + "' cannot be used in a topic");
            return false;
        }
        for (FinishedResult.ResultFile rf : t.files) {
            if (!SAFE_PATH.matcher(rf.name()).matches()) {
                fail(t, "RESULT_UNSENDABLE", "file name '" + rf.name() + "' is not allowed");
                return false;
            }
            MessageDigest md = Sha256.newDigest();
            long size = 0;
            try (SeekableByteChannel ch = source.open(t.jobId, rf.name())) {
                ByteBuffer b = ByteBuffer.allocate(64 * 1024);
                int n;
                while ((n = ch.read(b)) >= 0) {
                    b.flip();
                    md.update(b);
                    b.clear();
                    size += n;
                }
            } catch (IOException | RuntimeException e) {
                fail(t, "RESULT_UNREADABLE", "cannot read " + rf.name() + ": " + e.getMessage());
                return false;
            }
            String actual = HexFormat.of().formatHex(md.digest());
            if (size != rf.sizeBytes() || !actual.equalsIgnoreCase(rf.sha256())) {
                fail(t, "RESULT_CORRUPT", rf.name() + " is " + size + " bytes with SHA-256 " + actual
                        + " but the job recorded " + rf.sizeBytes() + " bytes with " + rf.sha256());
                return false;
            }
        }
        return true;
    }

    private void fail(Transfer t, String code, String why) {
        t.phase = Phase.FAILED;
        t.failure = code + ": " + why;
        t.dirty = true;
        LOG.error("results: {} {}", t.jobId, t.failure);
        events.emit(new Event(time.now(), Severity.HIGH, SOURCE, code, "result " + t.jobId + ": " + why,
                Map.of("job", t.jobId)));
    }

    // ---------------------------------------------------------------- persistence

    private Path stateFile(String jobId) {
        return stateDir.resolve(SAFE_NAME.matcher(jobId).matches() ? jobId + ".json"
                : "job-" + HexFormat.of().formatHex(jobId.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ".json");
    }

    private Transfer load(FinishedResult r) {
        Transfer t = new Transfer(r, config.chunkBytes());
        Path file = stateFile(r.jobId());
        try {
            JsonNode n = Json.mapper().readTree(Files.readAllBytes(file));
            t.chunkBytes = n.path("chunkBytes").asInt(config.chunkBytes());
            t.phase = Phase.valueOf(n.path("phase").asText("NEW"));
            t.nextFile = n.path("nextFile").asInt(0);
            t.nextChunk = n.path("nextChunk").asLong(0);
            t.chunksSent = n.path("chunksSent").asLong(0);
            t.eofSent = n.path("eofSent").asInt(0);
            t.failure = n.path("failure").isTextual() ? n.path("failure").asText() : null;
            for (JsonNode fc : n.path("resend")) {
                t.resend.addLast(new long[] {fc.path(0).asLong(), fc.path(1).asLong()});
            }
            if (t.phase == Phase.EOF_SENT) {
                t.eofNow = true; // say where the end is again after a restart
            }
            LOG.info("results: resuming {} at {} (file {}, chunk {})", r.jobId(), t.phase, t.nextFile, t.nextChunk);
        } catch (NoSuchFileException fresh) {
            t.dirty = true;
        } catch (IOException | RuntimeException e) {
            // A damaged progress file costs a full resend, never a lost result.
            LOG.warn("results: progress of {} unreadable ({}), sending it from the start", r.jobId(), e.getMessage());
            t = new Transfer(r, config.chunkBytes());
            t.dirty = true;
        }
        return t;
    }

    private void save(Transfer t) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("job", t.jobId);
        n.put("chunkBytes", t.chunkBytes);
        n.put("phase", t.phase.name());
        n.put("nextFile", t.nextFile);
        n.put("nextChunk", t.nextChunk);
        n.put("chunksSent", t.chunksSent);
        n.put("eofSent", t.eofSent);
        if (t.failure != null) {
            n.put("failure", t.failure);
        }
        ArrayNode resend = n.putArray("resend");
        for (long[] fc : t.resend) {
            resend.addArray().add(fc[0]).add(fc[1]);
        }
        Path file = stateFile(t.jobId);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(tmp, Json.encode(n));
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            t.dirty = false;
        } catch (IOException e) {
            LOG.warn("results: cannot save progress of {}: {}", t.jobId, e.getMessage());
        }
    }

    private void forget(String jobId) {
        transfers.remove(jobId);
        try {
            Files.deleteIfExists(stateFile(jobId));
        } catch (IOException e) {
            LOG.warn("results: cannot delete progress of {}: {}", jobId, e.getMessage());
        }
    }

    /** Removes progress files of results no longer offered (after a restart). */
    public synchronized void pruneStateFiles() {
        refresh();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(stateDir, "*.json")) {
            Set<Path> keep = new LinkedHashSet<>();
            for (String job : transfers.keySet()) {
                keep.add(stateFile(job));
            }
            for (Path p : ds) {
                if (!keep.contains(p)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            LOG.warn("results: cannot prune {}: {}", stateDir, e.getMessage());
        }
    }

    private static final class Transfer {
        final String jobId;
        final String finishedAt;
        final List<FinishedResult.ResultFile> files;
        int chunkBytes;
        Phase phase = Phase.NEW;
        int nextFile;
        long nextChunk;
        long chunksSent;
        int eofSent;
        long eofDueNs;
        boolean eofNow;
        String failure;
        boolean dirty;
        final ArrayDeque<long[]> resend = new ArrayDeque<>();

        Transfer(FinishedResult r, int chunkBytes) {
            this.jobId = r.jobId();
            this.finishedAt = r.finishedAt().toString();
            this.files = r.files();
            this.chunkBytes = chunkBytes;
        }

        long chunks(int f) {
            long size = files.get(f).sizeBytes();
            return (size + chunkBytes - 1) / chunkBytes;
        }

        int fileIndex(String name) {
            for (int i = 0; i < files.size(); i++) {
                if (files.get(i).name().equals(name)) {
                    return i;
                }
            }
            return -1;
        }
    }
}
