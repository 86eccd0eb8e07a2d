package io.sunsync.flight;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.flight.app.FlightApplication;
import io.sunsync.flight.app.FlightConfig;
import io.sunsync.flight.jobs.BoardRequest;
import io.sunsync.flight.jobs.JobKind;
import io.sunsync.flight.jobs.JobReason;
import io.sunsync.flight.jobs.JobRunner;
import io.sunsync.flight.jobs.JobSpec;
import io.sunsync.flight.jobs.JobState;
import io.sunsync.flight.jobs.JobStatus;
import io.sunsync.testkit.EmbeddedBroker;
import io.sunsync.testkit.SimSatelliteConfig;
import io.sunsync.testkit.mqtt.Message;
import io.sunsync.testkit.mqtt.TestMqttClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job runner wired into flight: sim boards, the throttler's caps, events over a real broker. */
class FlightJobsTest {

    /** The code of a job runner's event, or "" for any other message. */
    static String jobEvent(Message m) {
        if (!m.topic().endsWith("/evt")) {
            return "";
        }
        FlightEndToEndTest.Msg evt = FlightEndToEndTest.Msg.of(m);
        return "jobs".equals(evt.body().path("source").asText()) ? evt.body().path("code").asText() : "";
    }

    @Test
    void aSyntheticJobRunsOnTheSimBoardsUnderTheThrottlerAndItsEventsReachTheGround(@TempDir Path dir) throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start();
             TestMqttClient ground = FlightEndToEndTest.subscriber(broker)) {
            Path file = SimSatelliteConfig.write(dir, """
                    satellite: {id: sat-001}
                    link: {broker: "%s"}
                    jobs:
                      dataDir: jobs-data
                      quotas: {team-a: {maxActiveJobs: 4}}
                    """.formatted(broker.url()), "boards: 8, speed: 0");
            JobStatus done;
            try (FlightApplication app = new FlightApplication(FlightConfig.load(file), dir)) {
                JobRunner jobs = app.jobs().orElseThrow();
                app.start(); // the job runner among the components, so the job can be submitted before flying
                assertThat(jobs.submit(new JobSpec("sim-train-1", "team-a", 60, null, new BoardRequest(2, null), 60.0,
                        null, JobKind.SYNTHETIC, null, true)).accepted()).isTrue();

                app.run(Duration.ofSeconds(120));

                done = jobs.get("sim-train-1").orElseThrow();
                assertThat(jobs.pendingResults()).hasSize(1);
            }
            assertThat(dir.resolve("jobs-data").resolve("journal").resolve("snapshot.dat")).exists();
            assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(done.reason()).isEqualTo(JobReason.COMPLETED);
            assertThat(done.workUnits()).isGreaterThanOrEqualTo(60.0);
            assertThat(done.energyUsedWh()).isPositive();
            ground.awaitMessage(m -> jobEvent(m).equals("JOB_SUCCEEDED"), Duration.ofSeconds(10));
            List<String> codes = ground.messages().stream().map(FlightJobsTest::jobEvent).filter(c -> !c.isEmpty()).toList();
            assertThat(codes).containsSubsequence("JOBS_RECOVERED", "JOB_SUBMITTED", "JOB_STARTED", "JOB_SUCCEEDED");
        }
    }
}
