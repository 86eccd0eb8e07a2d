package io.sunsync.flight.jobs;

/**
 * The answer to a control command (suspend, resume, checkpoint, cancel, acknowledge).
 *
 * @param ok       true when done (or, for a checkpoint, requested)
 * @param error    the refusal code, null when ok
 * @param message  details
 */
public record ControlResult(boolean ok, ControlError error, String message) {
    public ControlResult {
        if (ok == (error != null)) {
            throw new IllegalArgumentException("a refusal has an error code, a success none");
        }
        message = message == null ? "" : message;
    }

    /** Done. */
    public static ControlResult done(String message) {
        return new ControlResult(true, null, message);
    }

    /** Refused. */
    public static ControlResult refused(ControlError error, String message) {
        return new ControlResult(false, error, message);
    }
}
