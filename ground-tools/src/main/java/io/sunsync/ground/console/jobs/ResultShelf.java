package io.sunsync.ground.console.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.ground.console.live.ReconnectingSubscription;
import io.sunsync.ground.console.live.TelemetryGate;
import io.sunsync.ground.console.push.FeedHub;
import io.sunsync.ground.console.push.Update;
import io.sunsync.ground.mqtt.ConnectSettings;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.results.ResultDownload;
import io.sunsync.ground.results.ResultFile;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every result the satellites downlink, collected by the console's own persistent session (so
 * the broker keeps what comes while the console is down) into {@code DIR/SAT/JOB/} with the
 * command line's {@link ResultDownload}: each chunk checked against its SHA-256 before it is
 * acknowledged to the broker, each file against its whole-file SHA-256 before it is offered for
 * download. Progress and completion are pushed to all pages; the operator releases a verified
 * result on board with {@code job.ackResult}. At most {@code maxPending} results are collected
 * at once; chunks of further ones are counted and left to the broker.
 *
 * <p>Threading: one thread of its own collects; the readers may be called from any thread.
 */
public final class ResultShelf implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(ResultShelf.class);

    private final ReconnectingSubscription link;
    private final TelemetryGate gate;
    private final Path dir;
    private final FeedHub hub;
    private final Clock clock;
    private final int maxPending;
    private final Map<String, ResultDownload> pending = new LinkedHashMap<>();
    private final Map<String, ObjectNode> shelf = new ConcurrentHashMap<>();
    private final Map<String, Long> lastPushMs = new LinkedHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final Thread thread;
    private volatile boolean stop;

    /**
     * @param settings   the persistent session's connection (fixed client id, manual acks)
     * @param dir        where results go ({@code DIR/SAT/JOB/})
     * @param maxPending results collected at once
     */
    public ResultShelf(ConnectSettings settings, TelemetryGate gate, Path dir, FeedHub hub, Clock clock, int maxPending)
            throws IOException {
        this.link = new ReconnectingSubscription(settings, List.of("sunsync/+/results/+/#"), clock);
        this.gate = gate;
        this.dir = Files.createDirectories(dir);
        this.hub = hub;
        this.clock = clock;
        this.maxPending = maxPending;
        scan();
        this.thread = new Thread(this::run, "console-results");
        this.thread.setDaemon(true);
    }

    /** Lists the results already complete on disk (from earlier runs). */
    private void scan() throws IOException {
        try (DirectoryStream<Path> sats = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path s : sats) {
                try (DirectoryStream<Path> jobs = Files.newDirectoryStream(s, Files::isDirectory)) {
                    for (Path j : jobs) {
                        if (Files.exists(j.resolve("manifest.json")) && !Files.exists(j.resolve(".partial"))) {
                            try (ResultDownload d = new ResultDownload(s, j.getFileName().toString())) {
                                shelf.put(key(s.getFileName().toString(), d), describe(s.getFileName().toString(), d,
                                        Files.exists(j.resolve(".acknowledged")) ? "ACKNOWLEDGED" : "VERIFIED"));
                            } catch (IOException | IllegalArgumentException e) {
                                LOG.warn("result folder {} not listed: {}", j, e.toString());
                            }
                        }
                    }
                }
            }
        }
    }

    /** Starts collecting. */
    public void start() {
        thread.start();
    }

    private void run() {
        try {
            while (!stop) {
                GroundConnection.Received r = link.poll(200);
                if (r == null) {
                    continue;
                }
                try {
                    take(r);
                    link.ack(r);
                } catch (IOException e) {
                    LOG.warn("result message on {} not stored ({}); the broker keeps it", r.topic(), e.toString());
                } catch (MqttException e) {
                    LOG.warn("could not acknowledge {}: {}", r.topic(), e.toString());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pending.values().forEach(d -> {
                try {
                    d.save();
                    d.close();
                } catch (IOException e) {
                    LOG.warn("result progress not saved: {}", e.toString());
                }
            });
            link.close();
        }
    }

    private void take(GroundConnection.Received r) throws IOException {
        String why = gate.refuse(r);
        if (why != null) {
            if (!TelemetryGate.DUPLICATE.equals(why)) {
                refused.incrementAndGet();
            }
            return;
        }
        String sat = r.sat();
        String[] parts = r.subtopic().split("/");
        if (parts.length != 3 || !parts[0].equals("results")) {
            return;
        }
        String job = parts[1];
        String k = sat + "/" + job;
        ObjectNode known = shelf.get(k);
        if (known != null && !"RECEIVING".equals(known.path("state").asText())) {
            return; // complete already: a repeated eof or a late chunk
        }
        ResultDownload d = pending.get(k);
        if (d == null) {
            if (pending.size() >= maxPending) {
                ignored.incrementAndGet();
                return;
            }
            try {
                d = new ResultDownload(dir.resolve(sat), job);
            } catch (IllegalArgumentException bad) {
                ignored.incrementAndGet();
                return;
            }
            pending.put(k, d);
        }
        ResultDownload.Outcome o;
        try {
            o = d.accept(parts[2], r.json());
        } catch (IllegalArgumentException bad) {
            LOG.warn("result {} of {}: {}", job, sat, bad.getMessage());
            return;
        }
        if (d.isComplete() || o == ResultDownload.Outcome.COMPLETE) {
            d.close();
            pending.remove(k);
            publish(k, describe(sat, d, "VERIFIED"));
        } else if (clock.millis() - lastPushMs.getOrDefault(k, 0L) >= 500) {
            lastPushMs.put(k, clock.millis());
            if (lastPushMs.size() > 4 * maxPending) {
                lastPushMs.remove(lastPushMs.keySet().iterator().next());
            }
            publish(k, describe(sat, d, "RECEIVING"));
        }
    }

    private ObjectNode describe(String sat, ResultDownload d, String state) {
        ObjectNode o = JSON.createObjectNode();
        o.put("k", "result");
        o.put("sat", sat);
        o.put("job", d.directory().getFileName().toString());
        o.put("state", state);
        o.put("bytesIn", d.bytesIn());
        o.put("totalBytes", d.totalBytes());
        o.put("badChunks", d.badChunks());
        o.set("files", JSON.valueToTree(d.files()));
        return o;
    }

    private static String key(String sat, ResultDownload d) {
        return sat + "/" + d.directory().getFileName();
    }

    private void publish(String k, ObjectNode o) {
        shelf.put(k, o);
        hub.toAll(new Update("result:" + k, o.toString()));
    }

    /** The satellite released {@code job}'s result ({@code job.ackResult} COMPLETED). */
    public void acknowledged(String sat, String job) {
        String k = sat + "/" + job;
        ObjectNode o = shelf.get(k);
        if (o != null) {
            try {
                Files.writeString(dir.resolve(sat).resolve(job).resolve(".acknowledged"), clock.instant() + "\n");
            } catch (IOException e) {
                LOG.warn("could not mark {} acknowledged: {}", k, e.toString());
            }
            ObjectNode n = o.deepCopy();
            n.put("state", "ACKNOWLEDGED");
            publish(k, n);
        }
    }

    /** Every result known, newest state each. */
    public List<ObjectNode> list(String sat) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode o : shelf.values()) {
            if (sat == null || sat.equals(o.path("sat").asText())) {
                out.add(o.deepCopy());
            }
        }
        return out;
    }

    /** The verified file {@code name} of {@code job}'s result, if there is one. */
    public Optional<Path> file(String sat, String job, String name) {
        ObjectNode o = shelf.get(sat + "/" + job);
        if (o == null || "RECEIVING".equals(o.path("state").asText()) || !ResultFile.isSafePath(name)) {
            return Optional.empty();
        }
        for (JsonNode f : o.path("files")) {
            if (f.path("name").asText().equals(name)) {
                Path p = dir.resolve(sat).resolve(job).resolve(name).normalize();
                return p.startsWith(dir) && Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Result messages refused by the gate. */
    public long refused() {
        return refused.get();
    }

    /** Result messages left to the broker because too many results were being collected. */
    public long ignored() {
        return ignored.get();
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join(5000);
    }
}
