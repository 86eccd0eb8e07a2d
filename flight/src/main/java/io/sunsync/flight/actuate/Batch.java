package io.sunsync.flight.actuate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The plans of one {@link BoardActuator#submit} call, finishing on the actuator's lanes. Waiting
 * never blocks longer than asked: plans still running go on in the background. Thread safe.
 */
public final class Batch {
    private final List<CompletableFuture<List<CommandOutcome>>> plans;
    private final CompletableFuture<Void> all;

    Batch(List<CompletableFuture<List<CommandOutcome>>> plans) {
        this.plans = List.copyOf(plans);
        this.all = CompletableFuture.allOf(this.plans.toArray(new CompletableFuture<?>[0]));
    }

    /**
     * Waits at most {@code max} for every plan, then returns the outcomes of the plans that have
     * finished (in submission order, each plan's commands in order). An interrupt ends the wait
     * early and is kept on the thread.
     */
    public List<CommandOutcome> await(Duration max) {
        if (!all.isDone() && max.toNanos() > 0) {
            try {
                all.get(max.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // what finished is returned below; the rest goes on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return finished();
    }

    /** The outcomes of the plans finished so far, without waiting. */
    public List<CommandOutcome> finished() {
        List<CommandOutcome> out = new ArrayList<>();
        for (CompletableFuture<List<CommandOutcome>> f : plans) {
            if (f.isDone() && !f.isCompletedExceptionally()) {
                out.addAll(f.join());
            }
        }
        return out;
    }

    /** True when every plan has finished (ran, failed or was replaced). */
    public boolean isDone() {
        return all.isDone();
    }

    /** Plans not finished yet. */
    public int pending() {
        int n = 0;
        for (CompletableFuture<List<CommandOutcome>> f : plans) {
            if (!f.isDone()) {
                n++;
            }
        }
        return n;
    }

    /** Completes when every plan has finished. */
    public CompletableFuture<Void> whenDone() {
        return all;
    }

    /** The number of plans. */
    public int size() {
        return plans.size();
    }
}
