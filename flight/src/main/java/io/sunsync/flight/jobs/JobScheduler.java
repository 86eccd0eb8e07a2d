package io.sunsync.flight.jobs;

import io.sunsync.flight.jobs.process.ProcessDrains;
import io.sunsync.hal.accel.AcceleratorBoard;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scheduling policy: which preempted jobs resume, which queued jobs start on which boards, and
 * which lower-priority jobs are preempted to make room. Queued jobs are taken in order of priority,
 * then deadline, then submission ({@link #ORDER}); a job starts on the first free boards that are
 * usable, allowed to it and reach its minimum cap, within its owner's board quota; a job that
 * does not fit preempts the lowest-priority, most recently started jobs whose boards would let it
 * start, and the boards that are free stay reserved for it while its victims let go. Boards lent
 * by preempted, suspended jobs go only to jobs of higher priority than the lender.
 *
 * <p>The policy does no I/O: it reads the job table, the boards and the draining processes, and
 * carries out its decisions through {@link Actions} (the state machine), whose effects it sees in
 * the table as it goes on.
 *
 * <p>Threading: not thread-safe; called under the job runner's lock.
 */
final class JobScheduler {
    /** Priority (highest first), then deadline (earliest first, none last), then submission. */
    static final Comparator<Job> ORDER = Comparator
            .comparing((Job j) -> -j.spec().priority())
            .thenComparing(j -> j.spec().deadline() == null ? Instant.MAX : j.spec().deadline())
            .thenComparingLong(j -> j.rec.submitSeq());

    /** How the decisions are carried out. */
    interface Actions {
        /** Starts {@code job} on {@code boardIds} (which may fail and end the job instead). */
        void launch(Job job, Instant now, List<String> boardIds) throws JournalWriteException;

        /** Preempts {@code victim} for {@code forJob}: checkpoint and requeue, or suspend. */
        void preempt(Job victim, Job forJob, Instant now) throws JournalWriteException;

        /** Resumes a preempted, suspended job on its boards. */
        void resume(Job job, Instant now) throws JournalWriteException;
    }

    private final JobsConfig config;
    private final JobTable table;
    private final BoardView boards;
    private final ProcessDrains drains;

    JobScheduler(JobsConfig config, JobTable table, BoardView boards, ProcessDrains drains) {
        this.config = config;
        this.table = table;
        this.boards = boards;
        this.drains = drains;
    }

    /** Resumes preempted jobs, in {@link #ORDER}, whose boards are all usable and free. */
    void resumePreempted(Instant now, Actions act) throws JournalWriteException {
        Set<String> busy = busyBoards();
        List<Job> waiting = table.all().stream()
                .filter(j -> j.rec.state() == JobState.SUSPENDED && j.rec.suspendCause() == SuspendCause.PREEMPTED)
                .sorted(ORDER).toList();
        for (Job j : waiting) {
            if (j.rec.boardIds().stream().allMatch(b -> boards.usable(b) && !busy.contains(b))) {
                act.resume(j, now);
                busy.addAll(j.rec.boardIds());
            }
        }
    }

    /** Boards a live process or running workload occupies (preempted, suspended jobs lend theirs). */
    Set<String> busyBoards() {
        Set<String> busy = new HashSet<>();
        for (Job j : table.all()) {
            JobRecord r = j.rec;
            if (r.state() == JobState.RUNNING || r.state() == JobState.CHECKPOINTING
                    || (r.state() == JobState.SUSPENDED && r.suspendCause() != SuspendCause.PREEMPTED)) {
                busy.addAll(r.boardIds());
            }
        }
        busy.addAll(drains.boards());
        return busy;
    }

    /** Starts queued jobs where boards are free, preempting lower-priority jobs where they are not. */
    void schedule(Instant now, Actions act) throws JournalWriteException {
        List<Job> queued = table.all().stream().filter(j -> j.rec.state() == JobState.QUEUED)
                .filter(j -> !drains.holding(j.id())).sorted(ORDER).toList();
        if (queued.isEmpty()) {
            return;
        }
        Set<String> busy = busyBoards();
        Set<String> reserved = new HashSet<>();
        Map<String, Integer> lentAt = new HashMap<>();
        for (Job j : table.all()) {
            if (j.rec.state() == JobState.SUSPENDED && j.rec.suspendCause() == SuspendCause.PREEMPTED) {
                for (String b : j.rec.boardIds()) {
                    lentAt.merge(b, j.spec().priority(), Math::max);
                }
            }
        }
        for (Job q : queued) {
            JobSpec s = q.spec();
            int need = s.boards().count();
            if (!quotaAllows(s.owner(), need)) {
                continue;
            }
            Set<String> unavailable = new HashSet<>(reserved);
            lentAt.forEach((b, p) -> {
                if (p >= s.priority()) {
                    unavailable.add(b);
                }
            });
            List<String> free = freeBoards(q.rec, busy, unavailable);
            if (free.size() >= need) {
                q.victims.clear();
                List<String> chosen = free.subList(0, need);
                act.launch(q, now, chosen);
                busy.addAll(chosen);
                continue;
            }
            q.victims.removeIf(v -> !stillReleasing(v));
            if (q.victims.isEmpty()) {
                preemptFor(q, now, free, act);
                busy = busyBoards();
                free = freeBoards(q.rec, busy, unavailable);
                if (free.size() >= need) {
                    List<String> chosen = free.subList(0, need);
                    act.launch(q, now, chosen);
                    busy.addAll(chosen);
                    continue;
                }
            }
            if (!q.victims.isEmpty()) {
                reserved.addAll(free); // keep what is free for q while its victims let go
            }
        }
    }

    private List<String> freeBoards(JobRecord rec, Set<String> busy, Set<String> reserved) {
        double minCap = rec.spec().boards().minCapWOrZero();
        List<String> free = new ArrayList<>();
        for (AcceleratorBoard b : boards.all()) {
            String id = b.spec().id();
            if (boards.usable(id) && BoardView.mayRun(rec, id) && !busy.contains(id) && !reserved.contains(id)
                    && b.spec().maxCapW() >= minCap) {
                free.add(id);
            }
        }
        return free;
    }

    private boolean stillReleasing(String victimId) {
        Job v = table.get(victimId);
        return v != null && ((v.rec.state() == JobState.CHECKPOINTING && v.preempting) || drains.holding(victimId));
    }

    /** Whether {@code owner}'s board quota leaves room for {@code need} more boards. */
    boolean quotaAllows(String owner, int need) {
        Integer max = config.quotaOf(owner).maxBoards();
        if (max == null) {
            return true;
        }
        int used = table.all().stream().filter(j -> j.spec().owner().equals(owner) && j.rec.state().onBoards())
                .mapToInt(j -> j.rec.boardIds().size()).sum();
        return used + need <= max;
    }

    /** Chooses lower-priority running jobs whose boards would let {@code q} start, and preempts them. */
    private void preemptFor(Job q, Instant now, List<String> free, Actions act) throws JournalWriteException {
        List<Job> chosen = victims(q, free.size());
        for (Job v : chosen) {
            act.preempt(v, q, now);
            q.victims.add(v.id());
        }
    }

    /**
     * The running jobs to preempt so that {@code q} gets its boards ({@code freeNow} of them are
     * free already): lowest priority first, then the most recently started; empty when even all of
     * them would not be enough.
     */
    List<Job> victims(Job q, int freeNow) {
        JobSpec s = q.spec();
        double minCap = s.boards().minCapWOrZero();
        int need = s.boards().count();
        List<Job> candidates = table.all().stream()
                .filter(j -> j.rec.state() == JobState.RUNNING && j.spec().priority() < s.priority())
                .sorted(Comparator.comparingInt((Job j) -> j.spec().priority())
                        .thenComparing(j -> j.rec.startedAt() == null ? Instant.MIN : j.rec.startedAt(),
                                Comparator.reverseOrder()))
                .toList();
        int gained = freeNow;
        List<Job> chosen = new ArrayList<>();
        for (Job c : candidates) {
            if (gained >= need) {
                break;
            }
            long eligible = c.rec.boardIds().stream().filter(b -> boards.usable(b) && BoardView.mayRun(q.rec, b)
                    && boards.board(b).spec().maxCapW() >= minCap).count();
            if (eligible > 0) {
                chosen.add(c);
                gained += (int) eligible;
            }
        }
        return gained < need ? List.of() : chosen;
    }
}
