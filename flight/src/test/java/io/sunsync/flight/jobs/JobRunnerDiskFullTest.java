package io.sunsync.flight.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sunsync.testkit.TmpfsVolume;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job runner on a real full disk: its data folder on a 4 MiB {@code tmpfs} filled to the
 * kernel's {@code ENOSPC} (mounting needs root, as the CI runner has). Finished work is kept and
 * stored once there is room; a runner that could not start on the full disk starts later.
 */
class JobRunnerDiskFullTest {
    @TempDir
    Path tmp;
    TmpfsVolume volume;
    RunnerFixture fx;

    @BeforeEach
    void mount() {
        volume = TmpfsVolume.mount(tmp.resolve("vol"), 4L << 20);
        Path data = volume.dir().resolve("jobs");
        fx = new RunnerFixture(data, 2, RunnerFixture.config(data));
    }

    @AfterEach
    void unmount() {
        try {
            fx.close();
        } finally {
            volume.close();
        }
    }

    @Test
    void aResultThatCannotBeStoredOnAFullDiskIsKeptAndStoredOnceThereIsRoom() throws Exception {
        fx.start();
        fx.runner.submit(Specs.synthetic("syn-full", 50, 1, 3, false));
        fx.stepUntilState("syn-full", JobState.RUNNING);
        volume.fill();

        fx.stepUntil(() -> fx.eventCodes("syn-full").contains("RESULT_STORE_RETRY"));
        for (int i = 0; i < 5; i++) {
            fx.step();
        }
        assertThat(fx.status("syn-full").state()).as("finished work is not failed for want of disk")
                .isNotIn(JobState.FAILED, JobState.SUCCEEDED);
        volume.release();
        fx.stepUntilState("syn-full", JobState.SUCCEEDED);

        assertThat(fx.runner.openResult("syn-full")).isPresent();
        assertThat(fx.eventCodes("syn-full")).containsSubsequence("RESULT_STORE_RETRY", "JOB_SUCCEEDED")
                .doesNotContain("JOB_FAILED");
    }

    @Test
    void aRunnerThatCouldNotStartOnAFullDiskStartsOnceThereIsRoom() {
        volume.fill();
        assertThatThrownBy(fx::start).isInstanceOf(RuntimeException.class);
        assertThat(fx.runner.isStarted()).isFalse();

        volume.release();
        fx.start();

        assertThat(fx.runner.isStarted()).isTrue();
        fx.runner.submit(Specs.synthetic("syn-later", 50, 1, 2, false));
        fx.stepUntilState("syn-later", JobState.SUCCEEDED);
    }
}
