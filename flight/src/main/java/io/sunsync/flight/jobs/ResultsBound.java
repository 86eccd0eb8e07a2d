package io.sunsync.flight.jobs;

import io.sunsync.flight.events.Severity;
import java.time.Instant;
import java.util.Map;

/**
 * The bound on results awaiting acknowledgement ({@link JobsConfig#maxResultBytes()}): while it is
 * reached new jobs are refused. Reports once when it is reached ({@code RESULTS_STORE_FULL}) and
 * once when acknowledgements bring the store below it again ({@code RESULTS_STORE_AVAILABLE}).
 *
 * <p>Threading: not thread-safe; owned by the job runner and used under its lock.
 */
final class ResultsBound {
    private final JobsConfig config;
    private final JobTable table;
    private final JobEventReporter events;
    private boolean fullReported;

    ResultsBound(JobsConfig config, JobTable table, JobEventReporter events) {
        this.config = config;
        this.table = table;
        this.events = events;
    }

    /** A result was stored: reports when the results held now exceed the bound. */
    void afterStored(Instant now) {
        long pending = table.pendingBytes();
        if (pending > config.maxResultBytes() && !fullReported) {
            fullReported = true;
            events.emit(now, Severity.MEDIUM, "RESULTS_STORE_FULL", "results awaiting acknowledgement use " + pending
                    + " bytes, over the " + config.maxResultBytes() + "-byte bound: new jobs are refused until the "
                    + "ground acknowledges results", Map.of("pendingBytes", pending, "maxResultBytes", config.maxResultBytes()));
        }
    }

    /** Why a new job is refused for storage, or null when the store has room. */
    String refusal(Instant now) {
        long pending = table.pendingBytes();
        if (pending < config.maxResultBytes()) {
            return null;
        }
        if (!fullReported) {
            fullReported = true;
            events.emit(now, Severity.MEDIUM, "RESULTS_STORE_FULL", "results awaiting acknowledgement use " + pending
                    + " bytes of " + config.maxResultBytes() + ": new jobs are refused", Map.of("pendingBytes", pending));
        }
        return "results awaiting acknowledgement use " + pending + " of " + config.maxResultBytes() + " bytes";
    }

    /** A result was acknowledged: reports when the store is below the bound again. */
    void afterAcknowledged(Instant now) {
        if (fullReported && table.pendingBytes() < config.maxResultBytes()) {
            fullReported = false;
            events.emit(now, Severity.INFO, "RESULTS_STORE_AVAILABLE", "results store below its bound again; jobs accepted",
                    Map.of("pendingBytes", table.pendingBytes()));
        }
    }
}
