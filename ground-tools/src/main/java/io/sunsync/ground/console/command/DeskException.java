package io.sunsync.ground.console.command;

/**
 * A command request the console did not carry out, with a code the page shows and an HTTP
 * status: a refusal on the ground (the {@link io.sunsync.ground.command.Refusal} codes), or one of
 * the console's own ({@code UNKNOWN_SATELLITE}, {@code CRITICAL}, {@code NOT_CRITICAL},
 * {@code UNKNOWN_ARM}, {@code NOT_YOURS}, {@code NOT_CONFIRMED}, {@code ARM_FAILED},
 * {@code BROKER}, {@code BUSY}). Nothing was sent unless the message says so.
 */
public final class DeskException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String code;
    private final int status;

    /**
     * @param code    the reason code
     * @param status  the HTTP status to answer with
     * @param message what exactly, for the operator
     */
    public DeskException(String code, int status, String message) {
        super(message);
        this.code = code;
        this.status = status;
    }

    /** The reason code. */
    public String code() {
        return code;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }
}
