package io.sunsync.flight.jobs;

import io.sunsync.flight.events.Event;
import io.sunsync.flight.events.EventSink;
import io.sunsync.flight.events.Severity;
import io.sunsync.flight.store.log.Damage;
import io.sunsync.hal.time.TimeSource;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the job runner's state changes, refusals and findings into events (source
 * {@value JobRunner#SOURCE}; the catalogue is {@link JobEvents#ALL}). A sink that throws is
 * logged, never allowed to undo the change it reports.
 *
 * <p>Threading: stateless apart from its sink; called under the job runner's lock.
 */
final class JobEventReporter {
    private static final Logger LOG = LoggerFactory.getLogger(JobEventReporter.class);

    private final EventSink sink;
    private final TimeSource time;

    JobEventReporter(EventSink sink, TimeSource time) {
        this.sink = sink;
        this.time = time;
    }

    /** Emits one event at mission time {@code t}. */
    void emit(Instant t, Severity severity, String code, String message, Map<String, Object> data) {
        try {
            sink.emit(new Event(t, severity, JobRunner.SOURCE, code, message, data));
        } catch (RuntimeException e) {
            LOG.warn("event sink failed for {}: {}", code, e.toString());
        }
    }

    /** Emits one event at the current mission time. */
    void emitNow(Severity severity, String code, String message, Map<String, Object> data) {
        emit(time.now(), severity, code, message, data);
    }

    /** A job reached the state (and reason) of {@code r}. */
    void stateChanged(JobRecord r) {
        String code;
        Severity sev = Severity.INFO;
        switch (r.state()) {
            case QUEUED -> {
                code = r.reason() == JobReason.SUBMITTED ? "JOB_SUBMITTED" : "JOB_REQUEUED";
                sev = r.reason() == JobReason.SUBMITTED || r.reason() == JobReason.PREEMPTED ? Severity.INFO : Severity.LOW;
            }
            case RUNNING -> {
                switch (r.reason()) {
                    case STARTED -> code = "JOB_STARTED";
                    case RESUMED -> code = "JOB_RESUMED";
                    case CHECKPOINTED -> code = "JOB_CHECKPOINTED";
                    case CHECKPOINT_TIMEOUT -> {
                        code = "JOB_CHECKPOINT_TIMEOUT";
                        sev = Severity.LOW;
                    }
                    case EXITED -> code = "JOB_EXITED";
                    default -> code = "JOB_RUNNING";
                }
            }
            case SUSPENDED -> code = "JOB_SUSPENDED";
            case CHECKPOINTING -> code = "JOB_CHECKPOINT_REQUESTED";
            case CHECKING -> code = "JOB_CHECKING";
            case SUCCEEDED -> code = "JOB_SUCCEEDED";
            case FAILED -> {
                code = "JOB_FAILED";
                sev = Severity.MEDIUM;
            }
            case CANCELLED -> code = "JOB_CANCELLED";
            case EXPIRED -> {
                code = "JOB_EXPIRED";
                sev = Severity.LOW;
            }
            default -> throw new IllegalStateException("unknown state " + r.state());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("jobId", r.id());
        data.put("owner", r.spec().owner());
        data.put("state", r.state().name());
        data.put("reason", r.reason().name());
        data.put("starts", r.starts());
        if (!r.boardIds().isEmpty()) {
            data.put("boards", r.boardIds());
        }
        if (r.workUnits() != null) {
            data.put("workUnits", r.workUnits());
        }
        data.put("energyUsedWh", r.energyUsedWh());
        if (r.checkRun() != null) {
            data.put("checkOf", r.checkRun().of());
        }
        if (r.result() != null) {
            data.put("resultBytes", r.result().totalBytes());
        }
        emit(r.updatedAt() == null ? time.now() : r.updatedAt(), sev, code,
                "job " + r.id() + " " + r.state() + " (" + r.reason() + ")" + (r.message().isEmpty() ? "" : ": " + r.message()),
                data);
    }

    /** What replaying the journal found damaged (a torn tail is expected after a crash). */
    void journalDamage(Instant now, List<Damage> damage) {
        for (Damage d : damage) {
            String code = switch (d.kind()) {
                case TORN_TAIL -> "JOURNAL_TAIL_DROPPED";
                case CORRUPT_RECORDS, BAD_HEADER -> "JOURNAL_RECORD_CORRUPT"; // the journal's files have no header
                case UNDECODABLE_RECORD -> "JOURNAL_RECORD_UNDECODABLE";
                case INCOMPLETE_FILE -> "JOURNAL_SNAPSHOT_DAMAGED";
            };
            Severity sev = d.kind() == Damage.Kind.TORN_TAIL ? Severity.LOW : Severity.HIGH;
            emit(now, sev, code, "journal: " + d.detail() + " at byte " + d.offset() + " (" + d.lengthBytes() + " bytes)",
                    Map.of("offset", d.offset(), "lengthBytes", d.lengthBytes()));
        }
    }

    /** A submission was refused ({@code jobId} null when the spec had none). */
    void rejected(String jobId, JobRejectReason reason, String message) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reason", reason.name());
        if (jobId != null) {
            data.put("jobId", jobId);
        }
        emitNow(Severity.LOW, "JOB_REJECTED", "job " + (jobId == null ? "(no id)" : jobId) + " rejected: "
                + reason + ": " + message, data);
    }

    /** A stored result does not match its checksums and is held back. */
    void resultCorrupt(Instant now, String jobId, List<String> problems) {
        emit(now, Severity.HIGH, "RESULT_CORRUPT", "result of job " + jobId
                + " does not match its checksums and is held back: " + problems,
                Map.of("jobId", jobId, "problems", problems));
    }
}
