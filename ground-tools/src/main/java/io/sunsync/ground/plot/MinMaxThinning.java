package io.sunsync.ground.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * Thins a long time series for drawing: split its time span into {@code buckets} equal slices and
 * keep the lowest and the highest sample of each, so a short spike still shows however many
 * samples a pixel column covers. Used by the PNG plots and by the console's history charts.
 * Stateless.
 */
public final class MinMaxThinning {
    private MinMaxThinning() {
    }

    /**
     * The indexes of the samples to keep, ascending: every finite sample when there are at most
     * {@code 4 × buckets} of them, otherwise each slice's lowest and highest. Samples whose value
     * is not finite are never kept.
     *
     * @param t       sample times, ascending (any unit)
     * @param v       sample values, same length
     * @param buckets slices of the time span (at least 1)
     */
    public static int[] keep(double[] t, double[] v, int buckets) {
        if (t.length != v.length) {
            throw new IllegalArgumentException("times and values differ in length: " + t.length + " vs " + v.length);
        }
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be >= 1, was " + buckets);
        }
        List<Integer> finite = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            if (Double.isFinite(v[i])) {
                finite.add(i);
            }
        }
        if (finite.size() <= 4L * buckets) {
            return finite.stream().mapToInt(Integer::intValue).toArray();
        }
        double t0 = t[finite.get(0)];
        double span = Math.max(Double.MIN_NORMAL, t[finite.get(finite.size() - 1)] - t0);
        int[] lo = new int[buckets];
        int[] hi = new int[buckets];
        java.util.Arrays.fill(lo, -1);
        java.util.Arrays.fill(hi, -1);
        for (int i : finite) {
            int b = (int) Math.min(buckets - 1, (t[i] - t0) / span * buckets);
            if (lo[b] < 0 || v[i] < v[lo[b]]) {
                lo[b] = i;
            }
            if (hi[b] < 0 || v[i] > v[hi[b]]) {
                hi[b] = i;
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int b = 0; b < buckets; b++) {
            if (lo[b] >= 0) {
                out.add(Math.min(lo[b], hi[b]));
                if (hi[b] != lo[b]) {
                    out.add(Math.max(lo[b], hi[b]));
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
