package io.sunsync.sim.scenario;

/**
 * One point of the throughput curve.
 *
 * @param powerW   board power, in W
 * @param relative throughput relative to the board at its maximum cap (1.0)
 */
public record CurvePoint(double powerW, double relative) {
}
