package io.sunsync.bench.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job runner in a separate JVM is killed with kill -9 at random points, 50 times over one data
 * directory; after every restart nothing accepted is lost, nothing finished runs again and every
 * finished result still matches its checksums (see {@link JobsCrashBench}). The soak version is
 * {@code ./sunsync bench jobs-crash --iterations 500}.
 */
class JobsCrashTest {

    @Test
    void fiftyKillNineRestartsLoseNoJobAndNoResultAndRunNothingTwice(@TempDir Path dir) throws Exception {
        JobsCrashBench.Options options = new JobsCrashBench.Options(50, 20270621L, 3, 300, dir,
                JobsCrashBench.javaCommand(), System.getProperty("java.class.path"), line -> { });

        JobsCrashBench.Report report = JobsCrashBench.run(options);

        assertThat(report.violations()).isEmpty();
        assertThat(report.kills()).isEqualTo(50);
        assertThat(report.killsDuringRecovery()).isPositive();
        assertThat(report.killsWhileRunning()).isPositive();
        assertThat(report.drained()).isTrue();
        assertThat(report.jobsAccepted()).isGreaterThan(20); // how many depends on the machine's speed
        assertThat(report.jobsSucceeded()).isGreaterThanOrEqualTo(report.jobsAccepted());
        assertThat(report.resultsVerified()).isGreaterThan(report.jobsSucceeded());
        assertThat(report.requeuedAfterRestart()).isPositive();
    }
}
