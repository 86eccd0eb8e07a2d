package io.sunsync.flight.sched;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.hal.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A wall clock that jumps while flight runs (a time fix from NTP, GPS or the ground): the
 * scheduler neither runs the missed hour of cycles back to back nor sleeps an hour; it starts its
 * schedule again from the new time and says so.
 */
class SchedulerClockJumpTest {

    /** A wall clock the test can set; waiting takes exactly the time waited for, which is counted. */
    static final class JumpingClock implements TimeSource {
        Instant now = Instant.parse("2027-01-01T00:00:00Z");
        Duration waited = Duration.ZERO;

        @Override
        public Instant now() {
            return now;
        }

        @Override
        public void awaitUntil(Instant instant) {
            if (instant.isAfter(now)) {
                waited = waited.plus(Duration.between(now, instant));
                now = instant;
            }
        }
    }

    private static final Duration JUMP = Duration.ofHours(1);

    private final JumpingClock clock = new JumpingClock();
    private final List<Instant> controlTicks = new ArrayList<>();
    private final List<Instant[]> jumps = new ArrayList<>();
    private Scheduler scheduler;
    private int stopAfter = Integer.MAX_VALUE;

    private Scheduler scheduler(Duration jump) {
        Scheduled control = Scheduled.of("control", t -> {
            controlTicks.add(t);
            if (controlTicks.size() == 10) {
                clock.now = clock.now.plus(jump); // the time fix arrives during a cycle
            }
            if (controlTicks.size() >= stopAfter) {
                scheduler.requestStop();
            }
        });
        Scheduler s = new Scheduler(clock, List.of(new RateGroup("control", Duration.ofMillis(100), List.of(control)),
                new RateGroup("housekeeping", Duration.ofSeconds(1), List.of(Scheduled.of("housekeeping", t -> {
                    // a housekeeping stand-in: only the control cycles are counted
                })))));
        s.onClockJump((expected, actual) -> jumps.add(new Instant[] {expected, actual}));
        scheduler = s;
        return s;
    }

    @Test
    void aForwardJumpRestartsTheScheduleInsteadOfRunningTheMissedHourOfCycles() throws Exception {
        Instant start = clock.now;
        Scheduler s = scheduler(JUMP);

        s.run(start.plus(JUMP).plusSeconds(2));

        // 1 s before the jump and 2 s after it at 10 Hz: about 30 cycles, not 36,000.
        assertThat(controlTicks).hasSizeLessThan(40);
        assertThat(s.clockJumps()).isEqualTo(1);
        assertThat(jumps).singleElement().satisfies(j -> assertThat(Duration.between(j[0], j[1]))
                .isBetween(JUMP.minusSeconds(1), JUMP));
        assertThat(controlTicks.get(10)).as("the first cycle after the jump runs at the new time")
                .isAfterOrEqualTo(start.plus(JUMP));
        assertThat(clock.waited).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aBackwardJumpRestartsTheScheduleInsteadOfSleepingAnHour() throws Exception {
        Instant start = clock.now;
        Scheduler s = scheduler(JUMP.negated());
        stopAfter = 310;

        s.run(null);

        assertThat(s.clockJumps()).isEqualTo(1);
        assertThat(clock.waited).as("never waits the hour out (the watchdog would restart flight)")
                .isLessThan(Duration.ofSeconds(32));
        assertThat(controlTicks.get(10)).as("the first cycle after the jump runs at the new time").isBefore(start);
        assertThat(Duration.between(controlTicks.get(10), controlTicks.get(309))).as("10 Hz from the new time")
                .isEqualTo(Duration.ofMillis(29_900));
    }

    @Test
    void aLateCycleIsCaughtUpAndNotTakenForAJump() throws Exception {
        Instant start = clock.now;
        Scheduler s = scheduler(Duration.ofSeconds(2)); // a 2 s stall, under the 5 s threshold

        s.run(start.plusSeconds(10));

        assertThat(s.clockJumps()).isZero();
        assertThat(controlTicks).hasSize(100);
    }
}
