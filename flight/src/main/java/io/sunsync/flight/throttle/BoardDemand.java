package io.sunsync.flight.throttle;

/**
 * What the allocator knows about one board for one tick.
 *
 * @param boardId   board id
 * @param weight    priority weight of the work on it (0 = no work: the board is switched off)
 * @param minCapW   lowest cap the board accepts, in W
 * @param maxCapW   the board's maximum cap, in W (the curve's 1.0)
 * @param limitCapW the highest cap allowed now (thermal or fault limit), in W; below {@code minCapW} the board must be off
 * @param curve     throughput as a function of cap
 * @param gang      the boards that only work together (a job on several boards: one board off
 *                  suspends it, and the others do nothing), by a name they share; null for a board
 *                  whose work needs no other
 */
public record BoardDemand(String boardId, double weight, double minCapW, double maxCapW, double limitCapW,
                          ThroughputCurve curve, String gang) {
    /** A board whose work needs no other. */
    public BoardDemand(String boardId, double weight, double minCapW, double maxCapW, double limitCapW,
                       ThroughputCurve curve) {
        this(boardId, weight, minCapW, maxCapW, limitCapW, curve, null);
    }

    public BoardDemand {
        if (!(minCapW > 0) || !(maxCapW >= minCapW)) {
            throw new IllegalArgumentException(boardId + ": need 0 < minCapW <= maxCapW");
        }
        if (weight < 0 || Double.isNaN(weight)) {
            throw new IllegalArgumentException(boardId + ": weight must be >= 0");
        }
    }

    /** Weighted throughput at {@code capW} (0 when off). */
    public double valueAt(double capW) {
        return capW <= 0 ? 0 : weight * curve.throughputAt(capW / maxCapW);
    }
}
