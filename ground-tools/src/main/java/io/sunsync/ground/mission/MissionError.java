package io.sunsync.ground.mission;

/** Why a mission rehearsal could not be run (as opposed to a run that failed its checks). */
public enum MissionError {
    /** The scenario file is missing or invalid, or the overrides do not fit it. */
    BAD_SCENARIO,
    /** The output folder cannot be used (not empty and not a rehearsal's, or not writable). */
    OUT_FOLDER,
    /** The embedded broker did not start. */
    BROKER,
    /** The flight software could not be started, or did not come up. */
    FLIGHT_START,
    /** The ground session could not connect or lost its footing. */
    GROUND_SESSION,
    /** The operator interrupted the run. */
    INTERRUPTED
}
