package io.sunsync.ground.console.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.ground.command.VerificationReport;
import io.sunsync.ground.console.command.CommandBoard;
import io.sunsync.ground.console.jobs.JobBoard;
import io.sunsync.ground.console.push.FeedHub;
import io.sunsync.ground.console.push.Update;
import io.sunsync.ground.events.EventRecord;
import io.sunsync.ground.mqtt.ConnectSettings;
import io.sunsync.ground.mqtt.GroundConnection;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place the console takes in what the satellites say. One MQTT 5 subscription to every
 * satellite's presence, housekeeping, dictionary, events and command reports; every message
 * passes the {@link TelemetryGate} first (refusals are counted by reason and shown on every
 * page), then goes to the {@link FleetState}, the {@link EventLog} and {@link AlarmBook}, the
 * {@link CommandBoard} and the {@link JobBoard}. It also tells every page whether the broker
 * is up, and reconnects by itself. Nothing here waits for a browser.
 *
 * <p>Threading: one thread of its own ({@link #start}); the counters may be read from any thread.
 */
public final class TelemetryIngest implements AutoCloseable {
    /** The topics the console listens to. */
    public static final List<String> FILTERS = List.of("sunsync/+/birth", "sunsync/+/tm/hk", "sunsync/+/dict",
            "sunsync/+/evt", "sunsync/+/tc/ack/#");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryIngest.class);

    private final ReconnectingSubscription link;
    private final String brokerUrl;
    private final TelemetryGate gate;
    private final FleetState fleet;
    private final EventLog events;
    private final AlarmBook alarms;
    private final CommandBoard history;
    private final JobBoard jobs;
    private final FeedHub hub;
    private final Clock clock;
    private final Thread thread;
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Map<String, Long> refused = new TreeMap<>();
    private volatile boolean stop;
    private volatile Throwable failure;
    private boolean lastUp;
    private long lastStatusMs;

    public TelemetryIngest(ConnectSettings settings, TelemetryGate gate, FleetState fleet, EventLog events,
                           AlarmBook alarms, CommandBoard history, JobBoard jobs, FeedHub hub, Clock clock) {
        this.link = new ReconnectingSubscription(settings, FILTERS, clock);
        this.brokerUrl = settings.brokerUrl();
        this.gate = gate;
        this.fleet = fleet;
        this.events = events;
        this.alarms = alarms;
        this.history = history;
        this.jobs = jobs;
        this.hub = hub;
        this.clock = clock;
        this.thread = new Thread(this::run, "console-ingest");
        this.thread.setDaemon(true);
    }

    /** Starts taking in messages. */
    public void start() {
        thread.start();
    }

    private void run() {
        try {
            while (!stop) {
                GroundConnection.Received r = link.poll(100);
                if (r != null) {
                    try {
                        take(r);
                    } catch (RuntimeException e) {
                        // one message the console could not digest must not stop the others
                        failed.incrementAndGet();
                        LOG.warn("message on {} not taken in: {}", r.topic(), e.toString());
                    }
                }
                long now = clock.millis();
                if (link.up() != lastUp || now - lastStatusMs >= 1000) {
                    lastUp = link.up();
                    lastStatusMs = now;
                    hub.toAll(Update.status("link", status().toString()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Error e) {
            failure = e;
            throw e;
        } finally {
            link.close();
        }
    }

    /** Takes in one message (the ingest thread). */
    void take(GroundConnection.Received r) {
        messages.incrementAndGet();
        String why = gate.refuse(r);
        if (TelemetryGate.DUPLICATE.equals(why)) {
            duplicates.incrementAndGet();
            return;
        }
        if (why != null) {
            synchronized (refused) {
                refused.merge(why, 1L, Long::sum);
            }
            return;
        }
        long now = clock.millis();
        String sat = r.sat();
        String sub = r.subtopic();
        JsonNode msg = r.json();
        if (!msg.isObject()) {
            malformed.incrementAndGet();
            return;
        }
        switch (sub) {
            case "tm/hk" -> fleet.frame(sat, msg, r.retained(), now);
            case "birth" -> fleet.birth(sat, msg);
            case "dict" -> fleet.dictionary(sat, msg);
            case "evt" -> {
                EventRecord e;
                try {
                    e = EventRecord.parse(sat, msg);
                } catch (IllegalArgumentException bad) {
                    malformed.incrementAndGet();
                    return;
                }
                long id = events.add(e, now);
                alarms.event(e, id, now);
                jobs.event(e, now);
            }
            default -> {
                if (sub.equals("tc/ack") || sub.startsWith("tc/ack/")) {
                    history.report(sat, VerificationReport.of(msg), now);
                }
            }
        }
    }

    /** The link's state for the pages: broker, up or down since when, gate, counts. */
    public ObjectNode status() {
        ObjectNode o = JSON.createObjectNode();
        o.put("k", "link");
        o.put("broker", brokerUrl);
        o.put("up", link.up());
        o.put("sinceMs", link.changedMs());
        o.put("error", link.up() ? "" : link.lastError());
        o.put("outages", link.outages());
        o.put("serverMs", clock.millis());
        o.put("messages", messages.get());
        o.put("malformed", malformed.get());
        o.put("failed", failed.get());
        o.put("gate", gate.name());
        o.put("duplicates", duplicates.get());
        synchronized (refused) {
            o.set("refused", JSON.valueToTree(refused));
        }
        o.put("satellites", fleet.all().size());
        o.put("overCapacity", fleet.overCapacity());
        o.put("unacknowledgedAlarms", alarms.unacknowledged());
        return o;
    }

    /** What stopped the ingest thread, or null. */
    public Throwable failure() {
        return failure;
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join(5000);
    }
}
