package io.sunsync.flight.cmd;

import java.util.Objects;

/** Thrown by a command handler when execution fails; becomes a FAILED report with its code. */
public final class CommandFailure extends Exception {
    private final FailReason reason;

    /**
     * @param reason  the failure code
     * @param message what went wrong, for the operator
     */
    public CommandFailure(FailReason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The failure code. */
    public FailReason reason() {
        return reason;
    }
}
