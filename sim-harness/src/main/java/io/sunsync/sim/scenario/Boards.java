package io.sunsync.sim.scenario;

import static io.sunsync.sim.scenario.Bounds.between;
import static io.sunsync.sim.scenario.Bounds.fraction;
import static io.sunsync.sim.scenario.Bounds.nonNegative;
import static io.sunsync.sim.scenario.Bounds.positive;

import io.sunsync.hal.config.ConfigException;
import java.util.List;

/**
 * The accelerator boards (all alike). Throughput is a concave function of board power
 * through {@code throughput}'s points, linear between them and from (idleW, 0) to the first.
 *
 * @param count                  number of boards (0..1024; default 96)
 * @param minCapW                lowest cap, in W (default 400: 40 %)
 * @param maxCapW                highest cap, in W (default 1000)
 * @param idleW                  power when powered but doing no work (hung, resetting), in W (default 80)
 * @param slowdownC              hardware thermal slowdown threshold, in °C (default 83)
 * @param shutdownC              hardware thermal shutdown threshold, in °C (default 92)
 * @param throttleFactor         fraction of the cap a slowed-down board draws (default 0.5)
 * @param thermalResistanceKPerW die to cold plate, in K/W (default 0.025)
 * @param heatCapacityJPerK      board heat capacity, in J/K (default 1500)
 * @param resetS                 reset duration, in s (default 30)
 * @param throughput             the throughput curve's points, ascending in power, the last at maxCapW
 *                               (default scaled from published H100 power-capping data)
 */
public record Boards(Integer count, Double minCapW, Double maxCapW, Double idleW, Double slowdownC,
                     Double shutdownC, Double throttleFactor, Double thermalResistanceKPerW,
                     Double heatCapacityJPerK, Double resetS, List<CurvePoint> throughput) {
    /** Default curve: 1 kW board, 857 W (the H100's 600/700 W) costs 10.4 %. */
    public static final List<CurvePoint> DEFAULT_CURVE = List.of(new CurvePoint(400, 0.43),
            new CurvePoint(500, 0.55), new CurvePoint(600, 0.66), new CurvePoint(700, 0.76),
            new CurvePoint(800, 0.85), new CurvePoint(900, 0.93), new CurvePoint(1000, 1.0));

    public Boards {
        count = count == null ? 96 : count;
        if (count < 0 || count > 1024) {
            throw new ConfigException("count", "must be in [0, 1024], was " + count);
        }
        minCapW = positive("minCapW", minCapW, 400.0);
        maxCapW = positive("maxCapW", maxCapW, 1000.0);
        if (maxCapW < minCapW) {
            throw new ConfigException("maxCapW", "must be >= minCapW");
        }
        idleW = nonNegative("idleW", idleW, 80.0);
        if (idleW >= minCapW) {
            throw new ConfigException("idleW", "must be below minCapW");
        }
        slowdownC = between("slowdownC", slowdownC, 83.0, 30, 150);
        shutdownC = between("shutdownC", shutdownC, 92.0, 30, 160);
        if (shutdownC <= slowdownC) {
            throw new ConfigException("shutdownC", "must exceed slowdownC");
        }
        throttleFactor = fraction("throttleFactor", throttleFactor, 0.5);
        thermalResistanceKPerW = positive("thermalResistanceKPerW", thermalResistanceKPerW, 0.025);
        heatCapacityJPerK = positive("heatCapacityJPerK", heatCapacityJPerK, 1500.0);
        resetS = nonNegative("resetS", resetS, 30.0);
        throughput = throughput == null ? DEFAULT_CURVE : List.copyOf(throughput);
        if (throughput == DEFAULT_CURVE && (minCapW != 400.0 || maxCapW != 1000.0)) {
            // Scale the default curve's powers to this board's cap range.
            double lo = minCapW;
            double hi = maxCapW;
            throughput = DEFAULT_CURVE.stream().map(p -> new CurvePoint(lo + (p.powerW() - 400) / 600 * (hi - lo),
                    p.relative())).toList();
        }
        try {
            new io.sunsync.sim.accel.ThroughputCurve(idleW, minCapW, maxCapW, throughput);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("throughput", e.getMessage());
        }
    }

    /** The throughput curve. */
    public io.sunsync.sim.accel.ThroughputCurve curve() {
        return new io.sunsync.sim.accel.ThroughputCurve(idleW, minCapW, maxCapW, throughput);
    }
}
