package io.sunsync.ground.console.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.ground.console.push.FeedHub;
import io.sunsync.ground.console.push.Update;
import io.sunsync.ground.events.EventRecord;
import io.sunsync.ground.events.Severity;
import io.sunsync.ground.telemetry.JsonPaths;
import io.sunsync.ground.telemetry.Level;
import io.sunsync.ground.telemetry.PointCatalog;
import io.sunsync.ground.telemetry.PointSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The alarms every operator shares, after Yamcs: a housekeeping point leaving its limits raises
 * (or escalates) a limit alarm, an event of severity MEDIUM or HIGH raises an event alarm. An
 * alarm stays listed until it is both acknowledged (by whom and when is kept and shown to all)
 * and cleared (the point back inside its limits; an event alarm is cleared at once). A point
 * that goes out again after its alarm went raises a new one. At most {@code capacity} alarms are
 * listed; past that the oldest cleared one goes (counted).
 *
 * <p>Thread safe: the ingest thread raises and clears, request threads acknowledge and read.
 */
public final class AlarmBook {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int capacity;
    private final FeedHub hub;
    private final Map<String, Alarm> alarms = new LinkedHashMap<>();
    private long nextId = 1;
    private long dropped;

    /**
     * One alarm.
     *
     * @param id        its number
     * @param key       what it is about: {@code tm:SAT:PATH} or {@code evt:EVENT}
     * @param sat       the satellite
     * @param kind      {@code LIMIT} or {@code EVENT}
     * @param subject   the point's path or the event's code
     * @param level     WARNING or ALARM (the worst seen while it was raised)
     * @param message   what happened
     * @param value     the value that raised it (limit alarms), or null
     * @param raisedMs  when it was raised, epoch ms
     * @param cleared   true once the cause is gone
     * @param ackedBy   who acknowledged it, or null
     * @param ackedMs   when, epoch ms (0 if not)
     */
    public record Alarm(long id, String key, String sat, String kind, String subject, Level level, String message,
                        JsonNode value, long raisedMs, boolean cleared, String ackedBy, long ackedMs) {
        Alarm with(Level l, boolean c, String by, long at) {
            return new Alarm(id, key, sat, kind, subject, l, message, value, raisedMs, c, by, at);
        }

        /** True once it is both acknowledged and cleared: it leaves the list. */
        public boolean done() {
            return cleared && ackedBy != null;
        }

        ObjectNode json(boolean removed) {
            ObjectNode o = JSON.createObjectNode();
            o.put("k", "alarm");
            o.put("id", id);
            o.put("sat", sat);
            o.put("kind", kind);
            o.put("subject", subject);
            o.put("level", level.name());
            o.put("message", message);
            o.set("value", value);
            o.put("raisedMs", raisedMs);
            o.put("cleared", cleared);
            o.put("ackedBy", ackedBy);
            o.put("ackedMs", ackedMs);
            o.put("removed", removed);
            return o;
        }
    }

    /** @param capacity the most alarms listed at once */
    public AlarmBook(int capacity, FeedHub hub) {
        this.capacity = capacity;
        this.hub = hub;
    }

