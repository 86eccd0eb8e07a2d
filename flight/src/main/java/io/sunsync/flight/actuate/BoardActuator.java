package io.sunsync.flight.actuate;

import io.sunsync.flight.events.Event;
import io.sunsync.flight.events.EventSink;
import io.sunsync.flight.events.Severity;
import io.sunsync.flight.sched.Scheduled;
import io.sunsync.hal.CommandResult;
import io.sunsync.hal.FaultCode;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.accel.SafeStateGroup;
import io.sunsync.hal.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends commands to the boards of one backend: every command flight gives a board (throttler caps,
 * fault protection's resets and isolations, ground commands, the eclipse shed) goes through here.
 *
 * <ul>
 *   <li><b>Concurrent.</b> Plans for different boards run at once on a bounded pool
 *       ({@link ActuationConfig#threads()} threads); each board has one lane, so it never sees two
 *       commands at once and its commands keep their order. A plan for a busy board waits; a newer
 *       plan replaces one still waiting (the newest decision wins, {@link CommandOutcome.Status#SUPERSEDED}),
 *       but never a waiting shed.</li>
 *   <li><b>Bounded waits.</b> {@link #apply} waits at most the tick budget, {@link #shedAll} the shed
 *       budget; what is still running finishes in the background and is reported later. A command
 *       running longer than {@link ActuationConfig#commandTimeoutS()} is reported
 *       ({@code BOARD_COMMAND_TIMEOUT}) and keeps its lane until the backend returns (a JNA call or
 *       a driver cannot be abandoned safely; the nvidia-smi backend kills its own process).</li>
 *   <li><b>Measured.</b> Each device call's latency goes into a sliding HdrHistogram window
 *       ({@link #stats()}: p50/p99 for housekeeping).</li>
 *   <li><b>Fast shed.</b> {@link #shedAll} drives every board to its safe state (disabled) at once,
 *       ahead of whatever was waiting; boards whose backend can drive them there together
 *       ({@link SafeStateGroup}) are shed in one device operation.</li>
 * </ul>
 * On a virtual clock (simulation), or with {@code threads: 0}, every command runs on the caller's
 * thread, one after another, so a simulated run stays deterministic; budgets do not apply there.
 *
 * <p>Events ({@code BOARD_COMMAND_FAILED}, {@code BOARD_COMMAND_TIMEOUT}) are emitted on the thread
 * that calls {@link #apply}, {@link #shedAll}, {@link #execute} or {@link #tick} (the scheduler's),
 * never on a pool thread.
 *
 * <p>Threading: every public method may be called from any thread; {@link #tick} belongs in the
 * control rate group.
 */
public final class BoardActuator implements Scheduled, AutoCloseable {
    /** Event source of this component. */
    public static final String SOURCE = "actuation";
    /** Failed commands not yet reported are held up to this many; beyond, they are counted only. */
    private static final int MAX_UNREPORTED = 10_000;

    private final String backend;
    private final ActuationConfig config;
    private final TimeSource time;
    private final EventSink events;
    private final ThreadPoolExecutor pool;
    private final Map<String, Lane> lanes = new LinkedHashMap<>();
    private final long timeoutNanos;
    private final LatencyWindow latency;
    private final Queue<CommandOutcome> unreported = new ConcurrentLinkedQueue<>();
    private final AtomicInteger unreportedCount = new AtomicInteger();
    private final AtomicLong unreportedDropped = new AtomicLong();
    private final AtomicLong shedSeq = new AtomicLong();
    private final AtomicLong commands = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private final AtomicLong superseded = new AtomicLong();
    private volatile ShedReport lastShed;
    private volatile double lastShedCompleteMs = Double.NaN;

    /**
     * @param backend the backend's config name, e.g. {@code nvml} (for telemetry and thread names)
     * @param boards  its boards; ids must be unique
     * @param config  pool size, time limits and budgets
     * @param time    mission time (event timestamps; a virtual clock runs every command inline)
     * @param events  where failures and timeouts are reported
     */
    public BoardActuator(String backend, List<AcceleratorBoard> boards, ActuationConfig config, TimeSource time,
                         EventSink events) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.config = Objects.requireNonNull(config, "config");
        this.time = Objects.requireNonNull(time, "time");
        this.events = Objects.requireNonNull(events, "events");
        for (AcceleratorBoard b : boards) {
            if (lanes.put(b.spec().id(), new Lane(b)) != null) {
                throw new IllegalArgumentException("two boards with id " + b.spec().id());
            }
        }
        this.timeoutNanos = config.commandTimeout().toNanos();
        this.latency = new LatencyWindow(Math.round(config.latencyWindowS() * 1e9), System.nanoTime());
        int threads = time.isVirtual() ? 0 : Math.min(config.threads(), Math.max(1, boards.size()));
        if (threads == 0) {
            this.pool = null;
        } else {
            AtomicInteger n = new AtomicInteger();
            this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "actuation-" + backend + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            pool.allowCoreThreadTimeOut(true);
        }
    }

    @Override
    public String name() {
        return SOURCE;
    }

    /** The backend these boards belong to. */
    public String backend() {
        return backend;
    }

    /** Threads commands run on at once (0: on the caller's thread). */
    public int threads() {
        return pool == null ? 0 : pool.getCorePoolSize();
    }

    /** The ids of the boards, in board order. */
    public List<String> boardIds() {
        return List.copyOf(lanes.keySet());
    }

    /**
     * Starts {@code plans} on their boards' lanes and returns at once (inline: after running them).
     *
     * @throws IllegalArgumentException if a plan names a board this actuator does not drive
     *                                  (nothing is started then)
     */
    public Batch submit(List<BoardPlan> plans) {
        return new Batch(start(plans));
    }

    /** {@link #submit}: one future per plan. */
    private List<CompletableFuture<List<CommandOutcome>>> start(List<BoardPlan> plans) {
        List<Lane> targets = new ArrayList<>(plans.size());
        for (BoardPlan p : plans) {
            Lane lane = lanes.get(p.boardId());
            if (lane == null) {
                throw new IllegalArgumentException("no board " + p.boardId() + " on backend " + backend);
            }
            targets.add(lane);
        }
        List<CompletableFuture<List<CommandOutcome>>> futures = new ArrayList<>(plans.size());
        for (int i = 0; i < plans.size(); i++) {
            CompletableFuture<List<CommandOutcome>> f = new CompletableFuture<>();
            futures.add(f);
            if (pool == null) {
                f.complete(run(targets.get(i), plans.get(i)));
            } else {
                enqueue(targets.get(i), new Pending(plans.get(i), f));
            }
        }
        return futures;
    }

    /**
     * The control tick's path: starts {@code plans}, waits at most the tick budget, reports
     * failures, and returns the outcomes of the plans that finished in time.
     */
    public List<CommandOutcome> apply(List<BoardPlan> plans) {
        if (plans.isEmpty()) {
            report();
            return List.of();
        }
        List<CommandOutcome> done = submit(plans).await(config.tickBudget());
        report();
        return done;
    }

    /**
     * Runs one command on one board and waits at most {@code maxWait} for it.
     *
     * @return its result; a {@link FaultCode#COMMAND_TIMEOUT} failure when it is still waiting or
     *         running (it goes on and is reported when it ends); a {@link FaultCode#COMMAND_REJECTED}
     *         failure when a newer plan replaced it before it ran
     */
    public CommandResult execute(String boardId, BoardCommand command, String origin, Duration maxWait) {
        long start = System.nanoTime();
        Batch b = submit(List.of(BoardPlan.of(boardId, command, origin)));
        List<CommandOutcome> done = b.await(maxWait);
        report();
        if (done.isEmpty()) {
            return CommandResult.failure(new HalFault(FaultCode.COMMAND_TIMEOUT, boardId, command.label(),
                    String.format(Locale.ROOT, "still waiting or running after %.0f ms; its result is reported when it ends",
                            (System.nanoTime() - start) / 1e6), time.now()));
        }
        CommandOutcome o = done.get(0);
        return switch (o.status()) {
            case OK -> CommandResult.success();
            case FAILED -> CommandResult.failure(o.fault());
            case SUPERSEDED -> CommandResult.failure(new HalFault(FaultCode.COMMAND_REJECTED, boardId, command.label(),
                    "replaced by a newer command before it ran", time.now()));
        };
    }

    /** {@link #execute} waiting at most the tick budget (for commands issued inside a control tick). */
    public CommandResult execute(String boardId, BoardCommand command, String origin) {
        return execute(boardId, command, origin, config.tickBudget());
    }

    /**
     * The fast path: every board to the safe state its capability declares
     * ({@link AcceleratorBoard#applySafeState()}: disabled), all at once, ahead of anything
     * waiting; waits at most the shed budget. A board whose lane is busy is shed as soon as the
     * command in progress returns.
     *
     * <p>Boards that offer a {@link SafeStateGroup} are shed together, one device operation for all
     * of a group's boards whose lanes run no command now: the operation holds their lanes (what was
     * waiting there is replaced, counted superseded; a plan given meanwhile waits and runs after it).
     * A board of the group whose lane runs a command gets its own shed on its lane, as a board of a
     * backend without a group does. Either way each board has one outcome in the report.
     *
     * @param reason why, for the report and telemetry
     */
    public ShedReport shedAll(String reason) {
        return shedAll(reason, config.shedBudget());
    }

    /** {@link #shedAll(String)} with its own budget. */
    public ShedReport shedAll(String reason, Duration budget) {
        Instant at = time.now();
        long start = System.nanoTime();
        long seq = shedSeq.incrementAndGet();
        lastShedCompleteMs = Double.NaN;
        Batch batch = new Batch(shedEveryBoard());
        batch.whenDone().thenRun(() -> {
            if (shedSeq.get() == seq) {
                lastShedCompleteMs = (System.nanoTime() - start) / 1e6;
            }
        });
        List<CommandOutcome> done = batch.await(budget);
        double elapsedMs = (System.nanoTime() - start) / 1e6;
        int ok = 0;
        int bad = 0;
        for (CommandOutcome o : done) {
            if (o.ok()) {
                ok++;
            } else {
                bad++;
            }
        }
        report();
        ShedReport r = new ShedReport(at, reason, lanes.size(), ok, bad, lanes.size() - done.size(), elapsedMs);
        lastShed = r;
        return r;
    }

    /** Starts the shed of every board: the groups' operations on the lanes they can hold, plans on the rest. */
    private List<CompletableFuture<List<CommandOutcome>>> shedEveryBoard() {
        Map<SafeStateGroup, List<Lane>> groups = new LinkedHashMap<>();
        List<BoardPlan> alone = new ArrayList<>();
        for (Lane lane : lanes.values()) {
            if (lane.group == null) {
                alone.add(BoardPlan.of(lane.id, BoardCommand.safeState(), BoardPlan.SHED));
            } else {
                groups.computeIfAbsent(lane.group, g -> new ArrayList<>()).add(lane);
            }
        }
        List<CompletableFuture<List<CommandOutcome>>> futures = new ArrayList<>(lanes.size());
        for (Map.Entry<SafeStateGroup, List<Lane>> g : groups.entrySet()) {
            List<Lane> held = new ArrayList<>(g.getValue().size());
            for (Lane lane : g.getValue()) {
                if (hold(lane)) {
                    held.add(lane);
                } else {
                    alone.add(BoardPlan.of(lane.id, BoardCommand.safeState(), BoardPlan.SHED));
                }
            }
            if (!held.isEmpty()) {
                futures.addAll(shedTogether(g.getKey(), held));
            }
        }
        futures.addAll(start(alone));
        return futures;
    }

    /**
     * Holds {@code lane} for a group's shed when it runs no command now: nothing else runs there until
     * {@link #release}; the plan waiting there is replaced. False when a command runs (or another
     * group holds it).
     */
    private boolean hold(Lane lane) {
        if (pool == null) {
            return true; // inline: no command runs on any lane between calls
        }
        Pending replaced;
        synchronized (lane) {
            if (lane.running || lane.held) {
                return false;
            }
            lane.held = true;
            replaced = lane.next;
            lane.next = null;
        }
        if (replaced != null) {
            supersede(replaced);
        }
        return true;
    }

    /** Ends a group's hold on {@code lane}: a plan given meanwhile runs now. */
    private void release(Lane lane) {
        if (pool == null) {
            return;
        }
        boolean start = false;
        synchronized (lane) {
            lane.held = false;
            if (lane.next != null && !lane.active) {
                lane.active = true;
                start = true;
            }
        }
        if (start) {
            startDrain(lane);
        }
    }

    /** The group's one device operation for the boards of {@code held} (on the pool, or inline), one future each. */
    private List<CompletableFuture<List<CommandOutcome>>> shedTogether(SafeStateGroup group, List<Lane> held) {
        List<CompletableFuture<List<CommandOutcome>>> futures = new ArrayList<>(held.size());
        for (int i = 0; i < held.size(); i++) {
            futures.add(new CompletableFuture<>());
        }
        if (pool == null) {
            runTogether(group, held, futures);
            return futures;
        }
        try {
            pool.execute(() -> runTogether(group, held, futures));
        } catch (RejectedExecutionException e) {
            for (int i = 0; i < held.size(); i++) {
                BoardPlan shed = BoardPlan.of(held.get(i).id, BoardCommand.safeState(), BoardPlan.SHED);
                futures.get(i).complete(refused(held.get(i), shed, "the actuator is closed"));
                release(held.get(i));
            }
        }
        return futures;
    }

    private void runTogether(SafeStateGroup group, List<Lane> held, List<CompletableFuture<List<CommandOutcome>>> futures) {
        BoardCommand c = BoardCommand.safeState();
        long start = System.nanoTime();
        List<AcceleratorBoard> boards = new ArrayList<>(held.size());
        for (Lane lane : held) {
            lane.runningCommand = c;
            lane.runningOrigin = BoardPlan.SHED;
            lane.runningSince = start;
            boards.add(lane.board);
        }
        List<CommandResult> results = null;
        RuntimeException crash = null;
        try {
            results = group.applySafeState(boards);
        } catch (RuntimeException e) {
            crash = e;
        } finally {
            for (Lane lane : held) {
                lane.runningSince = 0;
            }
        }
        long nanos = System.nanoTime() - start;
        latency.record(nanos); // one device operation
        List<CommandOutcome> outcomes = new ArrayList<>(held.size());
        for (int i = 0; i < held.size(); i++) {
            Lane lane = held.get(i);
            CommandResult r = crash != null ? crashed(lane, c, crash)
                    : checked(lane, c, results != null && i < results.size() ? results.get(i) : null);
            outcomes.add(outcome(lane, c, BoardPlan.SHED, r, start, nanos));
        }
        for (Lane lane : held) { // every lane free before anyone learns the shed is done (a next shed holds them all again)
            release(lane);
        }
        for (int i = 0; i < held.size(); i++) {
            futures.get(i).complete(List.of(outcomes.get(i)));
        }
    }

    /** Reports late failures and commands running past their time limit (control rate group). */
    @Override
    public void tick(Instant now) {
        report();
    }

    /** True when no command is running or waiting on any board. */
    public boolean idle() {
        for (Lane lane : lanes.values()) {
            synchronized (lane) {
                if (lane.active || lane.held) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The last shed, or null before the first. */
    public ShedReport lastShed() {
        return lastShed;
    }

    /** Counters and latency percentiles for housekeeping. */
    public Stats stats() {
        long now = System.nanoTime();
        LatencyWindow.Percentiles p = latency.percentiles(now);
        int inFlight = 0;
        int overdue = 0;
        for (Lane lane : lanes.values()) {
            long since = lane.runningSince;
            if (since != 0) {
                inFlight++;
                if (now - since > timeoutNanos) {
                    overdue++;
                }
            }
        }
        ShedReport shed = lastShed;
        return new Stats(backend, threads(), commands.get(), failed.get(), timedOut.get(), superseded.get(), inFlight,
                overdue, p.p50Ms(), p.p99Ms(), p.maxMs(), p.count(), config.latencyWindowS(), p.everMaxMs(),
                shed == null ? Double.NaN : lastShedCompleteMs, shed == null ? 0 : shed.boards(),
                shed == null ? 0 : shed.failed());
    }

    /**
     * The {@code actuation} housekeeping section (hk.schema.json#/properties/actuation).
     *
     * @param backend          the backend's config name
     * @param threads          commands run at once at most (0: on the caller's thread)
     * @param commands         device calls made since start
     * @param failed           of those, failed
     * @param timedOut         of those, took longer than the command time limit
     * @param superseded       commands replaced by a newer plan before they ran
     * @param inFlight         device calls running now
     * @param overdue          of those, past the command time limit
     * @param p50Ms            median device-call latency over the window, in ms (NaN: none)
     * @param p99Ms            99th percentile over the window, in ms (NaN: none)
     * @param maxMs            largest over the window, in ms (NaN: none)
     * @param windowCommands   device calls in the window
     * @param windowS          the window, in s (percentiles cover one to two of them)
     * @param everMaxMs        largest latency since start, in ms
     * @param lastShedMs       wall time the last shed took until every board finished, in ms (NaN: none yet, or not finished)
     * @param lastShedBoards   boards in the last shed
     * @param lastShedFailed   boards whose disable failed in the last shed (within its budget)
     */
    public record Stats(String backend, int threads, long commands, long failed, long timedOut, long superseded,
                        int inFlight, int overdue, double p50Ms, double p99Ms, double maxMs, long windowCommands,
                        double windowS, double everMaxMs, double lastShedMs, int lastShedBoards, int lastShedFailed) {
    }

    /** Stops the pool after the commands running now (boards are left as they are). */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
            try {
                if (!pool.awaitTermination(config.commandTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    events.emit(Event.of(time.now(), Severity.LOW, SOURCE, "BOARD_COMMAND_TIMEOUT",
                            "commands still running at shutdown on backend " + backend));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private record Pending(BoardPlan plan, CompletableFuture<List<CommandOutcome>> done) {
    }

    /** One board's lane: at most one plan runs and one waits. */
    private static final class Lane {
        final AcceleratorBoard board;
        final String id;
        /** The group the board is shed with, or null. */
        final SafeStateGroup group;
        /** Guarded by this: the plan waiting to run next. */
        Pending next;
        /** Guarded by this: a drain task is queued or running. */
        boolean active;
        /** Guarded by this: a drain task is running a plan's commands. */
        boolean running;
        /** Guarded by this: a group's shed holds the lane (no drain runs a plan). */
        boolean held;
        /** System.nanoTime() the device call in progress began; 0 when none. */
        volatile long runningSince;
        volatile BoardCommand runningCommand;
        volatile String runningOrigin;
        /** Reporting thread only (under the actuator's report lock): the call already reported as overdue. */
        long flaggedStart;

        Lane(AcceleratorBoard board) {
            this.board = board;
            this.id = board.spec().id();
            this.group = board.safeStateGroup().orElse(null);
        }
    }

    private void enqueue(Lane lane, Pending p) {
        Pending replaced;
        boolean start = false;
        synchronized (lane) {
            if (lane.next != null && lane.next.plan().isShed() && !p.plan().isShed()) {
                replaced = p; // a waiting shed stands
            } else {
                replaced = lane.next;
                lane.next = p;
                if (!lane.active && !lane.held) {
                    lane.active = true;
                    start = true;
                }
            }
        }
        if (replaced != null) {
            supersede(replaced);
        }
        if (start) {
            startDrain(lane);
        }
    }

    /** Runs {@code lane}'s waiting plans on the pool (the caller set it active). */
    private void startDrain(Lane lane) {
        try {
            pool.execute(() -> drain(lane));
        } catch (RejectedExecutionException e) {
            Pending orphan;
            synchronized (lane) {
                lane.active = false;
                orphan = lane.next;
                lane.next = null;
            }
            if (orphan != null) {
                orphan.done().complete(refused(lane, orphan.plan(), "the actuator is closed"));
            }
        }
    }

    private void drain(Lane lane) {
        for (;;) {
            Pending p;
            synchronized (lane) {
                p = lane.held ? null : lane.next; // a group's shed holds the lane: its release drains
                if (p == null) {
                    lane.active = false;
                    return;
                }
                lane.next = null;
                lane.running = true;
            }
            boolean finished = false;
            try {
                p.done().complete(run(lane, p.plan()));
                finished = true;
            } finally {
                synchronized (lane) {
                    lane.running = false;
                    if (!finished) { // an Error escaped a backend: free the lane so later plans still run
                        lane.active = false;
                    }
                }
                if (!finished) {
                    p.done().completeExceptionally(new IllegalStateException("board " + lane.id + ": command failed hard"));
                }
            }
        }
    }

    private List<CommandOutcome> run(Lane lane, BoardPlan plan) {
        List<CommandOutcome> out = new ArrayList<>(plan.commands().size());
        for (BoardCommand c : plan.commands()) {
            long start = System.nanoTime();
            lane.runningCommand = c;
            lane.runningOrigin = plan.origin();
            lane.runningSince = start;
            CommandResult r;
            try {
                r = checked(lane, c, c.applyTo(lane.board));
            } catch (RuntimeException e) {
                r = crashed(lane, c, e);
            } finally {
                lane.runningSince = 0;
            }
            long nanos = System.nanoTime() - start;
            latency.record(nanos);
            out.add(outcome(lane, c, plan.origin(), r, start, nanos));
        }
        return out;
    }

    /** {@code r}, or a failure when the backend returned none. */
    private CommandResult checked(Lane lane, BoardCommand c, CommandResult r) {
        return r != null ? r : CommandResult.failure(new HalFault(FaultCode.COMMAND_REJECTED, lane.id, c.label(),
                "the backend returned no result", time.now()));
    }

    /** The failure for a backend that threw. */
    private CommandResult crashed(Lane lane, BoardCommand c, RuntimeException e) {
        return CommandResult.failure(new HalFault(FaultCode.COMMAND_REJECTED, lane.id, c.label(),
                "unexpected error in the backend: " + e, time.now()));
    }

    /** Counts one board command that ran {@code nanos} from {@code start} and queues its report when it failed or was slow. */
    private CommandOutcome outcome(Lane lane, BoardCommand c, String origin, CommandResult r, long start, long nanos) {
        commands.incrementAndGet();
        if (!r.ok()) {
            failed.incrementAndGet();
        }
        boolean slow = nanos > timeoutNanos;
        if (slow) {
            timedOut.incrementAndGet();
        }
        CommandOutcome o = new CommandOutcome(lane.id, c, origin,
                r.ok() ? CommandOutcome.Status.OK : CommandOutcome.Status.FAILED, r.fault(), nanos / 1e6, start);
        if (!r.ok() || slow) {
            toReport(o);
        }
        return o;
    }

    private void supersede(Pending p) {
        List<CommandOutcome> out = new ArrayList<>();
        for (BoardCommand c : p.plan().commands()) {
            out.add(new CommandOutcome(p.plan().boardId(), c, p.plan().origin(), CommandOutcome.Status.SUPERSEDED, null,
                    0, 0));
        }
        superseded.addAndGet(out.size());
        p.done().complete(out);
    }

    private List<CommandOutcome> refused(Lane lane, BoardPlan plan, String why) {
        List<CommandOutcome> out = new ArrayList<>();
        for (BoardCommand c : plan.commands()) {
            CommandOutcome o = new CommandOutcome(lane.id, c, plan.origin(), CommandOutcome.Status.FAILED,
                    new HalFault(FaultCode.COMMAND_REJECTED, lane.id, c.label(), why, time.now()), 0, 0);
            out.add(o);
            failed.incrementAndGet();
            toReport(o);
        }
        return out;
    }

    private void toReport(CommandOutcome o) {
        if (unreportedCount.incrementAndGet() <= MAX_UNREPORTED) {
            unreported.add(o);
        } else {
            unreportedCount.decrementAndGet();
            unreportedDropped.incrementAndGet();
        }
    }

    /** Emits the events for failures and slow commands seen since the last call (caller's thread). */
    private synchronized void report() {
        Instant now = null;
        CommandOutcome o;
        while ((o = unreported.poll()) != null) {
            unreportedCount.decrementAndGet();
            now = now == null ? time.now() : now;
            Lane lane = lanes.get(o.boardId());
            if (o.latencyMs() * 1e6 > timeoutNanos && lane.flaggedStart != o.startNanos()) {
                lane.flaggedStart = o.startNanos();
                events.emit(new Event(now, Severity.MEDIUM, SOURCE, "BOARD_COMMAND_TIMEOUT", String.format(Locale.ROOT,
                        "%s: %s took %.0f ms (limit %.0f ms)", o.boardId(), o.command().label(), o.latencyMs(),
                        timeoutNanos / 1e6), data(o.boardId(), o.command(), o.origin(), o.latencyMs(), "COMMAND_TIMEOUT")));
            }
            if (o.status() == CommandOutcome.Status.FAILED) {
                events.emit(new Event(now, Severity.LOW, SOURCE, "BOARD_COMMAND_FAILED",
                        o.boardId() + ": " + o.command().label() + " failed: " + o.fault().detail(),
                        data(o.boardId(), o.command(), o.origin(), o.latencyMs(), o.fault().code().name())));
            }
        }
        long lost = unreportedDropped.getAndSet(0);
        if (lost > 0) { // more failures than the queue holds: say how many went unreported
            now = now == null ? time.now() : now;
            events.emit(Event.of(now, Severity.MEDIUM, SOURCE, "BOARD_COMMAND_FAILED",
                    lost + " further failed or slow commands on backend " + backend + " not reported one by one"));
        }
        long nowNanos = System.nanoTime();
        for (Lane lane : lanes.values()) {
            long since = lane.runningSince;
            BoardCommand c = lane.runningCommand;
            if (since != 0 && nowNanos - since > timeoutNanos && lane.flaggedStart != since && c != null) {
                lane.flaggedStart = since;
                now = now == null ? time.now() : now;
                double ms = (nowNanos - since) / 1e6;
                events.emit(new Event(now, Severity.MEDIUM, SOURCE, "BOARD_COMMAND_TIMEOUT", String.format(Locale.ROOT,
                        "%s: %s still running after %.0f ms (limit %.0f ms); the board's later commands wait for it",
                        lane.id, c.label(), ms, timeoutNanos / 1e6),
                        data(lane.id, c, lane.runningOrigin, ms, "COMMAND_TIMEOUT")));
            }
        }
    }

    private static Map<String, Object> data(String board, BoardCommand c, String origin, double latencyMs, String fault) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("board", board);
        m.put("command", c.label());
        m.put("origin", origin == null ? "" : origin);
        m.put("fault", fault);
        m.put("latencyMs", Math.round(latencyMs * 1000) / 1000.0);
        return m;
    }
}
