package io.sunsync.flight.cmd;

import java.util.Map;

/**
 * What a {@link CommandHandler} returns.
 *
 * @param state   done, failed or still running
 * @param data    results for the COMPLETED report
 * @param reason  the failure code when failed
 * @param message detail for the report
 */
public record Outcome(State state, Map<String, Object> data, FailReason reason, String message) {
    /** Whether the command has finished. */
    public enum State { COMPLETED, FAILED, RUNNING }

    /** Finished, nothing to report. */
    public static Outcome completed() {
        return new Outcome(State.COMPLETED, Map.of(), null, "");
    }

    /** Finished with results. */
    public static Outcome completed(Map<String, Object> data) {
        return new Outcome(State.COMPLETED, data, null, "");
    }

    /** Failed with a code. */
    public static Outcome failed(FailReason reason, String message) {
        return new Outcome(State.FAILED, Map.of(), reason, message);
    }

    /** Still running; the handler finishes the {@link Invocation} later. */
    public static Outcome running() {
        return new Outcome(State.RUNNING, Map.of(), null, "");
    }
}
