package io.sunsync.flight.jobs.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job processes being stopped. A draining process holds its boards until its whole process group
 * is gone: SIGTERM first (SIGKILL at once when the main process already exited), SIGKILL once the
 * kill grace period has passed. A folder may be handed over to be deleted when the group is gone
 * (the job's directory, which its processes may still write to).
 *
 * <p>Threading: not thread-safe; owned by the job runner and used under its lock.
 */
public final class ProcessDrains {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessDrains.class);

    private final double killGraceS;
    private final Consumer<Path> delete;
    private final List<Drain> drains = new ArrayList<>();

    /** A process being stopped; it holds its boards until its whole group is gone. */
    private static final class Drain {
        final String jobId;
        final JobProcess process;
        final List<String> boardIds;
        final long killAtNanos;
        Path deleteWhenGone;
        boolean killed;

        Drain(String jobId, JobProcess process, List<String> boardIds, long killAtNanos, Path deleteWhenGone) {
            this.jobId = jobId;
            this.process = process;
            this.boardIds = List.copyOf(boardIds);
            this.killAtNanos = killAtNanos;
            this.deleteWhenGone = deleteWhenGone;
        }
    }

    /**
     * @param killGraceS time between SIGTERM and SIGKILL, in s
     * @param delete     deletes a folder (or file) once the process that used it is gone; must not throw
     */
    public ProcessDrains(double killGraceS, Consumer<Path> delete) {
        this.killGraceS = killGraceS;
        this.delete = delete;
    }

    /**
     * Starts stopping {@code p}: SIGTERM now (SIGKILL when {@code immediately}: its main process
     * exited, whatever it left in its group goes too), SIGKILL after the grace period.
     *
     * @param deleteWhenGone a folder to delete once the group is gone, or null
     */
    public void add(String jobId, JobProcess p, List<String> boardIds, Path deleteWhenGone, boolean immediately) {
        if (immediately) {
            p.kill();
        } else {
            p.terminate();
        }
        drains.add(new Drain(jobId, p, boardIds, System.nanoTime() + (long) (killGraceS * 1e9), deleteWhenGone));
    }

    /** Forgets the processes that are gone (deleting their folders) and SIGKILLs those past their grace. */
    public void reap() {
        long nanos = System.nanoTime();
        for (var it = drains.iterator(); it.hasNext(); ) {
            Drain d = it.next();
            if (!d.process.anyAlive()) {
                it.remove();
                if (d.deleteWhenGone != null) {
                    delete.accept(d.deleteWhenGone);
                }
            } else if (!d.killed && nanos - d.killAtNanos >= 0) {
                LOG.warn("job {}: process {} still alive {} s after SIGTERM; sending SIGKILL", d.jobId, d.process.pid(),
                        killGraceS);
                d.process.kill();
                d.killed = true;
            }
        }
    }

    /** Whether a process of {@code jobId} is still being stopped. */
    public boolean holding(String jobId) {
        return drains.stream().anyMatch(d -> d.jobId.equals(jobId));
    }

    /**
     * {@code dir} is deleted once the processes of {@code jobId} are gone; with {@code keepEarlier},
     * a folder already handed over for a drain is kept as it is.
     */
    public void deleteWhenGone(String jobId, Path dir, boolean keepEarlier) {
        for (Drain d : drains) {
            if (d.jobId.equals(jobId) && (!keepEarlier || d.deleteWhenGone == null)) {
                d.deleteWhenGone = dir;
            }
        }
    }

    /** The boards the draining processes hold. */
    public Set<String> boards() {
        Set<String> out = new HashSet<>();
        for (Drain d : drains) {
            out.addAll(d.boardIds);
        }
        return out;
    }

    /**
     * Waits (bounded by the kill grace period, polling every 20 ms) for every draining process to
     * be gone, then SIGKILLs what is left and forgets them all. Folders handed over are not deleted
     * (the next start removes what no job owns).
     */
    public void awaitAll() {
        long until = System.nanoTime() + (long) (killGraceS * 1e9);
        while (!drains.isEmpty() && System.nanoTime() < until) {
            drains.removeIf(d -> !d.process.anyAlive());
            pause(20);
        }
        for (Drain d : drains) {
            d.process.kill();
        }
        drains.clear();
    }

    static void pause(long ms) {
        try {
            Thread.sleep(ms); // waiting for killed processes to be gone (monotonic, bounded)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
