package io.sunsync.ground.console.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.ground.command.VerificationReport;
import io.sunsync.ground.console.push.FeedHub;
import io.sunsync.ground.console.push.Update;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;

/**
 * Every command the console has seen go to a satellite or come back from one: its own (who sent
 * it, the arguments, the payload's SHA-256) and anyone else's, as their verification reports
 * arrive on the link; each with its stages in order (ACCEPTED, STARTED, PROGRESS, COMPLETED,
 * or REJECTED/FAILED with the reason). A report is matched to its command by satellite and
 * sequence number, or, for a payload the satellite could not authenticate, by the payload's
 * SHA-256; one that matches nothing becomes an entry of its own (origin {@code other}: someone
 * else sent it). The latest {@code capacity} entries are kept; every change is pushed to all pages.
 *
 * <p>Thread safe.
 */
public final class CommandBoard {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int capacity;
    private final FeedHub hub;
    private final LinkedHashMap<String, ObjectNode> entries = new LinkedHashMap<>();
    private final Map<String, String> byPayload = new LinkedHashMap<>();
    private long nextId = 1;

    /** @param capacity entries kept */
    public CommandBoard(int capacity, FeedHub hub) {
        this.capacity = capacity;
        this.hub = hub;
    }

    /**
     * The console sent {@code name} (sequence number {@code seq}) to {@code sat} for {@code user}.
     *
     * @return the entry's id
     */
    public long sent(String sat, long seq, String name, JsonNode args, String user, String payloadSha256, long nowMs) {
        ObjectNode e;
        synchronized (this) {
            String key = sat + "#" + seq;
            e = entries.get(key);
            if (e == null) {
                e = create(key, sat, nowMs);
            }
            e.put("seq", seq);
            e.put("name", name);
            e.set("args", args);
            e.put("user", user);
            e.put("origin", "console");
            e.put("sentMs", nowMs);
            e.put("payloadSha256", payloadSha256);
            byPayload.put(payloadSha256, key);
            e = e.deepCopy();
        }
        push(e);
        return e.path("id").asLong();
    }

    /** A verification report of a command to {@code sat} arrived at {@code rxMs}. */
    public void report(String sat, VerificationReport r, long rxMs) {
        ObjectNode e;
        synchronized (this) {
            String sha = r.data() == null ? "" : r.data().path("payloadSha256").asText("");
            String key = r.seq() >= 0 ? sat + "#" + r.seq() : byPayload.getOrDefault(sha, sat + "#?" + sha);
            if (r.seq() >= 0 && !entries.containsKey(key) && byPayload.containsKey(sha)) {
                key = byPayload.get(sha);
            }
            e = entries.get(key);
            if (e == null) {
                e = create(key, sat, rxMs);
                e.put("origin", "other");
                e.put("seq", r.seq() >= 0 ? r.seq() : r.data().path("claimedSeq").asLong(-1));
                e.put("name", r.name() != null ? r.name() : r.data().path("claimedName").asText("?"));
                if (!sha.isEmpty()) {
                    e.put("payloadSha256", sha);
                }
            }
            ArrayNode stages = (ArrayNode) e.get("stages");
            for (JsonNode s : stages) {
                if (s.path("stage").asText().equals(r.stage()) && s.path("reason").asText("").equals(r.reason() == null ? "" : r.reason())
                        && s.path("progressPct").asInt(-1) == (r.stage().equals("PROGRESS") ? r.json().path("progressPct").asInt(-1) : -1)) {
                    return; // a redelivered copy
                }
            }
            ObjectNode st = stages.addObject();
            st.put("stage", r.stage());
            st.put("reason", r.reason());
            st.put("message", r.message());
            st.put("rxMs", rxMs);
            if (r.json().path("progressPct").isNumber() && r.stage().equals("PROGRESS")) {
                st.put("progressPct", r.json().path("progressPct").asInt());
            }
            if (r.data() != null && r.data().isObject() && !r.data().isEmpty()) {
                st.set("data", r.data());
            }
            st.put("duplicate", r.duplicate());
            if (r.isFinal()) {
                e.put("final", r.stage());
            }
            e = e.deepCopy();
        }
        push(e);
    }

    private ObjectNode create(String key, String sat, long nowMs) {
        ObjectNode e = JSON.createObjectNode();
        e.put("k", "tc");
        e.put("id", nextId++);
        e.put("sat", sat);
        e.put("firstMs", nowMs);
        e.putArray("stages");
        entries.put(key, e);
        if (entries.size() > capacity) {
            Iterator<Map.Entry<String, ObjectNode>> it = entries.entrySet().iterator();
            String old = it.next().getKey();
            it.remove();
            byPayload.values().removeIf(old::equals);
        }
        return e;
    }

    private void push(ObjectNode e) {
        hub.toAll(new Update("tc:" + e.path("id").asLong(), e.toString()));
    }

    /** The newest entries first: at most {@code limit}, of {@code sat} (null: all). */
    public synchronized List<ObjectNode> list(String sat, int limit) {
        List<ObjectNode> out = new ArrayList<>();
        ListIterator<ObjectNode> it = new ArrayList<>(entries.values()).listIterator(entries.size());
        while (it.hasPrevious() && out.size() < limit) {
            ObjectNode e = it.previous();
            if (sat == null || sat.equals(e.path("sat").asText())) {
                out.add(e.deepCopy());
            }
        }
        return out;
    }
}
