package io.sunsync.sim;

/** The simulated state of one accelerator board. Owned by {@link SimSatellite}. */
final class SimBoardState {
    static final double MIN_CAP_W = 400;
    static final double MAX_CAP_W = 1000;
    static final double IDLE_W = 80;

    final String id;
    final int index;
    double capW = MAX_CAP_W;
    boolean enabled = true;
    double workUnits;

    SimBoardState(String id, int index) {
        this.id = id;
        this.index = index;
    }

    /** Power drawn: the cap when enabled (the synthetic workload always has work), 0 when off. */
    double powerW() {
        return enabled ? capW : 0.0;
    }

    /** Work per second at the current cap: concave in power, 1.0 at the maximum cap. */
    double throughput() {
        return enabled ? Math.pow(capW / MAX_CAP_W, 0.6) : 0.0;
    }

    double tempC() {
        return 25.0 + 0.045 * powerW();
    }

    void accumulate(double dtS) {
        workUnits += throughput() * dtS;
    }
}
