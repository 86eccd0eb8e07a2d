package io.sunsync.flight.app;

import io.sunsync.flight.fdir.FaultProtection;
import io.sunsync.flight.jobs.check.BoardIsolator;
import io.sunsync.flight.sched.Scheduled;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * Carries the result checks' isolation requests (boards blamed too often for wrong results) to
 * fault protection: queued when the job runner asks, handed to
 * {@link FaultProtection#isolateSuspect} on this component's own tick, after the runner's, so
 * fault protection's call back into the runner (to move the board's jobs) never lands inside the
 * runner's own tick.
 *
 * <p>Threading: {@link #isolate} from any thread; {@link #tick} on the scheduler's thread.
 */
final class SuspectIsolations implements BoardIsolator, Scheduled {
    private final Queue<Request> pending = new ConcurrentLinkedQueue<>();
    private final Supplier<FaultProtection> fdir;

    /** @param fdir fault protection (built after the job runner, hence a supplier) */
    SuspectIsolations(Supplier<FaultProtection> fdir) {
        this.fdir = fdir;
    }

    @Override
    public String name() {
        return "suspect-isolations";
    }

    @Override
    public void isolate(String boardId, String why) {
        pending.add(new Request(boardId, why));
    }

    @Override
    public void tick(Instant now) {
        Request r;
        while ((r = pending.poll()) != null) {
            fdir.get().isolateSuspect(now, r.boardId(), r.why());
        }
    }

    /** One board to isolate, and why. */
    private record Request(String boardId, String why) {
    }
}
