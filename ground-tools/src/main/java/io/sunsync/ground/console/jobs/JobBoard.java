package io.sunsync.ground.console.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.ground.console.push.FeedHub;
import io.sunsync.ground.console.push.Update;
import io.sunsync.ground.events.EventRecord;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every job the console knows of, per satellite: its state as the satellite's job events tell it
 * ({@code JOB_SUBMITTED}, {@code JOB_STARTED}, … {@code JOB_SUCCEEDED}; docs/jobs.md), with the
 * latest events in order, and the fields of the satellite's own job list when an operator
 * refreshed it ({@code job.list}). Every change is pushed to all pages. The latest
 * {@code capacity} jobs are kept.
 *
 * <p>Thread safe.
 */
public final class JobBoard {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> STATE = Map.ofEntries(Map.entry("JOB_SUBMITTED", "QUEUED"),
            Map.entry("JOB_REQUEUED", "QUEUED"), Map.entry("JOB_STARTED", "RUNNING"), Map.entry("JOB_RESUMED", "RUNNING"),
            Map.entry("JOB_SUSPENDED", "SUSPENDED"), Map.entry("JOB_SUCCEEDED", "SUCCEEDED"),
            Map.entry("JOB_FAILED", "FAILED"), Map.entry("JOB_CANCELLED", "CANCELLED"),
            Map.entry("JOB_EXPIRED", "EXPIRED"), Map.entry("JOB_REJECTED", "REJECTED"));
    private static final int EVENTS_PER_JOB = 20;

    private final int capacity;
    private final FeedHub hub;
    private final LinkedHashMap<String, ObjectNode> jobs = new LinkedHashMap<>();

    /** @param capacity jobs kept */
    public JobBoard(int capacity, FeedHub hub) {
        this.capacity = capacity;
        this.hub = hub;
    }

    /** An event arrived; job events (with {@code data.jobId}) update their job. */
    public void event(EventRecord e, long rxMs) {
        String id = e.data().path("jobId").asText("");
        if (!e.code().startsWith("JOB_") || id.isEmpty()) {
            return;
        }
        ObjectNode j;
        synchronized (this) {
            j = job(e.sat(), id);
            String state = STATE.get(e.code());
            if (state != null) {
                j.put("state", state);
            }
            j.put("lastCode", e.code());
            j.put("t", e.t().toString());
            j.put("rxMs", rxMs);
            ArrayNode evts = (ArrayNode) j.get("events");
            ObjectNode ev = evts.addObject();
            ev.put("t", e.t().toString());
            ev.put("code", e.code());
            ev.put("severity", e.severity().name());
            ev.put("message", e.message());
            while (evts.size() > EVENTS_PER_JOB) {
                evts.remove(0);
            }
            j = j.deepCopy();
        }
        push(j);
    }

    /** The satellite's own list ({@code job.list}'s {@code data.jobs}) arrived: its fields replace ours. */
    public void listed(String sat, JsonNode list, long rxMs) {
        List<ObjectNode> changed = new ArrayList<>();
        synchronized (this) {
            for (JsonNode x : list) {
                String id = x.path("id").asText("");
                if (id.isEmpty()) {
                    continue;
                }
                ObjectNode j = job(sat, id);
                j.set("onBoard", x);
                if (x.path("state").isTextual()) {
                    j.put("state", x.path("state").asText());
                }
                j.put("listedMs", rxMs);
                changed.add(j.deepCopy());
            }
        }
        changed.forEach(this::push);
    }

    /** The operator submitted {@code id} to {@code sat} (before any event). */
    public void submitted(String sat, String id, String user, long nowMs) {
        ObjectNode j;
        synchronized (this) {
            j = job(sat, id);
            if (!j.has("state")) {
                j.put("state", "SUBMITTING");
            }
            j.put("submittedBy", user);
            j.put("submittedMs", nowMs);
            j = j.deepCopy();
        }
        push(j);
    }

    private ObjectNode job(String sat, String id) {
        String key = sat + "/" + id;
        ObjectNode j = jobs.get(key);
        if (j == null) {
            j = JSON.createObjectNode();
            j.put("k", "job");
            j.put("sat", sat);
            j.put("id", id);
            j.putArray("events");
            jobs.put(key, j);
            Iterator<String> it = jobs.keySet().iterator();
            while (jobs.size() > capacity) {
                it.next();
                it.remove();
            }
        }
        return j;
    }

    private void push(ObjectNode j) {
        hub.toAll(new Update("job:" + j.path("sat").asText() + "/" + j.path("id").asText(), j.toString()));
    }

    /** The jobs of {@code sat} (null: all), newest first. */
    public synchronized List<ObjectNode> list(String sat) {
        List<ObjectNode> out = new ArrayList<>();
        List<ObjectNode> all = new ArrayList<>(jobs.values());
        for (int i = all.size() - 1; i >= 0; i--) {
            if (sat == null || sat.equals(all.get(i).path("sat").asText())) {
                out.add(all.get(i).deepCopy());
            }
        }
        return out;
    }
}
