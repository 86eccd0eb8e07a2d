package io.sunsync.flight.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import io.sunsync.flight.events.Event;
import io.sunsync.flight.lifecycle.ComponentGroup.Component;
import io.sunsync.flight.lifecycle.Lifecycle.State;
import io.sunsync.hal.time.SystemTimeSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/**
 * The declared start order: which component is started and stopped, how often and in what order
 * is the behaviour, so the components are Mockito mocks and the order is checked with
 * {@link InOrder}.
 */
class ComponentGroupTest {
    private static final Instant T = Instant.parse("2027-06-21T00:00:00Z");
    private final Lifecycle link = mock(Lifecycle.class);
    private final Lifecycle orbit = mock(Lifecycle.class);
    private final Lifecycle hardware = mock(Lifecycle.class);
    private final Lifecycle jobs = mock(Lifecycle.class);
    private final List<Event> events = new ArrayList<>();
    private long nanos;

    private ComponentGroup group(List<Component> order) {
        return new ComponentGroup("flight", order, events::add, new SystemTimeSource(Clock.fixed(T, ZoneOffset.UTC)),
                () -> nanos);
    }

    private ComponentGroup fourComponents() {
        return group(List.of(Component.required("link", link), Component.required("orbit", orbit),
                Component.required("hardware", hardware), Component.retried("jobs", jobs, Duration.ofSeconds(10))));
    }

    /** Verifies, next in {@code order}, that the four components stopped in the reverse of their order. */
    private void stoppedInReverse(InOrder order) {
        order.verify(jobs).stop();
        order.verify(hardware).stop();
        order.verify(orbit).stop();
        order.verify(link).stop();
    }

    @Test
    void componentsStartOnceInTheDeclaredOrderAndStopOnceInItsReverse() {
        ComponentGroup g = fourComponents();

        g.start();
        g.stop();
        g.stop();

        InOrder order = inOrder(link, orbit, hardware, jobs);
        order.verify(link).start();
        order.verify(orbit).start();
        order.verify(hardware).start();
        order.verify(jobs).start();
        stoppedInReverse(order);
        verifyNoMoreInteractions(link, orbit, hardware, jobs);
        assertThat(g.state()).isEqualTo(State.TERMINATED);
    }

    @Test
    void aRequiredComponentThatFailsStopsTheOnesBeforeItInReverseAndTheGroupIsFailed() {
        IllegalStateException cause = new IllegalStateException("orbit state folder unreadable");
        doThrow(cause).when(orbit).start();
        ComponentGroup g = fourComponents();

        assertThatThrownBy(g::start).isInstanceOf(ComponentStartException.class)
                .hasMessage("orbit did not start: orbit state folder unreadable").hasCause(cause);

        assertThat(g.state()).isEqualTo(State.FAILED);
        assertThat(g.failure()).get().isInstanceOfSatisfying(ComponentStartException.class,
                e -> assertThat(e.component()).isEqualTo("orbit"));
        // Every component is stopped in reverse order: those after the failure were never started
        // (their stop releases only what they hold from construction), then the failed one, then the
        // ones started before it.
        InOrder order = inOrder(link, orbit, hardware, jobs);
        order.verify(link).start();
        order.verify(orbit).start();
        stoppedInReverse(order);
        verify(hardware, never()).start();
        verify(jobs, never()).start();
        verifyNoMoreInteractions(link, orbit, hardware, jobs);
    }

    @Test
    void aComponentThatFailsToStopDoesNotKeepTheOthersFromStopping() {
        doThrow(new IllegalStateException("journal close failed")).when(jobs).stop();
        ComponentGroup g = fourComponents();
        g.start();

        assertThatThrownBy(g::stop).hasMessage("journal close failed");

        verify(hardware).stop();
        verify(orbit).stop();
        verify(link).stop();
        assertThat(g.state()).isEqualTo(State.FAILED);
    }

    @Test
    void aRetriedComponentIsStartedAgainAfterItsDelayUntilItStartsAndThenNeverAgain() {
        doThrow(new IllegalStateException("No space left on device")).doThrow(new IllegalStateException("still full"))
                .doNothing().when(jobs).start();
        ComponentGroup g = fourComponents();

        g.start();
        assertThat(g.state()).isEqualTo(State.RUNNING);
        assertThat(g.retrying("jobs")).isTrue();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("JOBS_UNAVAILABLE");
            assertThat(e.source()).isEqualTo("jobs");
            assertThat(e.message()).contains("No space left on device", "retrying every 10 s");
        });

        nanos += Duration.ofSeconds(9).toNanos();
        g.tick(T);
        verify(jobs, times(1)).start(); // not yet due
        nanos += Duration.ofSeconds(1).toNanos();
        g.tick(T);
        verify(jobs, times(2)).start(); // failed again: the next try is 10 s later
        nanos += Duration.ofSeconds(10).toNanos();
        g.tick(T);
        verify(jobs, times(3)).start(); // started
        for (int i = 0; i < 5; i++) {
            nanos += Duration.ofSeconds(10).toNanos();
            g.tick(T);
        }

        verify(jobs, times(3)).start();
        assertThat(g.retrying("jobs")).isFalse();
        assertThat(events).extracting(Event::code).containsExactly("JOBS_UNAVAILABLE", "JOBS_AVAILABLE");
    }

    @Test
    void nothingIsRetriedOnceTheGroupHasStopped() {
        doThrow(new IllegalStateException("No space left on device")).when(jobs).start();
        ComponentGroup g = fourComponents();
        g.start();
        g.stop();

        nanos += Duration.ofSeconds(60).toNanos();
        g.tick(T);

        verify(jobs, times(1)).start();
    }

    @Test
    void theGroupIsHealthyOnlyWhileEveryComponentIs() {
        Lifecycle up = AbstractLifecycle.of("a", () -> { }, () -> { });
        Lifecycle down = new AbstractLifecycle() {
            @Override
            protected void doStart() {
            }

            @Override
            protected void doStop() {
            }

            @Override
            protected Health checkHealth() {
                return Health.unhealthy("not connected: UNREACHABLE");
            }
        };
        ComponentGroup g = group(List.of(Component.required("orbit", up), Component.required("link", down)));
        g.start();

        assertThat(g.health()).isEqualTo(Lifecycle.Health.unhealthy("link: not connected: UNREACHABLE"));
        assertThat(g.statuses()).containsExactly(
                new ComponentGroup.Status("orbit", State.RUNNING, true, "running"),
                new ComponentGroup.Status("link", State.RUNNING, false, "not connected: UNREACHABLE"));
    }

    @Test
    void namesAreUniqueAndRetryDelaysPositive() {
        assertThatThrownBy(() -> group(List.of(Component.required("link", link), Component.required("link", orbit))))
                .hasMessage("two components named link");
        assertThatThrownBy(() -> Component.retried("jobs", jobs, Duration.ZERO))
                .hasMessageContaining("retryEvery must be > 0");
    }
}
