package io.sunsync.ground.mission;

/** A mission rehearsal could not be run; {@link #error()} says why. */
public final class MissionException extends Exception {
    private final MissionError error;

    public MissionException(MissionError error, String message) {
        super(message);
        this.error = error;
    }

    public MissionException(MissionError error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    /** Why. */
    public MissionError error() {
        return error;
    }
}
