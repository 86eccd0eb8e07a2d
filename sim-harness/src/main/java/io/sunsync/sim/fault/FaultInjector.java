package io.sunsync.sim.fault;

import io.sunsync.sim.scenario.Scenario;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Injects a scenario's faults into the model: the scripted ones at their times, and random
 * ones from Poisson processes drawn from the seed (upsets thinned by the radiation
 * environment along the orbit; sensor faults; pump, string and cell losses; link outages).
 * Each process has its own generator split from the seed, so one process's draws never shift
 * another's: the same seed gives the same faults, bit for bit, whatever the controller does.
 *
 * <p>Owned by one {@code SimSatellite}; confined to its thread.
 */
public final class FaultInjector {
    private static final double DAY_S = 86_400.0;
    private static final double YEAR_S = 365.25 * DAY_S;

    private final Scenario scenario;
    private final FaultTarget target;
    private final SensorFaults sensors;
    private final LinkOutages link;
    private final List<Scenario.Fault> scripted;
    private final RadiationEnvironment radiation;
    private final SplittableRandom upsetRng;
    private final SplittableRandom sensorRng;
    private final SplittableRandom pumpRng;
    private final SplittableRandom stringRng;
    private final SplittableRandom cellRng;
    private final SplittableRandom linkRng;
    private final List<String> sensorKeys;
    private int nextScripted;
    private double upsetFactor = 1.0;
    private double upsetFactorUntilS = Double.POSITIVE_INFINITY;
    private double nextUpsetS;
    private double nextSensorS;
    private double nextPumpS;
    private double nextStringS;
    private double nextCellS;
    private double nextLinkS;
    private long upsets;
    private long faultsInjected;

    public FaultInjector(Scenario scenario, FaultTarget target, SensorFaults sensors, LinkOutages link) {
        this.scenario = scenario;
        this.target = target;
        this.sensors = sensors;
        this.link = link;
        this.scripted = new ArrayList<>(scenario.faults());
        this.scripted.sort(Comparator.comparingDouble(Scenario.Fault::atS));
        this.radiation = RadiationEnvironment.of(scenario.radiation());
        SplittableRandom root = new SplittableRandom(scenario.seed());
        upsetRng = root.split();
        sensorRng = root.split();
        pumpRng = root.split();
        stringRng = root.split();
        cellRng = root.split();
        linkRng = root.split();
        sensorKeys = Scenario.sensorKeys(target.boardCount(), target.loopCount());
        Scenario.RandomFaults rf = scenario.randomFaults();
        nextUpsetS = next(upsetRng, 0, maxUpsetRatePerS());
        nextSensorS = next(sensorRng, 0, rf.sensorFaultsPerDay() / DAY_S);
        nextPumpS = next(pumpRng, 0, rf.pumpFailuresPerYear() * target.loopCount() / YEAR_S);
        nextStringS = next(stringRng, 0, rf.stringLossesPerYear() / YEAR_S);
        nextCellS = next(cellRng, 0, rf.cellLossesPerYear() / YEAR_S);
        nextLinkS = next(linkRng, 0, rf.linkOutagesPerDay() / DAY_S);
    }

    private double maxUpsetRatePerS() {
        return target.boardCount() * scenario.radiation().upsetsPerBoardDay() / DAY_S * radiation.maxFactor()
                * upsetFactor;
    }