    /**
     * A frame of {@code sat} was judged: points now outside their limits raise or escalate alarms,
     * points back inside clear theirs.
     */
    public void limits(String sat, Map<String, Level> before, Map<String, Level> now, JsonNode hk, PointCatalog catalog,
                       long rxMs) {
        if (before.equals(now)) {
            return;
        }
        List<ObjectNode> changed = new ArrayList<>();
        synchronized (this) {
            for (Map.Entry<String, Level> e : now.entrySet()) {
                String key = "tm:" + sat + ":" + e.getKey();
                Alarm a = alarms.get(key);
                if (a == null || a.cleared()) {
                    if (a != null) {
                        alarms.remove(key); // a cleared, unacknowledged alarm gives way to the new one
                        changed.add(a.json(true));
                    }
                    JsonNode v = JsonPaths.at(hk, e.getKey());
                    PointSpec spec = catalog.spec(e.getKey());
                    String what = e.getValue() == Level.ALARM ? "alarm" : "warning";
                    String message = v.isTextual() && spec.states().containsKey(v.asText())
                            ? e.getKey() + " is " + v.asText() + " (a " + what + " state)"
                            : e.getKey() + " = " + v.asText() + (spec.unit().isEmpty() ? "" : " " + spec.unit())
                            + " outside its " + what + " limits (" + spec.limits().describe() + ")";
                    Alarm raised = new Alarm(nextId++, key, sat, "LIMIT", e.getKey(), e.getValue(), message, v, rxMs,
                            false, null, 0);
                    put(raised);
                    changed.add(raised.json(false));
                } else if (e.getValue().ordinal() > a.level().ordinal()) {
                    Alarm worse = a.with(e.getValue(), false, null, 0); // escalation needs a new acknowledgement
                    alarms.put(key, worse);
                    changed.add(worse.json(false));
                }
            }
            for (String path : before.keySet()) {
                if (!now.containsKey(path)) {
                    String key = "tm:" + sat + ":" + path;
                    Alarm a = alarms.get(key);
                    if (a != null && !a.cleared()) {
                        Alarm c = a.with(a.level(), true, a.ackedBy(), a.ackedMs());
                        if (c.done()) {
                            alarms.remove(key);
                        } else {
                            alarms.put(key, c);
                        }
                        changed.add(c.json(c.done()));
                    }
                }
            }
        }
        changed.forEach(o -> hub.toAll(new Update("alarm:" + o.path("id").asLong(), o.toString())));
    }

    /** An event arrived (numbered {@code eventId} by the event log); MEDIUM and HIGH raise an alarm. */
    public void event(EventRecord e, long eventId, long rxMs) {
        if (e.severity().compareTo(Severity.MEDIUM) < 0) {
            return;
        }
        Alarm a;
        synchronized (this) {
            a = new Alarm(nextId++, "evt:" + eventId, e.sat(), "EVENT", e.code(), e.severity().level(),
                    e.severity() + " " + e.source() + ": " + e.message(), e.data(), rxMs, true, null, 0);
            put(a);
        }
        push(a);
    }

    private void put(Alarm a) {
        alarms.put(a.key(), a);
        if (alarms.size() > capacity) {
            Iterator<Map.Entry<String, Alarm>> it = alarms.entrySet().iterator();
            String victim = null;
            for (Map.Entry<String, Alarm> e : alarms.entrySet()) {
                if (e.getValue().cleared()) {
                    victim = e.getKey();
                    break;
                }
            }
            alarms.remove(victim != null ? victim : it.next().getKey());
            dropped++;
        }
    }

    /**
     * {@code user} acknowledges alarm {@code id} at {@code nowMs}.
     *
     * @return the alarm after the acknowledgement, or empty if there is no such alarm
     */
    public Optional<Alarm> acknowledge(long id, String user, long nowMs) {
        Alarm acked = null;
        synchronized (this) {
            for (Map.Entry<String, Alarm> e : alarms.entrySet()) {
                Alarm a = e.getValue();
                if (a.id() == id) {
                    acked = a.ackedBy() != null ? a : a.with(a.level(), a.cleared(), user, nowMs);
                    if (acked.done()) {
                        alarms.remove(e.getKey());
                    } else {
                        alarms.put(e.getKey(), acked);
                    }
                    break;
                }
            }
        }
        if (acked != null) {
            push(acked);
        }
        return Optional.ofNullable(acked);
    }

    private void push(Alarm a) {
        hub.toAll(new Update("alarm:" + a.id(), a.json(a.done()).toString()));
    }

    /** The alarms listed now, oldest first, as the pages show them. */
    public synchronized List<ObjectNode> list() {
        List<ObjectNode> out = new ArrayList<>();
        alarms.values().forEach(a -> out.add(a.json(false)));
        return out;
    }

    /** Alarms listed now that no one has acknowledged. */
    public synchronized long unacknowledged() {
        return alarms.values().stream().filter(a -> a.ackedBy() == null).count();
    }

    /** Alarms dropped because the list was full. */
    public synchronized long dropped() {
        return dropped;
    }
}
