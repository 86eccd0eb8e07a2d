package io.sunsync.flight.cmd;

import io.sunsync.flight.sched.Scheduled;
import io.sunsync.hal.time.TimeSource;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs cleared commands and reports STARTED, PROGRESS, COMPLETED and FAILED. IMMEDIATE commands
 * run on the caller's thread ({@link #execute}); CONTROL_LOOP commands wait in a bounded queue
 * for the next {@link #tick} on the scheduler thread, where hardware may be touched. The mode is
 * checked again when execution starts, since it may have changed since acceptance.
 *
 * <p>Threading: {@link #enqueue} and {@link #execute} may be called from any thread;
 * {@link #tick} from the scheduler thread only.
 */
public final class CommandExecutor implements Scheduled, Invocation.Reports {
    private static final Logger LOG = LoggerFactory.getLogger(CommandExecutor.class);

    private final String satelliteId;
    private final TimeSource time;
    private final ModeControl modes;
    private final VerificationReporter reporter;
    private final CommandCounters counters;
    private final BlockingQueue<Execution> queue;

    /** @param queueLimit CONTROL_LOOP commands that may wait for the next tick */
    public CommandExecutor(String satelliteId, TimeSource time, ModeControl modes, VerificationReporter reporter,
                           CommandCounters counters, int queueLimit) {
        this.satelliteId = satelliteId;
        this.time = time;
        this.modes = modes;
        this.reporter = reporter;
        this.counters = counters;
        this.queue = new ArrayBlockingQueue<>(queueLimit);
    }

    @Override
    public String name() {
        return "commands";
    }

    /** Queues a CONTROL_LOOP command for the next tick; false when the queue is full. */
    public boolean enqueue(Execution execution) {
        return queue.offer(execution);
    }

    /** Whether the queue has room for one more. */
    public boolean hasRoom() {
        return queue.remainingCapacity() > 0;
    }

    @Override
    public void tick(Instant now) {
        Execution next;
        while ((next = queue.poll()) != null) {
            execute(next);
        }
    }

    /** Executes now, on the calling thread. */
    public void execute(Execution e) {
        Instant now = time.now();
        Invocation inv = new Invocation(e.spec(), e.args(), now, e.seq(), e.origin(), e.replyTo(), this, e.onFinish());
        if ((!e.spec().modes().isEmpty() && !e.spec().modes().contains(modes.currentMode()))
                || !modes.allows(e.spec().name())) {
            // Never started: report it as a failure of this execution.
            counters.failed();
            send(inv, Stage.FAILED, FailReason.NOT_ALLOWED_IN_MODE.name(), e.spec().name() + " is not allowed in mode "
                    + modes.currentMode(), null, Map.of());
            notify(e, Outcome.failed(FailReason.NOT_ALLOWED_IN_MODE, "mode"));
            return;
        }
        send(inv, Stage.STARTED, null, "", null, Map.of());
        Outcome outcome;
        try {
            outcome = e.spec().handler().handle(inv);
        } catch (CommandFailure f) {
            outcome = Outcome.failed(f.reason(), f.getMessage());
        } catch (RuntimeException ex) {
            LOG.error("command {} (seq {}) failed inside its handler", e.spec().name(), e.seq(), ex);
            outcome = Outcome.failed(FailReason.INTERNAL_ERROR, ex.getClass().getSimpleName() + ": " + ex.getMessage());
        }
        inv.finish(outcome);
    }

    @Override
    public void progress(Invocation inv, int pct, String message) {
        send(inv, Stage.PROGRESS, null, message, pct, Map.of());
    }

    @Override
    public void finished(Invocation inv, Outcome outcome) {
        if (outcome.state() == Outcome.State.COMPLETED) {
            counters.completed();
            send(inv, Stage.COMPLETED, null, outcome.message(), null, outcome.data());
        } else {
            counters.failed();
            send(inv, Stage.FAILED, outcome.reason().name(), outcome.message(), null, outcome.data());
        }
    }

    private void notify(Execution e, Outcome o) {
        if (e.onFinish() != null) {
            e.onFinish().accept(o);
        }
    }

    private void send(Invocation inv, Stage stage, String reason, String message, Integer pct, Map<String, Object> data) {
        reporter.send(inv.replyTo(), new VerificationReport(satelliteId, time.now(), inv.seq(), inv.name(), stage, reason,
                message, pct, data, inv.origin(), false));
    }
}
