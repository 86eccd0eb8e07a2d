package io.sunsync.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole simulated satellite, stepped on virtual time at a fixed step. Owns every piece of
 * simulated state; the {@code Sim*} devices are views onto it.
 *
 * <p>Threading: confined to the flight scheduler thread, which advances it through
 * {@link SimTimeSource}.
 */
public final class SimSatellite {
    /** Earth's gravitational parameter, m³/s². */
    static final double MU_EARTH = 3.986004418e14;
    /** Earth's equatorial radius, m. */
    static final double R_EARTH = 6_378_137.0;

    private static final double STEP_S = 1.0;

    private final SimSettings settings;
    private final double periodS;
    private final double ratedArrayW = 100_000;
    private final double batteryCapacityWh = 20_000;
    private final double housekeepingW = 3_000;
    private final List<SimBoardState> boards = new ArrayList<>();

    private Instant now;
    private double batteryEnergyWh;
    private double arrayPowerW;
    private double batteryPowerW;
    private double loadPowerW;

    /** Creates the satellite at the settings' epoch with the battery at 80 %. */
    public SimSatellite(SimSettings settings) {
        this.settings = settings;
        double a = R_EARTH + settings.altitudeKm() * 1000.0;
        this.periodS = 2 * Math.PI * Math.sqrt(a * a * a / MU_EARTH);
        this.now = settings.epoch();
        this.batteryEnergyWh = 0.8 * batteryCapacityWh;
        for (int i = 0; i < settings.boards(); i++) {
            boards.add(new SimBoardState("board-" + String.format("%02d", i), i));
        }
        computeFlows();
    }

    /** Mission time of the model. */
    public Instant now() {
        return now;
    }

    /** The settings the model was built from. */
    public SimSettings settings() {
        return settings;
    }

    /** Orbital period, in s. */
    public double periodS() {
        return periodS;
    }

    /** Steps the model until its time reaches {@code target}. */
    public void advanceTo(Instant target) {
        while (now.isBefore(target)) {
            double dt = Math.min(STEP_S, Duration.between(now, target).toNanos() / 1e9);
            step(dt);
            now = now.plusNanos((long) (dt * 1e9));
        }
    }

    private void step(double dtS) {
        computeFlows();
        batteryEnergyWh = Math.max(0, Math.min(batteryCapacityWh, batteryEnergyWh + batteryPowerW * dtS / 3600.0));
        for (SimBoardState b : boards) {
            b.accumulate(dtS);
        }
    }

    private void computeFlows() {
        double load = housekeepingW;
        for (SimBoardState b : boards) {
            load += b.powerW();
        }
        loadPowerW = load;
        double available = arrayAvailableW();
        double net = available - load;
        if (net >= 0) {
            double room = (batteryCapacityWh - batteryEnergyWh) * 3600.0;
            double charge = Math.min(net, Math.min(10_000, room));
            batteryPowerW = charge;
            arrayPowerW = load + charge;
        } else {
            batteryPowerW = batteryEnergyWh > 0 ? net : 0;
            arrayPowerW = available;
        }
    }

    /** True when the array sees the Sun: the last {@code eclipseMin} of each orbit are in shadow. */
    public boolean sunlit() {
        double phaseS = Duration.between(settings.epoch(), now).toMillis() / 1000.0 % periodS;
        return phaseS < periodS - settings.eclipseMin() * 60.0;
    }

    double arrayAvailableW() {
        return sunlit() ? ratedArrayW : 0.0;
    }

    double arrayPowerW() {
        return arrayPowerW;
    }

    double batteryPowerW() {
        return batteryPowerW;
    }

    double loadPowerW() {
        return loadPowerW;
    }

    double batteryEnergyWh() {
        return batteryEnergyWh;
    }

    double batteryCapacityWh() {
        return batteryCapacityWh;
    }

    double ratedArrayW() {
        return ratedArrayW;
    }

    List<SimBoardState> boards() {
        return boards;
    }
}
