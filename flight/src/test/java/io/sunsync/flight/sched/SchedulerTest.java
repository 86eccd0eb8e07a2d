package io.sunsync.flight.sched;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.hal.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    /** Virtual time that jumps to whatever instant the scheduler waits for. */
    static final class SteppedTime implements TimeSource {
        Instant now = Instant.parse("2027-01-01T00:00:00Z");
        final List<Instant> waits = new ArrayList<>();

        @Override
        public Instant now() {
            return now;
        }

        @Override
        public void awaitUntil(Instant instant) {
            waits.add(instant);
            if (instant.isAfter(now)) {
                now = instant;
            }
        }
    }

    record Recorder(String name, List<String> log) implements Scheduled {
        @Override
        public void tick(Instant now) {
            log.add(name + "@" + now.getEpochSecond() % 100 + "." + now.getNano() / 100_000_000);
        }
    }

    @Test
    void runsEachGroupAtItsPeriodFastestFirstWithoutDrift() throws Exception {
        SteppedTime time = new SteppedTime();
        List<String> log = new ArrayList<>();
        RateGroup slow = new RateGroup("hk", Duration.ofSeconds(1), List.of(new Recorder("hk", log)));
        RateGroup fast = new RateGroup("control", Duration.ofMillis(100), List.of(new Recorder("ctl", log)));
        Scheduler scheduler = new Scheduler(time, List.of(slow, fast));

        scheduler.run(time.now().plusSeconds(2));

        assertThat(fast.stats().cycles()).isEqualTo(20);
        assertThat(slow.stats().cycles()).isEqualTo(2);
        assertThat(log.subList(0, 3)).containsExactly("ctl@0.0", "hk@0.0", "ctl@0.1");
        assertThat(log).contains("ctl@1.9", "hk@1.0").doesNotContain("hk@2.0");
        assertThat(time.waits).hasSize(20).last().isEqualTo(Instant.parse("2027-01-01T00:00:01.900Z"));
    }

    @Test
    void aFailingComponentIsCountedAndTheRestOfTheGroupStillRuns() throws Exception {
        SteppedTime time = new SteppedTime();
        List<String> log = new ArrayList<>();
        Scheduled broken = Scheduled.of("broken", now -> {
            throw new IllegalStateException("sensor on fire");
        });
        RateGroup group = new RateGroup("control", Duration.ofSeconds(1), List.of(broken, new Recorder("after", log)));

        new Scheduler(time, List.of(group)).run(time.now().plusSeconds(3));

        assertThat(group.stats().failures()).isEqualTo(3);
        assertThat(group.stats().cycles()).isEqualTo(3);
        assertThat(log).hasSize(3);
    }

    @Test
    void stopRequestEndsTheLoopAfterTheCurrentCycle() throws Exception {
        SteppedTime time = new SteppedTime();
        List<Scheduler> holder = new ArrayList<>();
        List<Instant> ticks = new ArrayList<>();
        Scheduled stopper = Scheduled.of("stopper", now -> {
            ticks.add(now);
            if (ticks.size() == 5) {
                holder.get(0).requestStop();
            }
        });
        Scheduler scheduler = new Scheduler(time, List.of(new RateGroup("g", Duration.ofSeconds(1), List.of(stopper))));
        holder.add(scheduler);

        scheduler.run(null);

        assertThat(ticks).hasSize(5);
    }

    @Test
    void overrunsAreCountedWhenACycleTakesLongerThanItsPeriod() throws Exception {
        SteppedTime time = new SteppedTime();
        Scheduled slowComponent = Scheduled.of("slow", now -> {
            long until = System.nanoTime() + 3_000_000; // 3 ms of work in a 1 ms period
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        });
        RateGroup group = new RateGroup("fast", Duration.ofMillis(1), List.of(slowComponent));

        new Scheduler(time, List.of(group)).run(time.now().plusMillis(4));

        assertThat(group.stats().overruns()).isEqualTo(4);
    }
}
