package io.sunsync.ground.cli;

/**
 * The exit codes of {@code sunsync ground}, one meaning each, listed in every command's
 * {@code --help} and in docs/operations.md.
 */
public enum ExitCode {
    /** Success. */
    OK(0, "success"),
    /** An unexpected failure (I/O error, unreadable archive). */
    FAILURE(1, "failure (I/O error, broken input)"),
    /** Bad command line or bad profile. */
    USAGE(2, "bad command line or profile"),
    /** Nothing heard from the satellite(s) within the timeout. */
    NO_DATA(3, "nothing heard from the satellite(s) within the timeout"),
    /** The broker could not be reached, or refused the connection (credentials, TLS). */
    BROKER(4, "broker unreachable or refused the connection (address, credentials, TLS)"),
    /** A satellite is offline or its telemetry is stale. */
    STALE(5, "a satellite is offline or its housekeeping is stale"),
    /** A telemetry point is outside its alarm limits. */
    LIMIT_ALARM(6, "a telemetry point is outside its alarm limits"),
    /**
     * Telemetry failed authentication: messages on a satellite's topics were forged, altered,
     * replayed, unsigned or had no key to check them; they were not shown as its state.
     */
    UNAUTHENTIC(8, "telemetry failed authentication (forged, replayed, unsigned or no key): not shown as the satellite's state"),
    /** The archive database could not be reached, refused the login, or its schema is not usable. */
    DATABASE(7, "archive database unreachable, refused the login, or its schema is unusable"),
    /** A command was refused on the ground before sending (bad argument, range, unknown command, no key). */
    REFUSED_LOCALLY(10, "command refused on the ground before sending (name, argument, range, key)"),
    /** The satellite rejected the command (verification report REJECTED). */
    REJECTED(11, "the satellite rejected the command"),
    /** The command was accepted but failed in execution (verification report FAILED). */
    FAILED(12, "the command failed on board"),
    /** No final verification report arrived in time. */
    NO_REPORT(13, "no final verification report within the timeout"),
    /** The operator declined a confirmation. */
    DECLINED(14, "the operator declined the confirmation");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The process exit status. */
    public int code() {
        return code;
    }

    /** What it means, for {@code --help}. */
    public String meaning() {
        return meaning;
    }
}
