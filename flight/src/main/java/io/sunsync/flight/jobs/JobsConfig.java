package io.sunsync.flight.jobs;

import io.sunsync.hal.config.ConfigException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code jobs} section of the satellite config (optional: without it no job runner is
 * built). See docs/configuration.md and docs/jobs.md.
 *
 * @param dataDir               where the journal, job directories and results live; relative to
 *                              the config file's directory (required)
 * @param tickPeriodS           period of the {@code jobs} rate group, in s (0.01..60, default 1)
 * @param quotas                per-owner quotas, by owner
 * @param defaultQuota          quota of owners not listed (default: no limit)
 * @param maxResultBytes        results awaiting acknowledgement above which new jobs are refused
 *                              with {@code STORAGE_FULL}, in bytes (default 10 GiB)
 * @param maxResultBytesPerJob  largest single result, in bytes (default 1 GiB)
 * @param maxLogBytes           size at which a job's stdout/stderr log rotates, in bytes; each
 *                              stream keeps at most twice this (default 1 MiB)
 * @param checkpointGraceS      time a process gets to acknowledge a checkpoint request, in s of
 *                              monotonic time (default 30)
 * @param killGraceS            time between SIGTERM and SIGKILL, in s of monotonic time (default 10)
 * @param maxStarts             starts after which a job that keeps being restarted fails with
 *                              {@code TOO_MANY_STARTS} (default 20)
 * @param progressIntervalS     mission time between progress records (energy used, synthetic
 *                              checkpoints) in the journal, in s (default 60)
 * @param compactAfterBytes     journal size that triggers compaction, in bytes (default 4 MiB)
 * @param keepFinishedJobs      finished jobs remembered (for duplicate-id refusal and status) once
 *                              nothing of theirs awaits the ground (default 1000; ~3 KiB of heap each)
 * @param maxUnfinishedJobs     jobs queued, running or suspended at most, all owners together; one
 *                              more is refused with {@code QUEUE_FULL} (1..1000000, default 10000)
 * @param checks                quarantine and isolation of boards whose results fail their checks
 *                              (default: {@link ChecksConfig#defaults()})
 */
public record JobsConfig(String dataDir, Double tickPeriodS, Map<String, OwnerQuota> quotas, OwnerQuota defaultQuota,
                         Long maxResultBytes, Long maxResultBytesPerJob, Long maxLogBytes, Double checkpointGraceS,
                         Double killGraceS, Integer maxStarts, Double progressIntervalS, Long compactAfterBytes,
                         Integer keepFinishedJobs, Integer maxUnfinishedJobs, ChecksConfig checks) {
    /** The settings without a bound on unfinished jobs or result checks chosen (defaults). */
    public JobsConfig(String dataDir, Double tickPeriodS, Map<String, OwnerQuota> quotas, OwnerQuota defaultQuota,
                      Long maxResultBytes, Long maxResultBytesPerJob, Long maxLogBytes, Double checkpointGraceS,
                      Double killGraceS, Integer maxStarts, Double progressIntervalS, Long compactAfterBytes,
                      Integer keepFinishedJobs) {
        this(dataDir, tickPeriodS, quotas, defaultQuota, maxResultBytes, maxResultBytesPerJob, maxLogBytes,
                checkpointGraceS, killGraceS, maxStarts, progressIntervalS, compactAfterBytes, keepFinishedJobs, null,
                null);
    }

    public JobsConfig {
        ConfigException.require(dataDir, "dataDir");
        tickPeriodS = range("tickPeriodS", tickPeriodS, 1.0, 0.01, 60);
        quotas = quotas == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(quotas));
        for (String owner : quotas.keySet()) {
            if (!JobSpec.NAME.matcher(owner).matches()) {
                throw new ConfigException("quotas." + owner, "not a valid owner name");
            }
            if (quotas.get(owner) == null) {
                throw new ConfigException("quotas." + owner, "is empty");
            }
        }
        defaultQuota = defaultQuota == null ? OwnerQuota.UNLIMITED : defaultQuota;
        maxResultBytes = positive("maxResultBytes", maxResultBytes, 10L << 30);
        maxResultBytesPerJob = positive("maxResultBytesPerJob", maxResultBytesPerJob, 1L << 30);
        maxLogBytes = positive("maxLogBytes", maxLogBytes, 1L << 20);
        checkpointGraceS = range("checkpointGraceS", checkpointGraceS, 30.0, 0.01, 3600);
        killGraceS = range("killGraceS", killGraceS, 10.0, 0.01, 600);
        maxStarts = maxStarts == null ? 20 : maxStarts;
        if (maxStarts < 1) {
            throw new ConfigException("maxStarts", "must be >= 1, was " + maxStarts);
        }
        progressIntervalS = range("progressIntervalS", progressIntervalS, 60.0, 0.01, 86_400);
        compactAfterBytes = positive("compactAfterBytes", compactAfterBytes, 4L << 20);
        keepFinishedJobs = keepFinishedJobs == null ? 1_000 : keepFinishedJobs;
        if (keepFinishedJobs < 0) {
            throw new ConfigException("keepFinishedJobs", "must be >= 0, was " + keepFinishedJobs);
        }
        maxUnfinishedJobs = maxUnfinishedJobs == null ? 10_000 : maxUnfinishedJobs;
        if (maxUnfinishedJobs < 1 || maxUnfinishedJobs > 1_000_000) {
            throw new ConfigException("maxUnfinishedJobs", "must be in [1, 1000000], was " + maxUnfinishedJobs);
        }
        checks = checks == null ? ChecksConfig.defaults() : checks;
    }

    /** A config with every default and the given data directory. */
    public static JobsConfig withDataDir(String dataDir) {
        return new JobsConfig(dataDir, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The data directory, resolved against the config file's directory. */
    public Path dataDirIn(Path configDir) {
        Path p = Path.of(dataDir);
        return (p.isAbsolute() || configDir == null ? p : configDir.resolve(p)).toAbsolutePath().normalize();
    }

    /** The quota of {@code owner}. */
    public OwnerQuota quotaOf(String owner) {
        return quotas.getOrDefault(owner, defaultQuota);
    }

    private static double range(String key, Double v, double dflt, double min, double max) {
        return ConfigException.inRange(key, v, dflt, min, max);
    }

    private static long positive(String key, Long v, long dflt) {
        long x = v == null ? dflt : v;
        if (x <= 0) {
            throw new ConfigException(key, "must be > 0, was " + x);
        }
        return x;
    }
}
