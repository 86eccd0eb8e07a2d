package io.sunsync.sim.truth;

import io.sunsync.hal.time.Seconds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Detects limit crossings as sign changes of a switching function g = value − limit (or
 * limit − value where low values are bad), per channel, and keeps each episode as a
 * {@link Violation}. Holds at most {@link #MAX_EPISODES} closed episodes; counts are always
 * complete. Owned by one satellite model; confined to its thread.
 */
public final class ViolationMonitor {
    /** Closed episodes kept; later ones are counted but not stored. */
    public static final int MAX_EPISODES = 10_000;

    private final Instant epoch;
    private final List<ViolationKind> kinds = new ArrayList<>();
    private final List<String> devices = new ArrayList<>();
    private double[] limit = new double[16];
    private boolean[] highIsBad = new boolean[16];
    private boolean[] active = new boolean[16];
    private double[] startS = new double[16];
    private double[] worst = new double[16];
    private final List<Violation> closed = new ArrayList<>();
    private final Map<ViolationKind, Integer> counts = new EnumMap<>(ViolationKind.class);
    private final Map<ViolationKind, Double> seconds = new EnumMap<>(ViolationKind.class);
    private int dropped;

    /** @param epoch mission time at t = 0 s */
    public ViolationMonitor(Instant epoch) {
        this.epoch = epoch;
    }

    /**
     * Adds a channel and returns its number.
     *
     * @param highIsBad true when values above the limit violate it, false when values below do
     */
    public int channel(ViolationKind kind, String device, double limitValue, boolean highIsBad) {
        int ch = kinds.size();
        if (ch == limit.length) {
            int n = ch * 2;
            limit = java.util.Arrays.copyOf(limit, n);
            this.highIsBad = java.util.Arrays.copyOf(this.highIsBad, n);
            active = java.util.Arrays.copyOf(active, n);
            startS = java.util.Arrays.copyOf(startS, n);
            worst = java.util.Arrays.copyOf(worst, n);
        }
        kinds.add(kind);
        devices.add(device);
        limit[ch] = limitValue;
        this.highIsBad[ch] = highIsBad;
        return ch;
    }

    /**
     * Observes channel {@code ch} over the step [tS, tS + dtS): opens an episode when the
     * value crosses its limit, extends it while it stays across, closes it when it returns.
     */
    public void observe(int ch, double value, double tS, double dtS) {
        boolean bad = highIsBad[ch] ? value > limit[ch] : value < limit[ch];
        if (bad) {
            if (!active[ch]) {
                active[ch] = true;
                startS[ch] = tS;
                worst[ch] = value;
                counts.merge(kinds.get(ch), 1, Integer::sum);
            } else if (highIsBad[ch] ? value > worst[ch] : value < worst[ch]) {
                worst[ch] = value;
            }
            seconds.merge(kinds.get(ch), dtS, Double::sum);
        } else if (active[ch]) {
            active[ch] = false;
            if (closed.size() < MAX_EPISODES) {
                closed.add(episode(ch, tS));
            } else {
                dropped++;
            }
        }
    }

    /** True while channel {@code ch} is in violation (lets hot loops skip {@link #observe} when far from it). */
    public boolean active(int ch) {
        return active[ch];
    }

    /** Records a one-step event (e.g. a thermal shutdown) as an episode of zero length. */
    public void event(ViolationKind kind, String device, double tS, double value, double limitValue) {
        counts.merge(kind, 1, Integer::sum);
        if (closed.size() < MAX_EPISODES) {
            Instant at = at(tS);
            closed.add(new Violation(kind, device, at, at, 0.0, value, limitValue));
        } else {
            dropped++;
        }
    }

    private Violation episode(int ch, double endS) {
        return new Violation(kinds.get(ch), devices.get(ch), at(startS[ch]), at(endS), endS - startS[ch], worst[ch],
                limit[ch]);
    }

    private Instant at(double s) {
        return epoch.plus(Seconds.of(s));
    }

    /** Every episode so far, closed ones first, then those still going on (end null) at {@code nowS}. */
    public List<Violation> violations(double nowS) {
        List<Violation> all = new ArrayList<>(closed);
        for (int ch = 0; ch < kinds.size(); ch++) {
            if (active[ch]) {
                Violation v = episode(ch, nowS);
                all.add(new Violation(v.kind(), v.device(), v.start(), null, v.durationS(), v.worst(), v.limit()));
            }
        }
        return all;
    }

    /** Episodes per kind (complete even past {@link #MAX_EPISODES}). */
    public Map<ViolationKind, Integer> counts() {
        return Map.copyOf(counts);
    }

    /** Time in violation per kind, in s (summed over devices). */
    public Map<ViolationKind, Double> seconds() {
        return Map.copyOf(seconds);
    }

    /** Episodes counted but not stored. */
    public int dropped() {
        return dropped;
    }
}
