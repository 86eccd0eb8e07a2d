package io.sunsync.flight.sched;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * What {@link Scheduled#of} makes: a named component whose tick is a function. Immutable; called
 * on the scheduler thread as every {@link Scheduled}.
 */
record StatelessTask(String name, Consumer<Instant> work) implements Scheduled {
    @Override
    public void tick(Instant now) {
        work.accept(now);
    }
}
