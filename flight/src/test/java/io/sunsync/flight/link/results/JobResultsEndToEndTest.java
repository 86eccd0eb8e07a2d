package io.sunsync.flight.link.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sunsync.flight.app.FlightApplication;
import io.sunsync.flight.app.FlightConfig;
import io.sunsync.flight.jobs.JobRunner;
import io.sunsync.flight.jobs.ResultSummary;
import io.sunsync.flight.jobs.SubmitResult;
import io.sunsync.flight.link.GroundStation;
import io.sunsync.testkit.EmbeddedBroker;
import io.sunsync.testkit.SimSatelliteConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job runs on the simulated satellite, its result goes down through the outbox in chunks, the
 * ground reassembles and verifies it and acknowledges it, and the job runner's store releases it.
 */
class JobResultsEndToEndTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aFinishedJobsResultReachesTheGroundVerifiedAndIsReleasedOnAcknowledgement(@TempDir Path dir) throws Exception {
        EmbeddedBroker broker = EmbeddedBroker.shared();
        try (GroundStation ground = new GroundStation(broker.url(), "sat-jobs")) {
            ResultReceiver receiver = new ResultReceiver();
            ground.onMessage = r -> {
                if (r.topic().contains("/results/")) {
                    try {
                        receiver.accept(r.topic(), r.payload());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
            Path file = SimSatelliteConfig.write(dir, """
                    satellite: {id: sat-jobs}
                    link: {broker: "%s", reconnectMinMs: 50, reconnectMaxMs: 500,
                           results: {chunkBytes: 1024, eofRepeatS: 1}}
                    jobs: {dataDir: jobs}
                    """.formatted(broker.url()), "boards: 8, speed: 400");
            FlightApplication app = new FlightApplication(FlightConfig.load(file), dir);
            Thread flight = new Thread(() -> {
                try {
                    app.run(Duration.ofSeconds(3600));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "flight");
            flight.start();
            try {
                JobRunner jobs = app.jobs().orElseThrow();
                ground.await(() -> !ground.stream("tm/hk").isEmpty(), Duration.ofSeconds(30));
                SubmitResult submitted = jobs.submitJson("""
                        {"id": "sim-job-1", "owner": "team-a", "kind": "synthetic",
                         "boards": {"count": 2}, "expectedWorkUnits": 5}""");
                assertThat(submitted.accepted()).as(submitted.message()).isTrue();
                await().atMost(Duration.ofSeconds(60)).until(() -> receiver.eofs.containsKey("sim-job-1"));
                JsonNode manifest = receiver.manifests.get("sim-job-1");
                String name = manifest.path("files").get(0).path("name").asText();
                byte[] content = receiver.file("sim-job-1", name);
                assertThat(content).as("reassembled and verified").isNotNull();
                assertThat(JSON.readTree(content).path("jobId").asText()).isEqualTo("sim-job-1");
                assertThat(jobs.pendingResults()).extracting(ResultSummary::jobId).contains("sim-job-1");
                assertThat(app.results().acknowledge("sim-job-1")).isEqualTo(ResultAck.ACKNOWLEDGED);
                assertThat(jobs.pendingResults()).extracting(ResultSummary::jobId).doesNotContain("sim-job-1");
                assertThat(app.results().transfers()).isEmpty();
            } finally {
                app.requestStop();
                flight.join(60_000);
                app.close();
            }
        }
    }
}
