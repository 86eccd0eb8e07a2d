package io.sunsync.flight.cmd;

import static io.sunsync.flight.cmd.CommandingFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.flight.cmd.builtin.JobCommands;
import io.sunsync.flight.jobs.ControlError;
import io.sunsync.flight.jobs.ControlResult;
import io.sunsync.flight.jobs.JobKind;
import io.sunsync.flight.jobs.JobReason;
import io.sunsync.flight.jobs.JobRejectReason;
import io.sunsync.flight.jobs.JobService;
import io.sunsync.flight.jobs.JobSpec;
import io.sunsync.flight.jobs.JobState;
import io.sunsync.flight.jobs.JobStatus;
import io.sunsync.flight.jobs.ResultBundle;
import io.sunsync.flight.jobs.ResultSummary;
import io.sunsync.flight.jobs.SubmitResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The job commands against a fake job service that records what it was asked. */
class JobCommandsTest extends IcdCheckedCommanding {
    final FakeJobs jobs = new FakeJobs();

    /** A job service that keeps jobs in a map; ids starting with "bad" are refused. */
    static final class FakeJobs implements JobService {
        final Map<String, JobState> states = new LinkedHashMap<>();
        final List<String> calls = new ArrayList<>();

        @Override
        public SubmitResult submit(JobSpec spec) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SubmitResult submitJson(String json) {
            String id;
            try {
                id = TestSigner.JSON.readTree(json).path("id").asText();
            } catch (java.io.IOException e) {
                return SubmitResult.rejected(null, JobRejectReason.MALFORMED, e.getMessage());
            }
            calls.add("submit " + id);
            if (id.startsWith("bad")) {
                return SubmitResult.rejected(id, JobRejectReason.BAD_ID, "refused by the fake");
            }
            states.put(id, JobState.QUEUED);
            return SubmitResult.accepted(id);
        }

        @Override
        public ControlResult cancel(String jobId, String why) {
            calls.add("cancel " + jobId + " (" + why + ")");
            JobState s = states.get(jobId);
            if (s == null) {
                return ControlResult.refused(ControlError.UNKNOWN_JOB, "no job " + jobId);
            }
            if (s.terminal()) {
                return ControlResult.refused(ControlError.WRONG_STATE, jobId + " is " + s);
            }
            states.put(jobId, JobState.CANCELLED);
            return ControlResult.done("cancelled");
        }

        @Override
        public List<JobStatus> list() {
            return states.entrySet().stream().map(e -> new JobStatus(e.getKey(), "team", 50, JobKind.SYNTHETIC,
                    e.getValue(), JobReason.SUBMITTED, "", List.of(), 0, null, 10.0, 0, null, 0, T0, null, null, null, 0,
                    false)).toList();
        }

        @Override
        public Optional<JobStatus> get(String jobId) {
            return list().stream().filter(s -> s.id().equals(jobId)).findFirst();
        }

        @Override
        public List<ResultSummary> pendingResults() {
            return List.of();
        }

        @Override
        public Optional<ResultBundle> openResult(String jobId) {
            return Optional.empty();
        }

        @Override
        public ControlResult ackResult(String jobId) {
            calls.add("ack " + jobId);
            return ControlResult.refused(ControlError.NO_RESULT, "no result for " + jobId);
        }
    }

    @BeforeEach
    void registerJobCommands() {
        f.commanding.registry().registerAll(JobCommands.all(jobs));
    }

    @Test
    void aJobIsSubmittedListedAndCancelledByCommand() {
        f.deliver(f.signed(1, "job.submit", Map.of("spec", Map.of("id", "train-1", "kind", "synthetic"))));
        assertThat(f.stages(1)).containsExactly("ACCEPTED", "STARTED", "COMPLETED");
        assertThat(f.lastReport().path("data").path("jobId").asText()).isEqualTo("train-1");
        f.deliver(f.signed(2, "job.list", Map.of()));
        assertThat(f.lastReport().path("data").path("jobs").get(0).path("state").asText()).isEqualTo("QUEUED");
        f.deliver(f.signed(3, "job.cancel", Map.of("id", "train-1")));
        assertThat(f.stages(3)).containsExactly("ACCEPTED", "STARTED", "COMPLETED");
        assertThat(jobs.states).containsEntry("train-1", JobState.CANCELLED);
    }

    @Test
    void theJobRunnersRefusalsFailTheCommandWithTheirOwnCode() {
        f.deliver(f.signed(1, "job.submit", Map.of("spec", Map.of("id", "bad-1"))));
        assertThat(f.stages(1)).containsExactly("ACCEPTED", "STARTED", "FAILED");
        assertThat(f.lastReport().path("data").path("jobReason").asText()).isEqualTo("BAD_ID");
        f.deliver(f.signed(2, "job.cancel", Map.of("id", "nobody")));
        assertThat(f.lastReport().path("reason").asText()).isEqualTo("NOT_FOUND");
        assertThat(f.lastReport().path("data").path("jobError").asText()).isEqualTo("UNKNOWN_JOB");
        f.deliver(f.signed(3, "job.ackResult", Map.of("id", "nobody")));
        assertThat(f.lastReport().path("data").path("jobError").asText()).isEqualTo("NO_RESULT");
    }

    @Test
    void killAllIsCriticalAndCancelsEveryUnfinishedJob() {
        f.deliver(f.signed(1, "job.submit", Map.of("spec", Map.of("id", "a"))));
        f.deliver(f.signed(2, "job.submit", Map.of("spec", Map.of("id", "b"))));
        f.deliver(f.signed(3, "job.killAll", Map.of()));
        assertThat(f.lastReport().path("reason").asText()).isEqualTo("NOT_ARMED");
        f.deliver(f.signed(4, "arm", Map.of("command", "job.killAll", "args", Map.of())));
        ObjectNode kill = f.ground.cmd(5, "job.killAll", Map.of(), T0.plusSeconds(60));
        kill.put("arm", f.lastReport().path("data").path("token").asText());
        f.deliver(f.ground.sign(kill));
        assertThat(f.lastReport().path("data").path("cancelled").asInt()).isEqualTo(2);
        assertThat(jobs.states.values()).containsOnly(JobState.CANCELLED);
    }

    @Test
    void jobsCannotBeSubmittedInSafeMode() throws Exception {
        f.modes.requestMode("SAFE", "test");
        f.deliver(f.signed(1, "job.submit", Map.of("spec", Map.of("id", "x"))));
        assertThat(f.lastReport().path("reason").asText()).isEqualTo("NOT_ALLOWED_IN_MODE");
        assertThat(jobs.calls).isEmpty();
    }
}
