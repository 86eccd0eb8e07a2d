package io.sunsync.flight.throttle;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a power budget across boards to maximise priority-weighted throughput: equal marginal
 * weighted throughput per watt across boards, within each board's cap range and limit.
 *
 * <p>Method: every board's concave, piecewise-linear curve is cut into segments - first the
 * indivisible step from off to its minimum cap, then one segment per breakpoint up to its
 * limit. (1) Segments are taken in order of decreasing weighted slope while they fit ("water
 * filling", optimal for the continuous part because the curves are concave). (2) Knapsack
 * repair: for each board whose switch-on step did not fit, try switching it on with watts
 * taken back from the cheapest others (top segments first, or switching a board off), refill,
 * and keep the result if the total is higher. (3) Whatever budget is left is filled again in
 * slope order. Sorting is O(s log s) in segments, the repair O(n² · s) at worst; stateless and
 * thread safe.
 */
public final class Allocator {

    /** Per-board segment ladder: segment k spans [lo[k], hi[k]] W with weighted slope slope[k]. */
    private record Ladder(double[] lo, double[] hi, double[] slope) {
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
    }

    /**
     * @param boards  the boards and their work
     * @param budgetW watts available to all boards together (≥ 0)
     */
    public Allocation allocate(List<BoardDemand> boards, double budgetW) {
        int n = boards.size();
        Ladder[] ladders = new Ladder[n];
        int segments = 0;
        boolean anyWork = false;
        for (int i = 0; i < n; i++) {
            BoardDemand b = boards.get(i);
            anyWork |= b.weight() > 0;
            if (b.weight() > 0 && b.limitCapW() >= b.minCapW()) {
                ladders[i] = ladder(b);
                segments += ladders[i].lo().length;
            }
        }
        // All segments, by decreasing slope; ties keep a board's segments in order.
        long[] order = new long[segments];
        double[] keySlope = new double[segments];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (ladders[i] == null) {
                continue;
            }
            for (int k = 0; k < ladders[i].lo().length; k++) {
                order[m] = ((long) i << 16) | k;
                keySlope[m] = ladders[i].slope()[k];
                m++;
            }
        }
        Integer[] idx = new Integer[segments];
        for (int s = 0; s < segments; s++) {
            idx[s] = s;
        }
        Arrays.sort(idx, (a, c) -> {
            int bySlope = Double.compare(keySlope[c], keySlope[a]);
            return bySlope != 0 ? bySlope : Long.compare(order[a], order[c]);
        });

        double[] caps = new double[n];
        boolean[] skippedLump = new boolean[n]; // filled by take(); the repair looks at caps instead
        double remaining = Math.max(0, budgetW);
        // (1) water filling
        for (Integer s : idx) {
            int i = (int) (order[s] >>> 16);
            int k = (int) (order[s] & 0xFFFF);
            remaining -= take(ladders[i], caps, i, k, remaining, skippedLump);
        }
        // (2) knapsack repair: try switching on each board whose step did not fit, taking the
        // watts back from the cheapest others, refilling, and keeping the result if it is better.
        double best = value(boards, caps);
        for (Integer s : idx) {
            int i = (int) (order[s] >>> 16);
            if ((order[s] & 0xFFFF) != 0 || caps[i] > 0) {
                continue;
            }
            double[] trial = caps.clone();
            double trialRemaining = remaining;
            double needW = ladders[i].hi()[0] - trialRemaining;
            if (needW > 0) {
                double before = sum(trial);
                if (!reclaim(ladders, trial, needW, i)) {
                    continue;
                }
                trialRemaining += before - sum(trial);
            }
            trial[i] = ladders[i].hi()[0];
            trialRemaining -= trial[i];
            trialRemaining = refill(ladders, idx, order, trial, trialRemaining);
            double v = value(boards, trial);
            if (v > best + 1e-12) {
                best = v;
                caps = trial;
                remaining = trialRemaining;
            }
        }
        // (3) refill what is left
        remaining = refill(ladders, idx, order, caps, remaining);
        // Budget-bound when a board with work is below its limit; the water level is the best
        // weighted throughput per watt still on offer at the margin.
        boolean budgetBound = false;
        double lambda = 0;
        for (int i = 0; i < n; i++) {
            Ladder l = ladders[i];
            if (l == null) {
                continue;
            }
            double top = l.hi()[l.hi().length - 1];
            if (caps[i] < top - 1e-9) {
                budgetBound = true;
                lambda = Math.max(lambda, caps[i] <= 0 ? l.slope()[0] : l.slope()[l.segmentAbove(caps[i])]);
            }
        }
        Map<String, Double> result = new HashMap<>(n * 2);
        double total = 0;
        double value = 0;
        for (int i = 0; i < n; i++) {
            BoardDemand b = boards.get(i);
            result.put(b.boardId(), caps[i]);
            total += caps[i];
            value += b.valueAt(caps[i]);
        }
        Allocation.Binding binding = !anyWork ? Allocation.Binding.NO_WORK
                : budgetBound ? Allocation.Binding.POWER : Allocation.Binding.BOARD_LIMITS;
        return new Allocation(result, total, value, binding == Allocation.Binding.POWER ? lambda : 0, binding);
    }

    private static Ladder ladder(BoardDemand b) {
        double limitW = Math.min(b.limitCapW(), b.maxCapW());
        double[] lo = new double[b.curve().points().size() + 1];
        double[] hi = new double[lo.length];
        double[] slope = new double[lo.length];
        lo[0] = 0;
        hi[0] = b.minCapW();
        slope[0] = b.valueAt(b.minCapW()) / b.minCapW();
        int k = 1;
        double prevW = b.minCapW();
        for (double bp : b.curve().breakpointsAbove(b.minCapW() / b.maxCapW())) {
            double w = Math.min(bp * b.maxCapW(), limitW);
            if (w > prevW + 1e-9) {
                lo[k] = prevW;
                hi[k] = w;
                // Concavity makes slopes non-increasing along a board; rounding (or a minimum cap
                // below the first breakpoint, on the origin's line) must not reorder them.
                slope[k] = Math.min((b.valueAt(w) - b.valueAt(prevW)) / (w - prevW), slope[k - 1]);
                prevW = w;
                k++;
            }
            if (w >= limitW) {
                break;
            }
        }
        return new Ladder(Arrays.copyOf(lo, k), Arrays.copyOf(hi, k), Arrays.copyOf(slope, k));
    }

    /** Takes segment k of board i if it is next and fits (partially for continuous segments); returns watts taken. */
    private static double take(Ladder l, double[] caps, int i, int k, double remaining, boolean[] skippedLump) {
        if (k == 0) {
            if (l.hi()[0] <= remaining + 1e-9) {
                caps[i] = l.hi()[0];
                return l.hi()[0];
            }
            skippedLump[i] = true;
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
     * Takes at least {@code needW} back from boards other than {@code except}, cheapest watts
     * first: a board's top continuous segment, or switching off a board at its minimum.
     * Returns false if that many watts can't be found. Works on {@code caps} in place.
     */
    private static boolean reclaim(Ladder[] ladders, double[] caps, double needW, int except) {
        double need = needW;
        while (need > 1e-9) {
            int best = -1;
            double bestSlope = Double.POSITIVE_INFINITY;
            for (int i = 0; i < caps.length; i++) {
                if (ladders[i] == null || caps[i] <= 0 || i == except) {
                    continue;
                }
                double slope = ladders[i].slope()[ladders[i].segmentBelow(caps[i])];
                if (slope < bestSlope) {
                    bestSlope = slope;
                    best = i;
                }
            }
            if (best < 0) {
                return false;
            }
            Ladder l = ladders[best];
            int k = l.segmentBelow(caps[best]);
            double w = k == 0 ? caps[best] : Math.min(need, caps[best] - l.lo()[k]);
            caps[best] -= w;
            need -= w;
        }
        return true;
    }

    /** Fills continuous segments of boards that are on, in slope order, with what is left; returns the rest. */
    private static double refill(Ladder[] ladders, Integer[] idx, long[] order, double[] caps, double remaining) {
        for (Integer s : idx) {
            if (remaining <= 1e-9) {
                break;
            }
            int i = (int) (order[s] >>> 16);
            int k = (int) (order[s] & 0xFFFF);
            Ladder l = ladders[i];
            if (k == 0 || caps[i] <= 0 || caps[i] >= l.hi()[k] - 1e-9 || caps[i] < l.lo()[k] - 1e-9) {
                continue;
            }
            double take = Math.min(l.hi()[k] - caps[i], remaining);
            caps[i] += take;
            remaining -= take;
        }
        return remaining;
    }

    private static double value(List<BoardDemand> boards, double[] caps) {
        double v = 0;
        for (int i = 0; i < caps.length; i++) {
            v += boards.get(i).valueAt(caps[i]);
        }
        return v;
    }

    private static double sum(double[] xs) {
        double t = 0;
        for (double x : xs) {
            t += x;
        }
        return t;
    }
}
