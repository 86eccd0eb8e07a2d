package io.sunsync.ground.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.ground.cli.GroundMain;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.testing.ResultSender;
import io.sunsync.ground.testing.SignedTelemetry;
import io.sunsync.testkit.ChildJvm;
import io.sunsync.testkit.EmbeddedBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code job result} resumes an interrupted download: a separate JVM downloads, is killed with
 * SIGKILL halfway, the satellite sends the rest while it is down (its persistent session keeps
 * it at the broker), and a new run completes and verifies the result.
 */
class ResultResumeTest {
    private static final String SAT = "sat-res";
    private static final String JOB = "res-job";

    @TempDir
    Path dir;

    @Test
    void aDownloadKilledHalfwayResumesAndCompletesVerified() throws Exception {
        EmbeddedBroker broker = EmbeddedBroker.shared();
        ResultSender result = new ResultSender(SAT, JOB, 16384, 11, Map.of("data.bin", 300_000));
        List<ObjectNode> chunks = result.chunks();
        Path out = dir.resolve("results");
        Path log = dir.resolve("result.log");
        Path tmKeys = dir.resolve(SAT + ".tm-keys.json");
        tm = SignedTelemetry.generate(tmKeys, SAT);
        Path profile = Files.writeString(dir.resolve("ground.yaml"), "satellites:\n  " + SAT + ": {telemetryKeyFile: "
                + tmKeys + "}\n");
        String[] args = {"job", "result", JOB, "--sat", SAT, "--profile", profile.toString(), "-b", broker.url(),
            "--out", out.toString(), "--no-ack", "--no-progress", "--wait-s", "60"};
        Process first = ChildJvm.start(log, GroundMain.class, args);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(log) && Files.readString(log).contains("waiting for"));
        try (GroundConnection sat = GroundConnection.open(broker.url())) {
            publish(sat, "manifest", result.manifest());
            for (int i = 0; i < 10; i++) {
                publish(sat, "chunk", chunks.get(i));
            }
            Path chunkLog = out.resolve(JOB).resolve(".partial/chunks.log");
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(chunkLog) && Files.readAllLines(chunkLog).size() >= 5);
            first.destroyForcibly();
            assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 10; i < chunks.size(); i++) {
                publish(sat, "chunk", chunks.get(i));
            }
            publish(sat, "eof", result.eof(1));
        }
        Process second = ChildJvm.start(log, GroundMain.class, args);
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = Files.readString(log);
        assertThat(second.exitValue()).as(text).isZero();
        assertThat(text).contains("verified");
        assertThat(Files.readAllBytes(out.resolve(JOB).resolve("data.bin"))).isEqualTo(result.content("data.bin"));
        assertThat(out.resolve(JOB).resolve(".partial")).doesNotExist();
    }

    private SignedTelemetry tm;
    private long seq;

    /** Publishes as flight does: stream {@code results}, numbered, signed with the satellite's telemetry key. */
    private void publish(GroundConnection sat, String kind, ObjectNode body) throws Exception {
        tm.publish(sat, "sunsync/" + SAT + "/results/" + JOB + "/" + kind, "results", seq++, body.toString(), false);
    }
}
