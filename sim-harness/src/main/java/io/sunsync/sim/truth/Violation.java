package io.sunsync.sim.truth;

import java.time.Instant;

/**
 * One episode of a limit crossed: from the step the condition became true to the step it
 * ended (null while it goes on). Immutable.
 *
 * @param kind      what limit
 * @param device    which device ({@code battery}, {@code bus}, {@code board-07}, {@code loop-a})
 * @param start     first step in violation
 * @param end       first step no longer in violation; null while ongoing
 * @param durationS time in violation so far, in s
 * @param worst     the worst value seen (unit as the kind says)
 * @param limit     the limit crossed (same unit)
 */
public record Violation(ViolationKind kind, String device, Instant start, Instant end, double durationS, double worst,
                        double limit) {
}
