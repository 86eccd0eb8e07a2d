package io.sunsync.flight.lifecycle;

import io.sunsync.flight.events.Event;
import io.sunsync.flight.events.EventSink;
import io.sunsync.flight.events.Severity;
import io.sunsync.flight.sched.Scheduled;
import io.sunsync.hal.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Components started in one declared order and stopped in the reverse of it: the composition
 * root's list, itself a {@link Lifecycle} whose state is the application's.
 *
 * <ul>
 *   <li><b>Start.</b> Each component in order. When a <i>required</i> one throws, every component
 *       is stopped in reverse order (those after it were never started: their stop only releases
 *       what they hold from construction; the one that failed undid itself), and the group is
 *       {@code FAILED} with a {@link ComponentStartException} naming it. When a <i>retried</i> one
 *       throws, the group goes on without it: event {@code <NAME>_UNAVAILABLE} (HIGH, source the
 *       component's name) and another start every {@code retryEvery}, from {@link #tick} (event
 *       {@code <NAME>_AVAILABLE} once it starts; no attempt after that).</li>
 *   <li><b>Stop.</b> Every component in reverse order, each even when one before it threw (the
 *       first failure is rethrown at the end, the group then {@code FAILED}).</li>
 *   <li><b>Health.</b> Healthy while running with every component healthy; otherwise the first
 *       unhealthy component and why. {@link #statuses()} gives every component's.</li>
 * </ul>
 * The retry delay is measured on {@code nanoTime} (the wall clock's monotonic time, also in
 * simulation), not mission time.
 *
 * <p>Threading: start and stop as {@link AbstractLifecycle}; {@link #tick} on the scheduler thread
 * (put it in a rate group); {@link #statuses()} from any thread.
 */
public final class ComponentGroup extends AbstractLifecycle implements Scheduled {
    private static final Logger LOG = LoggerFactory.getLogger(ComponentGroup.class);

    private final String name;
    private final List<Component> components;
    private final EventSink events;
    private final TimeSource time;
    private final LongSupplier nanoTime;
    /** Guarded by this: the retried components whose start failed, and when each is tried next. */
    private final long[] nextAttemptNanos;
    private final boolean[] retryPending;

    /**
     * One component in the start order.
     *
     * @param name       its name in logs, events and housekeeping (unique in the group)
     * @param lifecycle  the component
     * @param retryEvery null: required (the group fails without it); else how long after a failed
     *                   start it is started again
     */
    public record Component(String name, Lifecycle lifecycle, Duration retryEvery) {
        public Component {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(lifecycle, "lifecycle");
            if (retryEvery != null && !(retryEvery.toNanos() > 0)) {
                throw new IllegalArgumentException(name + ": retryEvery must be > 0, was " + retryEvery);
            }
        }

        /** A component the group cannot run without. */
        public static Component required(String name, Lifecycle lifecycle) {
            return new Component(name, lifecycle, null);
        }

        /** A component the group runs without while its start fails, trying again every {@code every}. */
        public static Component retried(String name, Lifecycle lifecycle, Duration every) {
            return new Component(name, lifecycle, Objects.requireNonNull(every, "every"));
        }
    }

    /**
     * One component's state and health, for housekeeping (schema: hk.schema.json#/properties/components).
     *
     * @param name    the component's name
     * @param state   its lifecycle state
     * @param healthy its health check
     * @param reason  why (not) healthy
     */
    public record Status(String name, Lifecycle.State state, boolean healthy, String reason) {
    }

    /**
     * @param name       the group's name in messages, e.g. {@code flight}
     * @param components the start order; stop is its reverse
     * @param events     where a retried component's unavailability and recovery are reported
     * @param time       mission time for those events
     * @param nanoTime   monotonic time for the retry delay ({@code System::nanoTime})
     */
    public ComponentGroup(String name, List<Component> components, EventSink events, TimeSource time,
                          LongSupplier nanoTime) {
        this.name = Objects.requireNonNull(name, "name");
        this.components = List.copyOf(components);
        this.events = Objects.requireNonNull(events, "events");
        this.time = Objects.requireNonNull(time, "time");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        Set<String> names = new HashSet<>();
        for (Component c : this.components) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("two components named " + c.name());
            }
        }
        this.nextAttemptNanos = new long[this.components.size()];
        this.retryPending = new boolean[this.components.size()];
    }

    /** The event code reported when retried component {@code component} did not start. */
    public static String unavailableCode(String component) {
        return component.toUpperCase(Locale.ROOT).replace('-', '_') + "_UNAVAILABLE";
    }

    /** The event code reported when retried component {@code component} started on a later attempt. */
    public static String availableCode(String component) {
        return component.toUpperCase(Locale.ROOT).replace('-', '_') + "_AVAILABLE";
    }

    /** The components in start order. */
    public List<Component> components() {
        return components;
    }

    @Override
    protected String describe() {
        return name;
    }

    @Override
    public String name() {
        return name + "-start-retries";
    }

    @Override
    protected void doStart() {
        for (int i = 0; i < components.size(); i++) {
            Component c = components.get(i);
            try {
                c.lifecycle().start();
                LOG.debug("{}: {} started", name, c.name());
            } catch (RuntimeException e) {
                if (c.retryEvery() == null) {
                    LOG.error("{}: {} did not start; stopping the components in reverse order", name, c.name(), e);
                    stopAll();
                    throw new ComponentStartException(c.name(), e);
                }
                unavailable(i, c, e);
            }
        }
        LOG.info("{}: started {}", name, components.stream().map(Component::name).toList());
    }

    private void unavailable(int i, Component c, RuntimeException e) {
        LOG.error("{}: {} unavailable, trying again every {} s", name, c.name(), c.retryEvery().toSeconds(), e);
        synchronized (this) {
            retryPending[i] = true;
            nextAttemptNanos[i] = nanoTime.getAsLong() + c.retryEvery().toNanos();
        }
        events.emit(Event.of(time.now(), Severity.HIGH, c.name(), unavailableCode(c.name()), c.name()
                + " did not start: " + e.getMessage() + "; retrying every " + c.retryEvery().toSeconds() + " s"));
    }

    @Override
    protected void doStop() {
        synchronized (this) {
            Arrays.fill(retryPending, false);
        }
        RuntimeException first = stopAll();
        if (first != null) {
            throw first;
        }
    }

    /** Stops every component in reverse order; returns the first failure (logged), or null. */
    private RuntimeException stopAll() {
        RuntimeException first = null;
        for (int i = components.size() - 1; i >= 0; i--) {
            Component c = components.get(i);
            try {
                c.lifecycle().stop();
            } catch (RuntimeException e) {
                LOG.error("{}: {} did not stop cleanly", name, c.name(), e);
                if (first == null) {
                    first = e;
                }
            }
        }
        return first;
    }

    /** Starts again each retried component whose start failed, once its delay has passed. */
    @Override
    public void tick(Instant now) {
        if (state() != State.RUNNING) {
            return;
        }
        for (int i = 0; i < components.size(); i++) {
            Component c = components.get(i);
            synchronized (this) {
                if (!retryPending[i] || nanoTime.getAsLong() - nextAttemptNanos[i] < 0) {
                    continue;
                }
            }
            try {
                c.lifecycle().start();
            } catch (RuntimeException e) {
                LOG.warn("{}: {} still unavailable: {}", name, c.name(), e.getMessage());
                synchronized (this) {
                    nextAttemptNanos[i] = nanoTime.getAsLong() + c.retryEvery().toNanos();
                }
                continue;
            }
            synchronized (this) {
                retryPending[i] = false;
            }
            LOG.info("{}: {} started on a later attempt", name, c.name());
            events.emit(Event.of(now, Severity.INFO, c.name(), availableCode(c.name()), c.name() + " started after all"));
        }
    }

    /** True while a retried component waits for another start. */
    public synchronized boolean retrying(String component) {
        for (int i = 0; i < components.size(); i++) {
            if (components.get(i).name().equals(component)) {
                return retryPending[i];
            }
        }
        throw new IllegalArgumentException("no component " + component);
    }

    /** Every component's state and health, in start order. */
    public List<Status> statuses() {
        List<Status> out = new ArrayList<>(components.size());
        for (Component c : components) {
            Lifecycle.Health h = c.lifecycle().health();
            out.add(new Status(c.name(), c.lifecycle().state(), h.healthy(), h.reason()));
        }
        return out;
    }

    @Override
    protected Health checkHealth() {
        for (Component c : components) {
            Lifecycle.Health h = c.lifecycle().health();
            if (!h.healthy()) {
                return Health.unhealthy(c.name() + ": " + h.reason());
            }
        }
        return Health.healthy("every component running");
    }
}
