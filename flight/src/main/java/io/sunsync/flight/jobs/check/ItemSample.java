package io.sunsync.flight.jobs.check;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Which of a job's work items are computed again: stratified by the board that computed them, so
 * every board of the job has at least one of its items checked (and so can be blamed), and
 * {@code fraction} of each board's items on average (the fractional part rounded up or down at
 * random, so the compute spent on checking is the fraction, not more). Item {@code i} of a job on
 * {@code k} boards was computed by board {@code i mod k}. The draw is deterministic in its seed (a
 * job and its attempt), so a restart samples the same items. Stateless.
 */
final class ItemSample {
    private ItemSample() {
    }

    /**
     * @param items    the job's items, &gt;= 1
     * @param boards   boards the attempt ran on, &gt;= 1
     * @param fraction of each board's items to draw, (0, 1]
     * @param seed     generator seed
     * @return the items drawn, ascending
     */
    static List<Integer> choose(int items, int boards, double fraction, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Integer> out = new ArrayList<>();
        for (int b = 0; b < boards && b < items; b++) {
            int n = (items - b + boards - 1) / boards; // items b, b + k, b + 2k, ... below `items`
            double want = fraction * n;
            int whole = (int) Math.floor(want);
            int m = Math.min(n, Math.max(1, whole + (r.nextDouble() < want - whole ? 1 : 0)));
            int[] pick = new int[n];
            for (int j = 0; j < n; j++) {
                pick[j] = j;
            }
            for (int j = 0; j < m; j++) { // partial Fisher-Yates: m of n without replacement
                int swap = j + r.nextInt(n - j);
                int t = pick[j];
                pick[j] = pick[swap];
                pick[swap] = t;
                out.add(b + pick[j] * boards);
            }
        }
        out.sort(null);
        return List.copyOf(out);
    }

    /** A seed for job {@code jobId}'s attempt {@code attempt}. */
    static long seed(String jobId, int attempt) {
        long h = 1125899906842597L;
        for (int i = 0; i < jobId.length(); i++) {
            h = 31 * h + jobId.charAt(i);
        }
        return h * 0x9E3779B97F4A7C15L + attempt;
    }
}
