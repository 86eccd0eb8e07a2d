package io.sunsync.hal.accel;

import io.sunsync.hal.FaultCode;
import io.sunsync.hal.sysfs.ExternalCommand;
import io.sunsync.hal.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The {@code nvidia-smi} tool, shared by all boards of one backend: one invocation reads every
 * GPU ({@code --query-gpu=... --format=csv,noheader,nounits}) and its result is reused by all
 * boards until it is older than the cache age, so a control tick costs one process however many
 * boards there are. Power limits are set with {@code nvidia-smi -i ID -pl W} (root; the limit is
 * lost at reboot, driver reload and GPU reset), the same limit on many GPUs at once with
 * {@code nvidia-smi -i 0,1,… -pl W} (the backend's {@link SafeStateGroup}), resets with
 * {@code nvidia-smi -i ID -r}. Every run has a time limit after which the tool (and its children)
 * is killed. Never throws.
 *
 * <p>Older drivers call the throttle-reasons field {@code clocks_throttle_reasons.active}; when
 * the tool rejects {@code clocks_event_reasons.active} as "not a valid field", the query is
 * retried with the old name, which is then kept.
 *
 * <p>Threading: one run of the tool at a time (a lock; boards of one backend share an instance). A
 * safe-state operation ({@link #safing}) goes ahead of the ordinary runs waiting for the tool, so
 * it waits at most for the run in progress.
 */
public final class NvidiaSmi {
    private final String smiPath;
    private final Duration timeout;
    private final Duration resetTimeout;
    private final Duration cacheMaxAge;
    private final TimeSource time;
    private String reasonsField = NvidiaSmiCsv.REASONS_FIELD;
    private Snapshot last;
    private Snapshot lastGood;
    private final ReentrantLock tool = new ReentrantLock();
    private final Condition noSafingWaits = tool.newCondition();
    private final AtomicInteger safingWaiting = new AtomicInteger();
    private final NvidiaSmiSafeStateGroup group = new NvidiaSmiSafeStateGroup(this);

    /**
     * What one query gave.
     *
     * @param at       when it was run
     * @param rows     the GPUs' lines (those that parsed)
     * @param fault    why the query failed or was incomplete, or {@code null}
     * @param detail   explanation ({@code ""} when fine)
     * @param output   what the tool printed (for faults naming a particular GPU)
     */
    public record Snapshot(Instant at, List<NvidiaSmiCsv.Row> rows, FaultCode fault, String detail, String output) {
        /** The line of the GPU with this UUID, else with this index. */
        public Optional<NvidiaSmiCsv.Row> row(String uuid, int index) {
            return rows.stream().filter(r -> uuid != null && !uuid.isEmpty() && r.uuid().equals(uuid)).findFirst()
                    .or(() -> uuid == null || uuid.isEmpty()
                            ? rows.stream().filter(r -> r.index() == index).findFirst() : Optional.empty());
        }

        /** True when the query ran cleanly. */
        public boolean ok() {
            return fault == null;
        }
    }

    /**
     * @param smiPath      the tool (a name looked up on PATH, or a path)
     * @param timeout      limit for queries and {@code -pl}
     * @param resetTimeout limit for {@code -r}
     * @param cacheMaxAge  how long a query's result is reused
     */
    public NvidiaSmi(String smiPath, Duration timeout, Duration resetTimeout, Duration cacheMaxAge, TimeSource time) {
        this.smiPath = Objects.requireNonNull(smiPath, "smiPath");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.resetTimeout = Objects.requireNonNull(resetTimeout, "resetTimeout");
        this.cacheMaxAge = Objects.requireNonNull(cacheMaxAge, "cacheMaxAge");
        this.time = Objects.requireNonNull(time, "time");
    }

    /**
     * Runs {@code op} holding the tool, after the run in progress and after any safe-state operation
     * waiting for it. Re-entrant: inside a held run (a safe-state operation verifying) it runs at once.
     */
    private <T> T ordinary(Supplier<T> op) {
        tool.lock();
        try {
            if (tool.getHoldCount() == 1) {
                while (safingWaiting.get() > 0) {
                    noSafingWaits.awaitUninterruptibly();
                }
            }
            return op.get();
        } finally {
            tool.unlock();
        }
    }

    /**
     * Runs {@code op} (runs of the tool that drive GPUs to their safe state) holding the tool, ahead of
     * the ordinary runs waiting for it: it waits at most for the run in progress.
     */
    <T> T safing(Supplier<T> op) {
        safingWaiting.incrementAndGet();
        tool.lock();
        try {
            return op.get();
        } finally {
            if (safingWaiting.decrementAndGet() == 0) {
                noSafingWaits.signalAll();
            }
            tool.unlock();
        }
    }

    /** The group every board of this tool offers: all their GPUs to the safe state in one run. */
    SafeStateGroup safeStateGroup() {
        return group;
    }

    /** The latest query, run again when the cached one is older than the cache age. */
    public Snapshot snapshot() {
        return ordinary(() -> {
            Instant now = time.now();
            if (last == null || Duration.between(last.at(), now).compareTo(cacheMaxAge) > 0 || now.isBefore(last.at())) {
                return runQuery();
            }
            return last;
        });
    }

    /** The last query that ran cleanly, if any. */
    public Optional<Snapshot> lastGood() {
        return ordinary(() -> Optional.ofNullable(lastGood));
    }

    /** Runs a query now (e.g. to read back a command). */
    public Snapshot query() {
        return ordinary(this::runQuery);
    }

    private Snapshot runQuery() {
        Instant at = time.now();
        ExternalCommand.Outcome out = ExternalCommand.run(queryArgs(), timeout);
        if (!out.ok() && reasonsField.equals(NvidiaSmiCsv.REASONS_FIELD) && out.text().contains("not a valid field")) {
            reasonsField = NvidiaSmiCsv.LEGACY_REASONS_FIELD;
            out = ExternalCommand.run(queryArgs(), timeout);
        }
        last = interpret(at, out);
        if (last.ok()) {
            lastGood = last;
        }
        return last;
    }

    private List<String> queryArgs() {
        List<String> fields = new ArrayList<>(NvidiaSmiCsv.FIELDS);
        fields.set(fields.size() - 1, reasonsField);
        return List.of(smiPath, "--query-gpu=" + String.join(",", fields), "--format=csv,noheader,nounits");
    }

    private Snapshot interpret(Instant at, ExternalCommand.Outcome out) {
        if (out.launchError() != null) {
            return new Snapshot(at, List.of(), FaultCode.SENSOR_MISSING, out.launchError(), "");
        }
        if (out.timedOut()) {
            return new Snapshot(at, List.of(), FaultCode.COMMAND_TIMEOUT, String.format(Locale.ROOT,
                    "%s did not answer within %.1f s; killed", smiPath, timeout.toMillis() / 1000.0), out.text());
        }
        NvidiaSmiCsv.Parsed parsed = NvidiaSmiCsv.parse(out.stdout());
        if (out.exitCode() != 0) {
            return new Snapshot(at, parsed.rows(), classify(out.text()), smiPath + " exited with " + out.exitCode()
                    + ": " + NvidiaSmiCsv.shorten(out.firstLine()), out.text());
        }
        if (!parsed.problems().isEmpty()) {
            return new Snapshot(at, parsed.rows(), FaultCode.SENSOR_UNPARSABLE, String.join("; ", parsed.problems()),
                    out.text());
        }
        return new Snapshot(at, parsed.rows(), null, "", out.text());
    }

    /** The fault code for what the tool said when it failed. */
    static FaultCode classify(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains("gpu is lost") || t.contains("requires reset") || t.contains("fallen off the bus")) {
            return FaultCode.DEVICE_HUNG;
        }
        if (t.contains("insufficient permissions") || t.contains("permission")) {
            return FaultCode.SENSOR_PERMISSION;
        }
        return FaultCode.SENSOR_IO_ERROR;
    }

    /**
     * Sets a GPU's power limit: {@code nvidia-smi -i ID -pl W}. Does not read back; callers do.
     *
     * @param id the GPU's UUID or index
     * @param w  the limit in W
     */
    public ExternalCommand.Outcome setPowerLimit(String id, double w) {
        return ordinary(() -> runPowerLimit(id, w));
    }

    /**
     * Sets the same power limit on several GPUs in one run: {@code nvidia-smi -i 3,0,1 -pl W} ({@code -i}
     * takes a comma-separated list; {@code -pl} one value for every GPU listed). Does not read back;
     * the tool may stop at the first GPU it cannot set ("Terminating early due to previous errors.").
     * Only for a safe-state operation holding the tool ({@link #safing}).
     *
     * @param indices the GPUs' indices, as the latest query lists them
     * @param w       the limit in W
     */
    ExternalCommand.Outcome setPowerLimits(List<Integer> indices, double w) {
        return ordinary(() -> runPowerLimit(idList(indices), w));
    }

    /** GPU indices as {@code -i} takes several: {@code 3,0,1}. */
    static String idList(List<Integer> indices) {
        StringBuilder ids = new StringBuilder();
        for (int i : indices) {
            ids.append(ids.isEmpty() ? "" : ",").append(i);
        }
        return ids.toString();
    }

    private ExternalCommand.Outcome runPowerLimit(String ids, double w) {
        last = null; // the next snapshot must show the new limit
        return ExternalCommand.run(List.of(smiPath, "-i", ids, "-pl", String.format(Locale.ROOT, "%.2f", w)), timeout);
    }

    /** Resets a GPU: {@code nvidia-smi -i ID -r}. */
    public ExternalCommand.Outcome reset(String id) {
        return ordinary(() -> {
            last = null;
            return ExternalCommand.run(List.of(smiPath, "-i", id, "-r"), resetTimeout);
        });
    }

    /** The throttle-reasons field in use (changes to the legacy name on older drivers). */
    public String reasonsField() {
        return ordinary(() -> reasonsField);
    }

    /** The time source its runs are stamped with. */
    TimeSource time() {
        return time;
    }

    /** The tool's path or name. */
    public String smiPath() {
        return smiPath;
    }
}
