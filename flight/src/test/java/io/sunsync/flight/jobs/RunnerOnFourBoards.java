package io.sunsync.flight.jobs;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the job runner's tests on four fake boards share: each test starts with a started
 * {@link RunnerFixture} on the default config (1 s ticks; the boards deliver capW/1000 work units
 * per second) in its own data folder, closed after the test (which
 * also checks that every event it emitted is in the catalogue). One test class thread owns it.
 */
abstract class RunnerOnFourBoards {
    static final int BOARDS = 4;

    @TempDir
    Path dir;
    RunnerFixture fx;

    @BeforeEach
    void startRunner() {
        Path data = dir.resolve("data");
        fx = new RunnerFixture(data, BOARDS, RunnerFixture.config(data));
        fx.start();
    }

    @AfterEach
    void closeRunner() {
        fx.close();
    }

    /** Closes the fixture and starts a new one with {@code config}, in the data folder it names. */
    void restartWith(JobsConfig config) {
        fx.close();
        fx = new RunnerFixture(Path.of(config.dataDir()), BOARDS, config);
        fx.start();
    }
}
