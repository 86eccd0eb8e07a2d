package io.sunsync.flight.cmd.builtin;

import io.sunsync.flight.cmd.ArgSpec;
import io.sunsync.flight.cmd.CommandFailure;
import io.sunsync.flight.cmd.CommandSpec;
import io.sunsync.flight.cmd.FailReason;
import io.sunsync.flight.cmd.Outcome;
import io.sunsync.flight.jobs.ControlError;
import io.sunsync.flight.jobs.ControlResult;
import io.sunsync.flight.jobs.JobService;
import io.sunsync.flight.jobs.JobStatus;
import io.sunsync.flight.jobs.SubmitResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The job commands, over the job runner's {@link JobService}: submit, cancel, list, get, result
 * acknowledgement and kill-all (critical). A refusal by the job runner fails the command with its
 * own code in {@code data.jobReason} / {@code data.jobError}. They run on receipt: the service
 * is thread safe and returns after at most one journal write.
 */
public final class JobCommands {
    private static final Map<String, Object> ID = Map.of("pattern", "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");

    private JobCommands() {
    }

    private static ArgSpec jobId() {
        return new ArgSpec("id", "string", "job id", true, null, null, "", List.of(), ID);
    }

    /** The job commands over {@code jobs}. */
    public static List<CommandSpec> all(JobService jobs) {
        return List.of(
                CommandSpec.builder("job.submit")
                        .description("Submits a job (the spec of docs/jobs.md); COMPLETED once it is durably queued")
                        .arg(ArgSpec.object("spec", "the job spec", Map.of()))
                        .modes("NOMINAL", "POWER_SAVE")
                        .handler(inv -> {
                            SubmitResult r = jobs.submitJson(inv.args().get("spec").toString());
                            if (!r.accepted()) {
                                return failed(FailReason.INVALID_STATE, r.message(), "jobReason", r.reason().name(), r.jobId());
                            }
                            return Outcome.completed(Map.of("jobId", r.jobId()));
                        }).build(),
                CommandSpec.builder("job.cancel")
                        .description("Cancels an unfinished job (its process tree is killed)")
                        .arg(jobId())
                        .arg(ArgSpec.text("reason", "why, for the job record", 200).optional())
                        .handler(inv -> control(jobs.cancel(inv.text("id"), inv.has("reason") ? inv.text("reason")
                                : "cancelled by ground command"), inv.text("id"))).build(),
                CommandSpec.builder("job.list")
                        .description("Lists every job known, in order of submission")
                        .handler(inv -> Outcome.completed(Map.of("jobs", jobs.list()))).build(),
                CommandSpec.builder("job.get")
                        .description("One job's status")
                        .arg(jobId())
                        .handler(inv -> {
                            JobStatus s = jobs.get(inv.text("id")).orElseThrow(() ->
                                    new CommandFailure(FailReason.NOT_FOUND, "no job " + inv.text("id")));
                            return Outcome.completed(Map.of("job", s));
                        }).build(),
                CommandSpec.builder("job.ackResult")
                        .description("Acknowledges a downlinked result: it is journaled and deleted on board")
                        .arg(jobId())
                        .handler(inv -> control(jobs.ackResult(inv.text("id")), inv.text("id"))).build(),
                CommandSpec.builder("job.killAll")
                        .description("Cancels every unfinished job")
                        .arg(ArgSpec.text("reason", "why, for the job records", 200).optional())
                        .critical()
                        .handler(inv -> {
                            String why = inv.has("reason") ? inv.text("reason") : "kill-all by ground command";
                            int cancelled = 0;
                            int refused = 0;
                            for (JobStatus s : jobs.list()) {
                                if (!s.state().terminal()) {
                                    if (jobs.cancel(s.id(), why).ok()) {
                                        cancelled++;
                                    } else {
                                        refused++;
                                    }
                                }
                            }
                            return Outcome.completed(Map.of("cancelled", cancelled, "refused", refused));
                        }).build());
    }

    private static Outcome control(ControlResult r, String id) {
        if (r.ok()) {
            return Outcome.completed(Map.of("jobId", id, "message", r.message()));
        }
        FailReason reason = r.error() == ControlError.UNKNOWN_JOB || r.error() == ControlError.NO_RESULT
                ? FailReason.NOT_FOUND : FailReason.INVALID_STATE;
        return failed(reason, r.message(), "jobError", r.error().name(), id);
    }

    private static Outcome failed(FailReason reason, String message, String key, String code, String id) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(key, code);
        if (id != null) {
            data.put("jobId", id);
        }
        return new Outcome(Outcome.State.FAILED, data, reason, message);
    }
}