    private static double next(SplittableRandom rng, double fromS, double ratePerS) {
        if (!(ratePerS > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        return fromS - Math.log(1.0 - rng.nextDouble()) / ratePerS;
    }

    /** The earliest time any fault is due, in s after the start (infinite when none). */
    public double nextDueS() {
        double t = nextScripted < scripted.size() ? scripted.get(nextScripted).atS() : Double.POSITIVE_INFINITY;
        t = Math.min(t, Math.min(nextUpsetS, Math.min(nextSensorS, Math.min(nextPumpS, Math.min(nextStringS,
                Math.min(nextCellS, nextLinkS))))));
        return Math.min(t, upsetFactorUntilS);
    }

    /**
     * The earliest time a fault that moves the power balance at once is due (an array string or a
     * battery cell string lost), in s after the start (infinite when none). For step-size control.
     */
    public double nextPowerFaultDueS() {
        double t = Math.min(nextStringS, nextCellS);
        for (int i = nextScripted; i < scripted.size(); i++) {
            Scenario.Fault f = scripted.get(i);
            if (f.atS() >= t) {
                break;
            }
            if (f.kind() == FaultKind.STRING_LOSS || f.kind() == FaultKind.BATTERY_CELL_LOSS) {
                return f.atS();
            }
        }
        return t;
    }

    /** Applies every fault due before {@code untilS}, in time order within each process. */
    public void applyDue(double untilS) {
        while (nextDueS() < untilS) {
            applyOne(untilS);
        }
    }

    private void applyOne(double untilS) {
        if (upsetFactorUntilS < untilS && upsetFactorUntilS <= nextUpsetS) {
            // A particle event ends: back to the quiet rate (memoryless: redraw the next upset).
            double end = upsetFactorUntilS;
            upsetFactor = 1.0;
            upsetFactorUntilS = Double.POSITIVE_INFINITY;
            nextUpsetS = next(upsetRng, end, maxUpsetRatePerS());
            return;
        }
        if (nextScripted < scripted.size() && scripted.get(nextScripted).atS() < untilS
                && scripted.get(nextScripted).atS() <= nextUpsetS) {
            apply(scripted.get(nextScripted++));
            return;
        }
        if (nextUpsetS < untilS) {
            double t = nextUpsetS;
            double maxRate = maxUpsetRatePerS();
            // Thinning: accept a candidate with probability (local rate / the bound used to draw it).
            if (upsetRng.nextDouble() * radiation.maxFactor() < target.radiationFactor(t)) {
                int board = upsetRng.nextInt(Math.max(1, target.boardCount()));
                boolean hang = upsetRng.nextDouble() < scenario.radiation().hangFraction();
                if (target.boardCount() > 0) {
                    upsets++;
                    target.upset(board, hang, t);
                }
            }
            nextUpsetS = next(upsetRng, t, maxRate);
            return;
        }
        Scenario.RandomFaults rf = scenario.randomFaults();
        if (nextSensorS < untilS) {
            double t = nextSensorS;
            String key = sensorKeys.get(sensorRng.nextInt(sensorKeys.size()));
            FaultKind kind = List.of(FaultKind.SENSOR_NAN, FaultKind.SENSOR_STUCK, FaultKind.SENSOR_NOISE,
                    FaultKind.SENSOR_OUT_OF_RANGE).get(sensorRng.nextInt(4));
            double value = kind == FaultKind.SENSOR_NOISE ? SensorFaults.typicalNoise(key)
                    : kind == FaultKind.SENSOR_OUT_OF_RANGE ? SensorFaults.impossibleValue(key) : Double.NaN;
            startSensor(key, kind, t, rf.sensorFaultDurationS(), value);
            nextSensorS = next(sensorRng, t, rf.sensorFaultsPerDay() / DAY_S);
            return;
        }
        if (nextPumpS < untilS) {
            double t = nextPumpS;
            faultsInjected++;
            target.failPump(pumpRng.nextInt(target.loopCount()), t);
            nextPumpS = next(pumpRng, t, rf.pumpFailuresPerYear() * target.loopCount() / YEAR_S);
            return;
        }
        if (nextStringS < untilS) {
            double t = nextStringS;
            faultsInjected++;
            target.loseStrings(1, t);
            nextStringS = next(stringRng, t, rf.stringLossesPerYear() / YEAR_S);
            return;
        }
        if (nextCellS < untilS) {
            double t = nextCellS;
            faultsInjected++;
            target.loseCellStrings(1, t);
            nextCellS = next(cellRng, t, rf.cellLossesPerYear() / YEAR_S);
            return;
        }
        if (nextLinkS < untilS) {
            double t = nextLinkS;
            faultsInjected++;
            link.add(t, -Math.log(1.0 - linkRng.nextDouble()) * rf.linkOutageMeanS());
            nextLinkS = next(linkRng, t, rf.linkOutagesPerDay() / DAY_S);
        }
    }

    private void apply(Scenario.Fault f) {
        double t = f.atS();
        faultsInjected++;
        int boards = target.boardCount();
        switch (f.kind()) {
            case BOARD_HANG -> target.upset(Scenario.boardIndex(f.target(), boards), true, t);
            case BOARD_ECC_ERROR -> target.upset(Scenario.boardIndex(f.target(), boards), false, t);
            case BOARD_FAILURE -> target.failBoard(Scenario.boardIndex(f.target(), boards), t);
            case PUMP_FAILURE -> target.failPump(Scenario.loopIndex(f.target(), target.loopCount()), t);
            case STRING_LOSS -> target.loseStrings(f.count(), t);
            case BATTERY_CELL_LOSS -> target.loseCellStrings(f.count(), t);
            case SENSOR_NAN, SENSOR_STUCK, SENSOR_NOISE, SENSOR_OUT_OF_RANGE ->
                    startSensor(f.target(), f.kind(), t, f.durationS(), f.value());
            case LINK_OUTAGE -> link.add(t, f.durationS());
            case SOLAR_PARTICLE_EVENT -> {
                upsetFactor = f.value();
                upsetFactorUntilS = t + f.durationS();
                nextUpsetS = next(upsetRng, t, maxUpsetRatePerS());
            }
            default -> throw new IllegalStateException("unhandled fault kind " + f.kind());
        }
    }

    private void startSensor(String key, FaultKind kind, double tS, double durationS, double value) {
        faultsInjected++;
        double v = kind == FaultKind.SENSOR_STUCK ? target.sensorTruth(key) : value;
        sensors.start(key, kind, tS, durationS, v);
    }

    /** The upset-rate factor of a solar particle event in force now (1 when there is none). */
    public double upsetFactor() {
        return upsetFactor;
    }

    /** Upsets that hit a board so far. */
    public long upsets() {
        return upsets;
    }

    /** Scripted and random faults (other than upsets) injected so far. */
    public long faultsInjected() {
        return faultsInjected;
    }
}
