package io.sunsync.flight.jobs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every job the runner knows, in submission order, with the questions asked of all of them
 * (results held, results pending for downlink, finished jobs to forget).
 *
 * <p>Threading: not thread-safe; owned by the job runner and used under its lock.
 */
final class JobTable {
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    /** Jobs whose stored result did not match its checksums: held back from downlink. */
    private final Set<String> corruptResults = new HashSet<>();
    private long submitSeq;

    Job get(String id) {
        return jobs.get(id);
    }

    boolean contains(String id) {
        return jobs.containsKey(id);
    }

    /** A live view, in submission order (do not change the table while iterating it). */
    Collection<Job> all() {
        return jobs.values();
    }

    /** A copy, for loops that may add or end jobs. */
    List<Job> snapshot() {
        return new ArrayList<>(jobs.values());
    }

    /** Adds the job of a journaled record; returns it. */
    Job add(JobRecord rec) {
        Job job = new Job(rec);
        jobs.put(rec.id(), job);
        submitSeq = Math.max(submitSeq, rec.submitSeq());
        return job;
    }

    /** The sequence number of the last submission. */
    long submitSeq() {
        return submitSeq;
    }

    int size() {
        return jobs.size();
    }

    void clear() {
        jobs.clear();
        submitSeq = 0;
    }

    List<JobRecord> records() {
        return jobs.values().stream().map(j -> j.rec).toList();
    }

    /** Bytes of the stored results held (awaiting acknowledgement or being checked). */
    long pendingBytes() {
        return jobs.values().stream().filter(j -> holdsResult(j.rec)).mapToLong(j -> j.rec.result().totalBytes()).sum();
    }

    /** Whether {@code r} holds a stored result: awaiting acknowledgement, or being checked. */
    static boolean holdsResult(JobRecord r) {
        return r.result() != null && (r.state() == JobState.SUCCEEDED && !r.resultAcked() || r.state() == JobState.CHECKING);
    }

    /** Whether {@code j}'s result is offered for downlink (succeeded, checksums good, not acknowledged). */
    boolean resultPending(Job j) {
        return j.rec.state() == JobState.SUCCEEDED && j.rec.result() != null && !j.rec.resultAcked()
                && !corruptResults.contains(j.id()) && j.rec.checkRun() == null;
    }

    void markCorrupt(String id) {
        corruptResults.add(id);
    }

    void clearCorrupt(String id) {
        corruptResults.remove(id);
    }

    /** Forgets the oldest finished jobs beyond {@code keep} (never an unacknowledged result). */
    void trimFinished(int keep) {
        List<Job> forgettable = jobs.values().stream()
                .filter(j -> j.rec.state().terminal())
                .filter(j -> j.rec.state() != JobState.SUCCEEDED || j.rec.resultAcked())
                .sorted(Comparator.comparingLong(j -> j.rec.submitSeq())).toList();
        int excess = forgettable.size() - keep;
        for (int i = 0; i < excess; i++) {
            jobs.remove(forgettable.get(i).id());
        }
    }
}
