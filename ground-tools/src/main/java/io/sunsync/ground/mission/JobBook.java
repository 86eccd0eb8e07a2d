package io.sunsync.ground.mission;

import io.sunsync.ground.events.EventRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ground's book of the satellite's jobs, kept from the job runner's events (source
 * {@code jobs}: every state change carries {@code jobId} and {@code state}, docs/jobs.md): each
 * job's latest state, when it was submitted and finished, and how many jobs were in each state
 * over time. Fed live by the recorder, or from the archive for the report.
 *
 * <p>Thread safe.
 */
public final class JobBook {
    /** A job's state as the ground groups them. */
    public enum Phase {
        QUEUED, RUNNING, SUSPENDED, SUCCEEDED, FAILED, CANCELLED, EXPIRED;

        /** True for the states a job never leaves. */
        public boolean terminal() {
            return this == SUCCEEDED || this == FAILED || this == CANCELLED || this == EXPIRED;
        }

        static Phase of(String state) {
            return switch (state) {
                case "QUEUED" -> QUEUED;
                case "RUNNING", "CHECKPOINTING", "CHECKING" -> RUNNING;
                case "SUSPENDED" -> SUSPENDED;
                case "SUCCEEDED" -> SUCCEEDED;
                case "FAILED" -> FAILED;
                case "CANCELLED" -> CANCELLED;
                case "EXPIRED" -> EXPIRED;
                default -> null;
            };
        }
    }

    /**
     * One job as the ground knows it.
     *
     * @param id          job id
     * @param owner       who asked
     * @param phase       its latest state
     * @param reason      the reason of its latest state change
     * @param submitted   mission time it was queued (null if the submission was not seen)
     * @param started     mission time it first ran (null if never)
     * @param finished    mission time it reached a terminal state (null if not yet)
     * @param workUnits   work done, as last reported (NaN if never reported)
     * @param starts      times it was started
     */
    public record Job(String id, String owner, Phase phase, String reason, Instant submitted, Instant started,
                      Instant finished, double workUnits, int starts) {
    }

    /**
     * How many jobs were in each state from {@code t} on.
     *
     * @param t      mission time
     * @param counts jobs per state
     */
    public record Count(Instant t, Map<Phase, Integer> counts) {
    }

    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final List<Count> timeline = new ArrayList<>();

    /** Takes in an event; ignores those that are not job state changes. */
    public synchronized void accept(EventRecord e) {
        if (!"jobs".equals(e.source()) || !e.data().path("jobId").isTextual()) {
            return;
        }
        Phase phase = Phase.of(e.data().path("state").asText(""));
        if (phase == null) {
            return;
        }
        String id = e.data().path("jobId").asText();
        Job old = jobs.get(id);
        if (old != null && old.phase().terminal()) {
            return; // terminal states are never left; a late copy changes nothing
        }
        double work = e.data().path("workUnits").isNumber() ? e.data().path("workUnits").asDouble()
                : old == null ? Double.NaN : old.workUnits();
        Job j = new Job(id, e.data().path("owner").asText(old == null ? "" : old.owner()), phase,
                e.data().path("reason").asText(""),
                old == null || old.submitted() == null ? (phase == Phase.QUEUED ? e.t() : null) : old.submitted(),
                old != null && old.started() != null ? old.started() : phase == Phase.RUNNING ? e.t() : null,
                phase.terminal() ? e.t() : null, work, e.data().path("starts").asInt(old == null ? 0 : old.starts()));
        jobs.put(id, j);
        timeline.add(new Count(e.t(), counts()));
    }

    /** Every job seen, in order of first appearance. */
    public synchronized List<Job> jobs() {
        return List.copyOf(jobs.values());
    }

    /** One job, or null. */
    public synchronized Job job(String id) {
        return jobs.get(id);
    }

    /** Jobs per state now. */
    public synchronized Map<Phase, Integer> counts() {
        Map<Phase, Integer> c = new EnumMap<>(Phase.class);
        for (Phase p : Phase.values()) {
            c.put(p, 0);
        }
        for (Job j : jobs.values()) {
            c.merge(j.phase(), 1, Integer::sum);
        }
        return c;
    }

    /** Jobs per state after each change, in the order the events came. */
    public synchronized List<Count> timeline() {
        return List.copyOf(timeline);
    }
}
