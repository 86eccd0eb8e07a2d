package io.sunsync.sim.fault;

import java.util.ArrayList;
import java.util.List;

/**
 * Ground-link outage windows, scripted or drawn, in seconds after the start. Owned by the
 * satellite model; confined to its thread ({@link #windows()} returns a copy).
 */
public final class LinkOutages {
    /** One outage window [startS, endS). */
    public record Window(double startS, double endS) {
    }

    private final List<Window> windows = new ArrayList<>();

    /** Adds an outage from {@code startS} lasting {@code durationS}. */
    public void add(double startS, double durationS) {
        windows.add(new Window(startS, startS + durationS));
    }

    /** True when the link is available at {@code tS}. */
    public boolean up(double tS) {
        for (Window w : windows) {
            if (tS >= w.startS() && tS < w.endS()) {
                return false;
            }
        }
        return true;
    }

    /** Every window so far. */
    public List<Window> windows() {
        return List.copyOf(windows);
    }
}
