package io.sunsync.sim.fault;

/**
 * What the {@link FaultInjector} acts on: the satellite model. Called on the model's thread
 * while it steps.
 */
public interface FaultTarget {
    /** The upset-rate factor of the radiation environment at {@code tS} seconds after the start. */
    double radiationFactor(double tS);

    /** An upset on board {@code index}: a hang when {@code hang}, else an uncorrectable memory error. */
    void upset(int index, boolean hang, double tS);

    /** Board {@code index} fails for good. */
    void failBoard(int index, double tS);

    /** Loop {@code loop}'s pump fails. */
    void failPump(int loop, double tS);

    /** {@code count} array strings are lost. */
    void loseStrings(int count, double tS);

    /** {@code count} battery cell strings are lost. */
    void loseCellStrings(int count, double tS);

    /** The true value of sensor {@code key} now (for a sensor that sticks). */
    double sensorTruth(String key);

    /** Number of boards. */
    int boardCount();

    /** Number of cooling loops. */
    int loopCount();
}
