package io.sunsync.ground.command;

/** A command refused on the ground, with its {@link Refusal} code and a message for the operator. */
public final class RefusedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final Refusal code;

    /** @param code why; @param message what exactly */
    public RefusedException(Refusal code, String message) {
        super(message);
        this.code = code;
    }

    /** Why. */
    public Refusal code() {
        return code;
    }
}
