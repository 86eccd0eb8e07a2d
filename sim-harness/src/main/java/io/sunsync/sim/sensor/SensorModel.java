package io.sunsync.sim.sensor;

import io.sunsync.sim.scenario.Scenario;
import io.sunsync.sim.scenario.Sensors;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What a healthy sensor reads when the truth is {@code x}: {@code x·(1 + gain) + offset + noise},
 * rounded to the sensor's resolution. The gain and offset are fixed per sensor, drawn once from
 * (seed, sensor key) and clipped to ±2.5σ; the noise is white, drawn from a generator seeded by
 * (seed, sensor key, time), so a reading does not depend on how often sensors are read. The
 * figures per kind of sensor, and their sources, are in {@code docs/sim-harness.md#sensors}:
 *
 * <table>
 * <caption>Error model per kind of sensor (σ of the noise and of the drawn bias)</caption>
 * <tr><th>sensor</th><th>noise σ</th><th>gain σ</th><th>offset σ</th><th>resolution</th></tr>
 * <tr><td>array, load power (PCDU current transducers)</td><td>0.2 % + 20 W</td><td>0.5 %</td><td>—</td><td>—</td></tr>
 * <tr><td>battery power</td><td>0.2 % + 20 W</td><td>0.5 %</td><td>40 W</td><td>—</td></tr>
 * <tr><td>bus voltage</td><td>0.05 V</td><td>0.2 %</td><td>—</td><td>—</td></tr>
 * <tr><td>cold plate, radiator temperature (PRT)</td><td>0.1 K</td><td>—</td><td>0.5 K</td><td>—</td></tr>
 * <tr><td>loop flow</td><td>1 %</td><td>2 %</td><td>—</td><td>—</td></tr>
 * <tr><td>board power (NVML)</td><td>0.5 %</td><td>2 % (±5 %)</td><td>—</td><td>1 mW</td></tr>
 * <tr><td>board temperature (NVML)</td><td>0.3 K</td><td>—</td><td>1 K</td><td>1 °C</td></tr>
 * </table>
 * The battery gauge's readings (energy, state of charge) are read exactly here: a gauge's
 * error is its own state ({@link BatteryGauge}, counting through its own current-sense path
 * {@link #GAUGE_KEY}: gain σ 0.5 %, offset σ 10 W), not noise on a reading.
 *
 * <p>Owned by one satellite model; confined to its thread (called with the model's lock held).
 */
public final class SensorModel {
    /** How far out a drawn bias may lie, in its σ. */
    static final double BIAS_CLIP_SIGMA = 2.5;

    /** Error model of one kind of sensor. */
    record Kind(double noiseRel, double noiseAbs, double gainSigma, double gainLimit, double offsetSigma,
                double resolution) {
    }

    static final Kind PCDU_POWER = new Kind(0.002, 20, 0.005, Double.NaN, 0, 0);
    static final Kind BATTERY_POWER = new Kind(0.002, 20, 0.005, Double.NaN, 40, 0);
    static final Kind BUS_VOLTAGE = new Kind(0, 0.05, 0.002, Double.NaN, 0, 0);
    static final Kind PRT = new Kind(0, 0.1, 0, Double.NaN, 0.5, 0);
    static final Kind FLOW = new Kind(0.01, 0, 0.02, Double.NaN, 0, 0);
    static final Kind BOARD_POWER = new Kind(0.005, 0, 0.02, 0.05, 0, 0.001);
    static final Kind BOARD_TEMP = new Kind(0, 0.3, 0, Double.NaN, 1.0, 1.0);
    static final Kind EXACT = new Kind(0, 0, 0, Double.NaN, 0, 0);
    static final Kind GAUGE = new Kind(0, 0, 0.005, Double.NaN, 10, 0);

    /** The battery gauge's own current-sense path (not a reading: {@link BatteryGauge} counts with its errors). */
    public static final String GAUGE_KEY = "battery.gauge";

    /** One sensor's fixed errors. */
    private record Channel(Kind kind, double gain, double offset) {
    }

    private final long seed;
    private final boolean noise;
    private final boolean bias;
    private final Map<String, Double> gainOverride;
    private final boolean perfect;
    private final Map<String, Channel> channels = new HashMap<>();

    /** The sensors of a satellite run with {@code seed}, as {@code config} describes them. */
    public SensorModel(long seed, Sensors config) {
        this.seed = seed;
        this.noise = config.noise();
        this.bias = config.bias();
        this.gainOverride = config.gainPct();
        this.perfect = config.perfect();
    }

    /** True when every reading is the truth. */
    public boolean perfect() {
        return perfect;
    }

    /**
     * What sensor {@code key} reads at {@code tS} (s after the start) when the truth is {@code truth}.
     * NaN stays NaN.
     */
    public double read(String key, double truth, double tS) {
        if (perfect || Double.isNaN(truth)) {
            return truth;
        }
        Channel c = channels.computeIfAbsent(key, this::channel);
        Kind k = c.kind();
        double v = truth * (1 + c.gain()) + c.offset();
        if (noise) {
            double sigma = k.noiseAbs() + k.noiseRel() * Math.abs(truth);
            if (sigma > 0) {
                v += sigma * new SplittableRandom(mix(key, Double.doubleToLongBits(tS))).nextGaussian();
            }
            if (k.resolution() > 0) {
                v = Math.rint(v / k.resolution()) * k.resolution();
            }
        }
        return v;
    }

    /** The fixed gain error of sensor {@code key} (a fraction: −0.03 reads 3 % low). */
    public double gain(String key) {
        return perfect ? 0 : channels.computeIfAbsent(key, this::channel).gain();
    }

    /** The fixed offset error of sensor {@code key}, in its unit. */
    public double offset(String key) {
        return perfect ? 0 : channels.computeIfAbsent(key, this::channel).offset();
    }

    private Channel channel(String key) {
        Kind k = kindOf(key);
        SplittableRandom r = new SplittableRandom(mix(key, 0x5EED_B1A5L));
        double gain = bias ? clip(r.nextGaussian(), k.gainSigma(), k.gainLimit()) : 0;
        double offset = bias ? clip(r.nextGaussian(), k.offsetSigma(), Double.NaN) : 0;
        Double override = gainOverride.get(key);
        if (override != null) {
            gain = override / 100.0;
        }
        return new Channel(k, gain, offset);
    }

    private static double clip(double z, double sigma, double limit) {
        double v = Math.max(-BIAS_CLIP_SIGMA, Math.min(BIAS_CLIP_SIGMA, z)) * sigma;
        return Double.isNaN(limit) ? v : Math.max(-limit, Math.min(limit, v));
    }

    /** The kind of sensor behind {@code key} (see {@link Scenario#sensorKeys}). */
    static Kind kindOf(String key) {
        switch (key) {
            case "power.arrayAvailableW", "power.arrayPowerW", "power.loadPowerW" -> {
                return PCDU_POWER;
            }
            case "power.batteryPowerW" -> {
                return BATTERY_POWER;
            }
            case "power.busVoltageV" -> {
                return BUS_VOLTAGE;
            }
            case "power.batteryEnergyWh", "power.batterySocPct" -> {
                return EXACT;
            }
            case GAUGE_KEY -> {
                return GAUGE;
            }
            default -> {
            }
        }
        if (key.startsWith("thermal.")) {
            return key.endsWith(".flowLpm") ? FLOW : PRT;
        }
        if (key.endsWith(".powerW")) {
            return BOARD_POWER;
        }
        if (key.endsWith(".tempC")) {
            return BOARD_TEMP;
        }
        throw new IllegalArgumentException("unknown sensor key " + key);
    }

    private long mix(String key, long salt) {
        // A different constant from the sensor faults' noise, so the two draws are independent.
        return (seed * 0xD6E8FEB86659FD93L) ^ (key.hashCode() * 0x9FB21C651E98DF25L) ^ (salt * 0xC2B2AE3D27D4EB4FL);
    }
}
