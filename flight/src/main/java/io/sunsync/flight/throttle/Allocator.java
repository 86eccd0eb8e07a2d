package io.sunsync.flight.throttle;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits a power budget across boards to maximise priority-weighted throughput: equal marginal
 * weighted throughput per watt across boards, within each board's cap range and limit.
 *
 * <p>Method: every board's piecewise-linear curve is cut into segments - first the indivisible
 * step from off to its minimum cap, then (when the curve has an idle cost, so the best work per
 * watt lies above the minimum) the stretch from the minimum to that best cap, both ranked at the
 * best average slope, then one segment per breakpoint up to the board's limit. (1) Segments are
 * taken in order of decreasing weighted rank while they fit: this decides which boards are on.
 * (2) Knapsack repair: for each board that stayed off, try switching it on (switching off the
 * boards whose step is worth least while the minimums don't fit), alone or swapped for the
 * least valuable board that is on, and keep the best if the total is higher. (3) Given the
 * boards on, each starts at its minimum and the rest of the budget is water-filled over their
 * continuous segments by true marginal slope - optimal for that set, since the curves are
 * concave from the minimum on: equal marginal throughput per watt. A gang (the boards of one job
 * on several boards, {@link BoardDemand#gang}) is switched on and off as one: all its boards or
 * none, since with one of them off its job is suspended and the others work for nothing; a gang
 * with a board that must be off (no shape) is off whole. Sorting is O(s log s) in
 * segments (and skipped while the boards' shapes and weights don't change), the repair
 * O(n² · s) at worst but it skips boards alike to one whose repair failed. Curve shapes are
 * cached; one instance per control loop, not thread safe.
 */
public final class Allocator {
    private static final int CACHE = 256;

    /**
     * A board's unweighted segment ladder: segment k spans [lo[k], hi[k]] W, gains slope[k] per W
     * per unit weight, and is ranked at rank[k] when deciding which boards to switch on (the
     * switch-on step and the stretch to the best-average cap rank at that average). Switching it on
     * costs onCostW of the budget: its minimum less what it draws off.
     */
    private record Shape(double[] lo, double[] hi, double[] slope, double[] rank, double onCostW) {
        int segmentAbove(double capW) {
            for (int k = 1; k < lo.length; k++) {
                if (capW < hi[k] - 1e-9) {
                    return k;
                }
            }
            return lo.length - 1;
        }

        int segmentBelow(double capW) {
            for (int k = lo.length - 1; k >= 1; k--) {
                if (capW > lo[k] + 1e-9) {
                    return k;
                }
            }
            return 0;
        }

        double top() {
            return hi[hi.length - 1];
        }
    }

    /** Cache key; the curve by identity (one config, one curve object), so lookups stay cheap. */
    private record ShapeKey(double minCapW, double maxCapW, double limitCapW, double offDrawW, ThroughputCurve curve) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ShapeKey k && k.minCapW == minCapW && k.maxCapW == maxCapW && k.limitCapW == limitCapW
                    && k.offDrawW == offDrawW && k.curve == curve;
        }

        @Override
        public int hashCode() {
            return ((Double.hashCode(minCapW) * 31 + Double.hashCode(maxCapW)) * 31 + Double.hashCode(limitCapW)) * 31
                    + Double.hashCode(offDrawW) + 17 * System.identityHashCode(curve);
        }
    }

    private Fleet last;
    private final Map<ShapeKey, Shape> shapes = new LinkedHashMap<>(CACHE * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ShapeKey, Shape> eldest) {
            return size() > CACHE;
        }
    };

    /**
     * @param boards  the boards and their work
     * @param budgetW watts available to all boards together (≥ 0)
     */
    public Allocation allocate(List<BoardDemand> boards, double budgetW) {
        Fleet fleet = fleet(boards, 0);
        return finish(fleet, chooseOn(fleet, budgetW), budgetW);
    }

    /**
     * As {@link #allocate(List, double)}, but the boards on now stay on, and those off stay off,
     * unless switching gains more than {@code switchGainPct} of the work (or the minimums of the
     * boards on no longer fit): switching a board is not free (its job is suspended or resumed, the
     * board cycles between idle and load), and near the margin the best set of boards on flips with
     * the budget's noise, and among boards alike, while what it gains is nearly nothing. What the
     * hysteresis can cost is bounded by {@code switchGainPct}; the total never exceeds {@code budgetW}.
     *
     * <p>Boards that cannot be powered off (a GPU's driver holds a disabled GPU at its lowest cap,
     * drawing its idle power) still draw {@code offDrawW} off: the caller takes that out of the
     * budget for every board, and a board switched on costs its cap less {@code offDrawW}. Counting
     * it this way, and not as a reserve for however many boards the answer leaves off, has one
     * answer: the reserve had two (more boards off, more reserve, fewer on), and the allocation
     * alternated between them, switching eight boards every few seconds through an eclipse.
     *
     * @param budgetW       watts for the boards above what they would all draw off (≥ 0)
     * @param offDrawW      what a board draws off, in W (0: a backend that powers boards off); below
     *                      every board's minimum
     * @param onNow         ids of the boards on now
     * @param switchGainPct the least gain in expected work, in % of it, for which boards on are switched
     *                      off while their minimums fit (0: no hysteresis)
     */
    public Allocation allocate(List<BoardDemand> boards, double budgetW, double offDrawW, Set<String> onNow,
                               double switchGainPct) {
        Fleet fleet = fleet(boards, offDrawW);
        boolean[] best = chooseOn(fleet, budgetW);
        if (switchGainPct <= 0 || onNow.isEmpty()) {
            return finish(fleet, best, budgetW);
        }
        // The boards on now, less (while their minimums do not fit) those the plain allocation has off
        // first, then the least worth per watt.
        // A gang with a board on now stays on whole (a gang part on does nothing).
        boolean[] stay = new boolean[best.length];
        for (int i = 0; i < stay.length; i++) {
            if (fleet.shape()[i] != null && onNow.contains(boards.get(i).boardId())) {
                fleet.switchOn(stay, i);
            }
        }
        if (Arrays.equals(stay, best)) {
            return finish(fleet, best, budgetW);
        }
        double minsW = fleet.minimumsW(stay);
        while (minsW > budgetW + 1e-9) {
            minsW -= fleet.switchOff(stay, fleet.cheapestOn(stay, best));
        }
        double bestValue = fleet.value(fleet.fill(best, budgetW));
        double stayValue = fleet.value(fleet.fill(stay, budgetW));
        return finish(fleet, stayValue >= bestValue * (1 - switchGainPct / 100) ? stay : best, budgetW);
    }

    /** The boards' shapes and segment orders, reusing the last call's orders when nothing changed. */
    private Fleet fleet(List<BoardDemand> boards, double offDrawW) {
        int n = boards.size();
        Shape[] shape = new Shape[n];
        double[] weight = new double[n];
        int segments = 0;
        boolean anyWork = false;
        for (int i = 0; i < n; i++) {
            BoardDemand b = boards.get(i);
            anyWork |= b.weight() > 0;
            if (b.weight() > 0 && b.limitCapW() >= b.minCapW()) {
                shape[i] = shapes.computeIfAbsent(
                        new ShapeKey(b.minCapW(), b.maxCapW(), Math.min(b.limitCapW(), b.maxCapW()),
                                Math.max(0, Math.min(offDrawW, 0.9 * b.minCapW())), b.curve()),
                        Allocator::shape);
                weight[i] = b.weight();
            }
        }
        int[] unit = units(boards, shape);
        for (Shape sh : shape) {
            segments += sh == null ? 0 : sh.lo().length;
        }
        // The segment orders depend only on the boards' shapes and weights, not on the budget: reuse
        // the last tick's when nothing changed (the common case), sort again otherwise.
        Fleet fleet;
        if (last != null && Arrays.equals(shape, last.shape()) && Arrays.equals(weight, last.weight())) {
            fleet = new Fleet(shape, weight, unit, sizes(unit), last.segBoard(), last.segOrder(), last.byRank(), last.byMarginal(),
                    boards, anyWork);
        } else {
            int[] segBoard = new int[segments];
            int[] segOrder = new int[segments];
            long[] byRank = new long[segments];
            long[] byMarginal = new long[segments];
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (shape[i] == null) {
                    continue;
                }
                for (int k = 0; k < shape[i].lo().length; k++) {
                    segBoard[m] = i;
                    segOrder[m] = k;
                    byRank[m] = sortKey(weight[i] * shape[i].rank()[k], m);
                    byMarginal[m] = sortKey(weight[i] * shape[i].slope()[k], m);
                    m++;
                }
            }
            fleet = new Fleet(shape, weight, unit, sizes(unit), segBoard, segOrder, indexes(byRank), indexes(byMarginal), boards,
                    anyWork);
        }
        last = fleet;
        return fleet;
    }

    /**
     * Each board's unit: the lowest index of its gang's boards, or its own index when it has no
     * gang. A gang with a board that cannot be on (no shape) cannot work: its boards lose their
     * shapes too, so they are off and their watts go to boards that can use them.
     */
    private static int[] units(List<BoardDemand> boards, Shape[] shape) {
        int n = boards.size();
        int[] unit = new int[n];
        Map<String, Integer> firstOfGang = new HashMap<>();
        Set<Integer> cannotWork = new HashSet<>();
        for (int i = 0; i < n; i++) {
            String gang = boards.get(i).gang();
            unit[i] = i;
            if (gang != null) {
                Integer first = firstOfGang.putIfAbsent(gang, i);
                unit[i] = first == null ? i : first;
                if (shape[i] == null) {
                    cannotWork.add(unit[i]);
                }
            }
        }
        if (!cannotWork.isEmpty()) {
            for (int i = 0; i < n; i++) {
                if (cannotWork.contains(unit[i])) {
                    shape[i] = null;
                }
            }
        }
        return unit;
    }

    /** How many boards each board's unit has. */
    private static int[] sizes(int[] unit) {
        int[] count = new int[unit.length];
        for (int u : unit) {
            count[u]++;
        }
        int[] size = new int[unit.length];
        for (int i = 0; i < unit.length; i++) {
            size[i] = count[unit[i]];
        }
        return size;
    }

    /** Steps (1) and (2): which boards are on for {@code budgetW}. */
    private static boolean[] chooseOn(Fleet fleet, double budgetW) {
        int n = fleet.shape().length;
        Shape[] shape = fleet.shape();
        double[] weight = fleet.weight();
        int[] segBoard = fleet.segBoard();
        int[] segOrder = fleet.segOrder();

        // (1) Which boards are on: water filling in rank order (the switch-on step at its best average).
        boolean[] on = new boolean[n];
        double[] caps = new double[n];
        double remaining = Math.max(0, budgetW);
        for (int s : fleet.byRank()) {
            remaining -= fleet.take(caps, segBoard[s], segOrder[s], remaining);
        }
        for (int i = 0; i < n; i++) {
            on[i] = caps[i] > 0;
        }
        double best = fleet.value(fleet.fill(on, budgetW));
        // (2) Knapsack repair: try switching on each board that stayed off, alone or as a swap; keep it if better.
        Set<Object> failed = new HashSet<>();
        for (int s : fleet.byRank()) {
            int i = segBoard[s];
            if (segOrder[s] != 0 || on[i]) {
                continue;
            }
            Object alike = List.of(shape[i], weight[i], fleet.unitSize(i));
            if (failed.contains(alike)) {
                continue;
            }
            boolean[] trial = on.clone();
            fleet.switchOn(trial, i);
            boolean improved = false;
            if (fleet.fitMinimums(trial, budgetW, i)) {
                double v = fleet.value(fleet.fill(trial, budgetW));
                // Also try it as a swap: the new board in, the board whose step is worth least out.
                boolean[] swap = trial.clone();
                int out = fleet.cheapestOn(swap, i);
                if (out >= 0) {
                    fleet.switchOff(swap, out);
                    double vs = fleet.value(fleet.fill(swap, budgetW));
                    if (vs > v) {
                        v = vs;
                        trial = swap;
                    }
                }
                if (v > best + 1e-12) {
                    best = v;
                    on = trial;
                    improved = true;
                }
            }
            if (!improved) {
                failed.add(alike);
            }
        }
        return on;
    }

    /** Step (3): the caps for the boards {@code on}, and what binds. */
    private static Allocation finish(Fleet fleet, boolean[] on, double budgetW) {
        int n = on.length;
        Shape[] shape = fleet.shape();
        double[] weight = fleet.weight();
        List<BoardDemand> boards = fleet.boards();
        // (3) The caps: minimums for the boards on, then the rest by true marginal slope.
        double[] caps = fleet.fill(on, budgetW);
        // Budget-bound when a board with work is below its limit; the water level is the best
        // weighted throughput per watt still on offer at the margin.
        boolean budgetBound = false;
        double lambda = 0;
        for (int i = 0; i < n; i++) {
            Shape l = shape[i];
            if (l == null) {
                continue;
            }
            if (caps[i] < l.top() - 1e-9) {
                budgetBound = true;
                lambda = Math.max(lambda, weight[i] * (caps[i] <= 0 ? l.rank()[0] : l.slope()[l.segmentAbove(caps[i])]));
            }
        }
        Map<String, Double> result = new HashMap<>(n * 2);
        double total = 0;
        for (int i = 0; i < n; i++) {
            result.put(boards.get(i).boardId(), caps[i]);
            total += caps[i];
        }
        Allocation.Binding binding = !fleet.anyWork() ? Allocation.Binding.NO_WORK
                : budgetBound ? Allocation.Binding.POWER : Allocation.Binding.BOARD_LIMITS;
        return new Allocation(result, total, fleet.value(caps), binding == Allocation.Binding.POWER ? lambda : 0, binding);
    }

    /** Descending by {@code slope} (its top 48 bits), then by position {@code m}. */
    private static long sortKey(double slope, int m) {
        long bits = Double.doubleToLongBits(slope) >>> 16;
        return (((1L << 47) - 1 - bits) << 16) | m;
    }

    private static int[] indexes(long[] keys) {
        long[] sorted = keys.clone();
        Arrays.sort(sorted);
        int[] out = new int[sorted.length];
        for (int j = 0; j < sorted.length; j++) {
            out[j] = (int) (sorted[j] & 0xFFFF);
        }
        return out;
    }

    private static Shape shape(ShapeKey key) {
        BoardDemand unit = new BoardDemand("shape", 1.0, key.minCapW(), key.maxCapW(), key.limitCapW(), key.curve());
        double limitW = key.limitCapW();
        double offW = key.offDrawW();
        // The switch-on step runs from off to the cap with the best work per watt it adds at or above
        // the minimum (the tangent from the off draw): with an idle cost that is above the minimum.
        double stepW = key.minCapW();
        double bestAverage = unit.valueAt(stepW) / (stepW - offW);
        for (double bp : key.curve().breakpointsAbove(key.minCapW() / key.maxCapW())) {
            double w = Math.min(bp * key.maxCapW(), limitW);
            double average = unit.valueAt(w) / (w - offW);
            if (average > bestAverage + 1e-12) {
                bestAverage = average;
                stepW = w;
            }
            if (w >= limitW) {
                break;
            }
        }
        double[] lo = new double[key.curve().points().size() + 2];
        double[] hi = new double[lo.length];
        double[] slope = new double[lo.length];
        double[] rank = new double[lo.length];
        // Segment 0, indivisible: off -> minimum. Segment 1: minimum -> step, at the step's average
        // slope so it is taken right after switching on (or given back just before switching off).
        lo[0] = 0;
        hi[0] = key.minCapW();
        slope[0] = unit.valueAt(key.minCapW()) / (key.minCapW() - offW);
        rank[0] = bestAverage;
        int k = 1;
        double prevW = key.minCapW();
        for (double bp : key.curve().breakpointsAbove(key.minCapW() / key.maxCapW())) {
            double w = Math.min(bp * key.maxCapW(), limitW);
            if (w > prevW + 1e-9) {
                lo[k] = prevW;
                hi[k] = w;
                // Concave from the minimum on: slopes never increase; rounding must not reorder them.
                double raw = (unit.valueAt(w) - unit.valueAt(prevW)) / (w - prevW);
                slope[k] = k == 1 ? raw : Math.min(raw, slope[k - 1]);
                rank[k] = w <= stepW + 1e-9 ? bestAverage : Math.min(slope[k], rank[k - 1]);
                prevW = w;
                k++;
            }
            if (w >= limitW) {
                break;
            }
        }
        return new Shape(Arrays.copyOf(lo, k), Arrays.copyOf(hi, k), Arrays.copyOf(slope, k), Arrays.copyOf(rank, k),
                key.minCapW() - offW);
    }

    /** One allocation's boards and their segments in rank and in marginal order. */
    private record Fleet(Shape[] shape, double[] weight, int[] unit, int[] unitSize, int[] segBoard, int[] segOrder, int[] byRank,
                         int[] byMarginal, List<BoardDemand> boards, boolean anyWork) {

        /** How many boards switch with board {@code i}: its gang's, or 1. */
        int unitSize(int i) {
            return unitSize[i];
        }

        /** What switching on board {@code i} and the rest of its gang costs, in W. */
        double unitOnCostW(int i) {
            if (boards.get(i).gang() == null) {
                return shape[i].onCostW();
            }
            double w = 0;
            for (int j = 0; j < unit.length; j++) {
                w += unit[j] == unit[i] ? shape[j].onCostW() : 0;
            }
            return w;
        }

        /** Switches board {@code i} on in {@code on}, with the rest of its gang. */
        void switchOn(boolean[] on, int i) {
            setUnit(on, i, true);
        }

        /** Switches board {@code i} off in {@code on}, with the rest of its gang; returns the watts that frees. */
        double switchOff(boolean[] on, int i) {
            double freedW = unitOnCostW(i);
            setUnit(on, i, false);
            return freedW;
        }

        private void setUnit(boolean[] on, int i, boolean value) {
            if (boards.get(i).gang() == null) {
                on[i] = value;
                return;
            }
            for (int j = 0; j < unit.length; j++) {
                if (unit[j] == unit[i]) {
                    on[j] = value;
                }
            }
        }

        /** The minimums of the boards {@code on} together, in W. */
        double minimumsW(boolean[] on) {
            double mins = 0;
            for (int i = 0; i < on.length; i++) {
                if (on[i]) {
                    mins += shape[i].onCostW();
                }
            }
            return mins;
        }

        /** Whether the minimums of the boards {@code on} fit in {@code budgetW}. */
        boolean minimumsFit(boolean[] on, double budgetW) {
            return minimumsW(on) <= budgetW + 1e-9;
        }

        /** Takes segment k of board i if it is next and fits (partially for continuous segments); returns watts taken. */
        double take(double[] caps, int i, int k, double remaining) {
            Shape l = shape[i];
            if (k == 0) {
                // A gang's boards go on together, when the first of them comes up in rank order.
                double costW = caps[i] > 0 ? Double.POSITIVE_INFINITY : unitOnCostW(i);
                if (costW <= remaining + 1e-9) {
                    for (int j = 0; j < caps.length; j++) {
                        if (j == i || boards.get(i).gang() != null && unit[j] == unit[i]) {
                            caps[j] = shape[j].hi()[0];
                        }
                    }
                    return costW;
                }
                return 0;
            }
            if (caps[i] <= 0 || Math.abs(caps[i] - l.lo()[k]) > 1e-9 || remaining <= 1e-9) {
                return 0;
            }
            double w = Math.min(l.hi()[k] - l.lo()[k], remaining);
            caps[i] += w;
            return w;
        }

        /**
         * Switches off boards of {@code on} (never {@code keep} or its gang), those whose switch-on
         * step is worth least per watt first, until their minimums fit in {@code budgetW}; false if
         * they can't.
         */
        boolean fitMinimums(boolean[] on, double budgetW, int keep) {
            double mins = minimumsW(on);
            while (mins > budgetW + 1e-9) {
                int cheapest = cheapestOn(on, keep);
                if (cheapest < 0) {
                    return false;
                }
                mins -= switchOff(on, cheapest);
            }
            return true;
        }

        /**
         * The board of {@code on} to switch off first: one {@code best} has off, the least worth per
         * watt among them, and of those alike the one with the smallest gang.
         */
        int cheapestOn(boolean[] on, boolean[] best) {
            return cheapest(on, -1, best);
        }

        /** The board switched on (other than {@code keep} and its gang) whose switch-on step is worth least per watt, or -1. */
        int cheapestOn(boolean[] on, int keep) {
            return cheapest(on, keep, null);
        }

        private int cheapest(boolean[] on, int keep, boolean[] best) {
            int cheapest = -1;
            double lowest = Double.POSITIVE_INFINITY;
            int lowestSize = Integer.MAX_VALUE;
            for (int i = 0; i < on.length; i++) {
                if (!on[i] || keep >= 0 && unit[i] == unit[keep]) {
                    continue;
                }
                double worth = weight[i] * shape[i].rank()[0] + (best != null && best[i] ? 1e12 : 0);
                if (worth > lowest) {
                    continue;
                }
                int size = unitSize(i);
                if (worth < lowest || size < lowestSize) {
                    lowest = worth;
                    lowestSize = size;
                    cheapest = i;
                }
            }
            return cheapest;
        }

        /**
         * The best caps for a given set of boards switched on: each at its minimum, then the
         * budget left water-filled over their continuous segments by true marginal slope (optimal:
         * the curves are concave from the minimum on).
         */
        double[] fill(boolean[] on, double budgetW) {
            double[] caps = new double[on.length];
            double remaining = Math.max(0, budgetW);
            for (int i = 0; i < on.length; i++) {
                if (on[i]) {
                    caps[i] = shape[i].hi()[0];
                    remaining -= shape[i].onCostW();
                }
            }
            for (int s : byMarginal) {
                if (remaining <= 1e-9) {
                    break;
                }
                int i = segBoard[s];
                int k = segOrder[s];
                if (k == 0 || !on[i]) {
                    continue;
                }
                Shape l = shape[i];
                double take = Math.min(l.hi()[k] - l.lo()[k], remaining);
                caps[i] += take;
                remaining -= take;
            }
            return caps;
        }

        double value(double[] caps) {
            double v = 0;
            for (int i = 0; i < caps.length; i++) {
                if (caps[i] > 0) {
                    v += boards.get(i).valueAt(caps[i]);
                }
            }
            return v;
        }
    }

}
