package io.sunsync.flight.jobs.process;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills the job processes a previous run left behind on a data directory: those whose recorded
 * pid and start time still match a live process, and every process whose environment carries the
 * runner's marker. A process cannot be re-adopted (its output pipes died with the old runner).
 *
 * <p>Threading: stateless; call from one thread at a time (it blocks up to 5 s).
 */
public final class OrphanReaper {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanReaper.class);
    private static final long GIVE_UP_NANOS = 5_000_000_000L;

    /** A process a previous run recorded: its pid and the instant it started (tells pid reuse apart). */
    public record Recorded(long pid, Instant startedAt) {
    }

    private final String envName;
    private final String envValue;

    /**
     * @param envName  the environment variable every job process gets
     * @param envValue its value for this data directory
     */
    public OrphanReaper(String envName, String envValue) {
        this.envName = envName;
        this.envValue = envValue;
    }

    /**
     * Kills the orphans; returns the pids killed (empty when none). Scans again after each round
     * until none is left (up to 5 s): an orphan may fork between a scan and its kill, and a very
     * young one may not have its own process group yet.
     */
    public Set<Long> killAll(Iterable<Recorded> recorded) {
        Set<Long> killed = new LinkedHashSet<>();
        for (Recorded r : recorded) {
            if (JobProcess.sameProcess(r.pid(), r.startedAt())) {
                killed.add(r.pid());
                killTree(r.pid(), Set.of(r.pid()));
            }
        }
        long until = System.nanoTime() + GIVE_UP_NANOS;
        while (true) {
            List<Long> found = ProcessTable.withEnv(envName, envValue).stream()
                    .filter(p -> ProcessTable.state(p) != 'Z').toList();
            Set<Long> alive = new LinkedHashSet<>(found);
            killed.stream().filter(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false)
                    && ProcessTable.state(p) != 'Z' && ProcessTable.state(p) != '?').forEach(alive::add);
            if (alive.isEmpty() || System.nanoTime() - until > 0) {
                if (!alive.isEmpty()) {
                    LOG.error("job processes of a previous run survive SIGKILL: {}", alive);
                }
                break;
            }
            for (long pid : alive) {
                killTree(pid, alive);
            }
            killed.addAll(alive);
            ProcessDrains.pause(10);
        }
        if (!killed.isEmpty()) {
            LOG.warn("killed {} orphaned job processes of a previous run: {}", killed.size(), killed);
        }
        return killed;
    }

    /** SIGKILL to {@code pid}, and to its process group when the group is one of {@code jobPids} (a job's own). */
    private static void killTree(long pid, Set<Long> jobPids) {
        ProcessTable.processGroup(pid).ifPresent(pgid -> {
            if (jobPids.contains(pgid)) {
                ProcessSignals.toGroup(pgid, "KILL");
            }
        });
        ProcessSignals.toProcess(pid, "KILL");
    }
}
