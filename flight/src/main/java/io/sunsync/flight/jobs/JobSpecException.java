package io.sunsync.flight.jobs;

import java.util.Objects;

/**
 * A job spec was refused. Carries the {@link JobRejectReason} code and the field at fault
 * (dotted, e.g. {@code boards.count}; empty when it concerns the whole spec).
 */
public final class JobSpecException extends RuntimeException {
    private final JobRejectReason reason;
    private final String field;

    /**
     * @param reason  the code
     * @param field   dotted field name, or empty
     * @param message what is wrong, for a human
     */
    public JobSpecException(JobRejectReason reason, String field, String message) {
        super(field == null || field.isEmpty() ? message : field + ": " + message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.field = field == null ? "" : field;
    }

    /** The machine-readable code. */
    public JobRejectReason reason() {
        return reason;
    }

    /** The dotted field at fault, or empty. */
    public String field() {
        return field;
    }
}
