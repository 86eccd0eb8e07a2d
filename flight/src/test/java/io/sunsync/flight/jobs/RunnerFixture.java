package io.sunsync.flight.jobs;

import static org.awaitility.Awaitility.await;

import io.sunsync.flight.events.Event;
import io.sunsync.hal.time.ManualTimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * A job runner on fake boards and manual mission time, with the events it emitted captured (as
 * F Prime's component test harness does). {@link #step()} advances mission time by one tick
 * period, the boards' work with it, and ticks the runner.
 */
final class RunnerFixture implements AutoCloseable {
    static final Instant EPOCH = Instant.parse("2027-06-21T00:00:00Z");

    final Path dataDir;
    final List<FakeBoard> boards = new ArrayList<>();
    final List<Event> events = Collections.synchronizedList(new ArrayList<>());
    final ManualTimeSource time = new ManualTimeSource(EPOCH);
    final JobsConfig config;
    final Duration tick;
    /** Boards the result checks asked to have isolated, in order. */
    final List<String> isolations = Collections.synchronizedList(new ArrayList<>());
    private final boolean checked;
    io.sunsync.flight.jobs.check.ResultChecker checker;
    JobRunner runner;

    RunnerFixture(Path dataDir, int boardCount, JobsConfig config) {
        this(dataDir, boardCount, config, false);
    }

    /** @param checked with result checks (a {@link io.sunsync.flight.jobs.check.ResultChecker}) */
    RunnerFixture(Path dataDir, int boardCount, JobsConfig config, boolean checked) {
        this.dataDir = dataDir;
        this.config = config;
        this.checked = checked;
        this.tick = Duration.ofMillis(Math.round(config.tickPeriodS() * 1000));
        for (int i = 0; i < boardCount; i++) {
            boards.add(new FakeBoard(i, 1000));
        }
        for (FakeBoard b : boards) {
            b.now = EPOCH;
        }
        this.runner = newRunner();
    }

    /** Fast grace periods, everything else default. */
    static JobsConfig config(Path dataDir) {
        return new JobsConfig(dataDir.toString(), 1.0, null, null, null, null, 64L * 1024, 2.0, 1.0, null, null, null, null);
    }

    JobRunner newRunner() {
        if (!checked) {
            return new JobRunner(config, dataDir, List.copyOf(boards), time, events::add);
        }
        checker = new io.sunsync.flight.jobs.check.ResultChecker(config.checks(), dataDir.resolve("quarantine.json"),
                events::add, (board, why) -> isolations.add(board));
        return new JobRunner(config, dataDir, List.copyOf(boards), time, events::add, checker);
    }

    JobRunner start() {
        runner.start();
        return runner;
    }

    /** Stops the runner and starts a new one on the same data directory (a clean restart). */
    JobRunner restart() {
        runner.stop();
        runner = newRunner();
        runner.start();
        return runner;
    }

    void step() {
        Instant next = time.now().plus(tick);
        double dt = tick.toNanos() / 1e9;
        for (FakeBoard b : boards) {
            b.advance(next, dt);
        }
        time.awaitUntil(next);
        runner.tick(next);
    }

    /** Steps until {@code condition} holds (wall-clock limit: real processes run meanwhile). */
    void stepUntil(Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    step();
                    return condition.call();
                });
    }

    JobStatus status(String id) {
        return runner.get(id).orElseThrow(() -> new AssertionError("no job " + id));
    }

    void stepUntilState(String id, JobState state) {
        stepUntil(() -> status(id).state() == state);
    }

    List<String> eventCodes(String jobId) {
        synchronized (events) {
            return events.stream().filter(e -> jobId == null || jobId.equals(e.data().get("jobId")))
                    .map(Event::code).toList();
        }
    }

    List<Event> events(Predicate<Event> p) {
        synchronized (events) {
            return events.stream().filter(p).toList();
        }
    }

    /** Stops the runner; every event it emitted must be in the catalogue the ground reads. */
    @Override
    public void close() {
        runner.stop();
        java.util.Set<String> catalogue = new java.util.HashSet<>();
        JobEvents.ALL.forEach(d -> catalogue.add(d.code()));
        synchronized (events) {
            for (Event e : events) {
                if (!catalogue.contains(e.code())) {
                    throw new AssertionError("event " + e.code() + " is missing from JobEvents.ALL");
                }
            }
        }
    }
}
