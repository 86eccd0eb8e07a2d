package io.sunsync.sim;

import io.sunsync.hal.accel.BoardState;
import io.sunsync.hal.time.Seconds;
import io.sunsync.sim.accel.BoardBank;
import io.sunsync.sim.fault.CorruptionModel;
import io.sunsync.sim.fault.FaultInjector;
import io.sunsync.sim.fault.FaultTarget;
import io.sunsync.sim.fault.LinkOutages;
import io.sunsync.sim.fault.RadiationEnvironment;
import io.sunsync.sim.fault.Sensed;
import io.sunsync.sim.fault.SensorFaults;
import io.sunsync.sim.orbit.OrbitPoint;
import io.sunsync.sim.orbit.SunSynchronousOrbit;
import io.sunsync.sim.orbit.TruthOrbit;
import io.sunsync.sim.power.ElectricalPowerSystem;
import io.sunsync.sim.power.SolarArray;
import io.sunsync.sim.scenario.Scenario;
import io.sunsync.sim.sensor.BatteryGauge;
import io.sunsync.sim.sensor.SensorModel;
import io.sunsync.sim.thermal.ThermalNetwork;
import io.sunsync.sim.truth.Truth;
import io.sunsync.sim.truth.TruthLog;
import io.sunsync.sim.truth.TruthSample;
import io.sunsync.sim.truth.ViolationKind;
import io.sunsync.sim.truth.ViolationMonitor;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole simulated satellite, stepped on virtual time: orbit and Sun, solar array, battery
 * and bus, thermal loops and radiators, accelerator boards, faults. Owns every piece of
 * simulated state; the {@code Sim*} hal devices ({@link #power()}, {@link #thermal()},
 * {@link #boards()}) are views onto it, and {@link #truth()} is the record of what physically
 * happened.
 *
 * <p>Each step of {@code stepS} (shorter at the end of an {@link #advanceTo} call) applies the
 * faults due, places the satellite on its orbit, balances the bus (brown-out when the battery
 * cannot carry the load), then advances boards, loops and array temperature. Commands from the
 * device views come into force when the scenario's actuation says (at once when ideal: from the
 * next step), at their own instant within a step.
 *
 * <p>Threading: every public method is synchronized on this object, so the flight scheduler
 * (through {@link SimTimeSource}) and a HIL server's client threads may share one model.
 */
public final class SimSatellite implements FaultTarget, AutoCloseable {
    private static final double YEAR_S = 365.25 * 86_400.0;
    /** How often the environment of the silent-corruption model is sampled, in s of mission time. */
    private static final double CORRUPTION_ENV_S = 10.0;

    private final Scenario scenario;
    private final SunSynchronousOrbit orbit;
    private final TruthOrbit truthOrbit;
    private final SolarArray array;
    private final ElectricalPowerSystem eps;
    private final ThermalNetwork thermal;
    private final BoardBank boards;
    private final ViolationMonitor monitor;
    private final SensorFaults sensors;
    private final SensorModel sensorModel;
    private final BatteryGauge gauge;
    private final LinkOutages link = new LinkOutages();
    private final FaultInjector faults;
    private final RadiationEnvironment radiation;
    private final CorruptionModel corruption;
    private final double[] workScratch;
    private double nextCorruptionS;
    private final long startEpochNanos;
    private final long stepNanos;
    private final double housekeepingW;
    private final int floorChannel;
    private final int emptyChannel;
    private final int brownOutChannel;
    private final int collapseChannel;
    private final double[] heatJ;
    private final SimPowerSystem powerView;
    private final SimThermalControl thermalView;
    private final List<SimAcceleratorBoard> boardViews;
    private final java.util.Optional<io.sunsync.hal.accel.SafeStateGroup> safeStateGroup;
    private final long sampleNanos;
    private final List<TruthSample> samples = new ArrayList<>();
    private final int maxSamples;
    private final TruthLog log;
    private final boolean oracleOnClose;

    private long tNanos;
    private long nowNanos = -1;
    private Instant nowInstant;
    private long nextSampleNanos;
    private int stringsOnline;
    private int pumpsFailed;
    private int boardsFailed;
    private double arrayTempC;
    private OrbitPoint point;
    private boolean pointValid;
    private boolean lastSunlit;
    private double lastStepStartS;
    private long brownOuts;
    private double eclipseS;
    private double minSocPct;
    private double minLoopC = Double.POSITIVE_INFINITY;
    private double maxLoopC = Double.NEGATIVE_INFINITY;

    /** A model of {@code scenario} with no truth samples kept and no truth log. */
    public SimSatellite(Scenario scenario) {
        this(scenario, new Recording(0, 0, null));
    }

    /** Legacy entry point: the reference scenario with the settings' overrides. */
    public SimSatellite(SimSettings settings) {
        this(settings.apply(Scenario.reference()), new Recording(0, 0, null));
    }

    /**
     * What of the truth to record besides the totals.
     *
     * @param sampleS        truth sample period, in s (0: none)
     * @param maxSamples     samples kept in memory (older ones are still written to the log)
     * @param logFile        JSON-lines truth log, or null
     * @param oracleOnClose  on {@link #close()}, also write the oracle's bound for the time run to the log
     */
    public record Recording(double sampleS, int maxSamples, Path logFile, boolean oracleOnClose) {
        /** Recording without the oracle line. */
        public Recording(double sampleS, int maxSamples, Path logFile) {
            this(sampleS, maxSamples, logFile, false);
        }
    }

    /** A model of {@code scenario}, recording its truth as {@code recording} says. */
    public SimSatellite(Scenario scenario, Recording recording) {
        this.scenario = scenario;
        this.orbit = scenario.orbit().model();
        this.truthOrbit = scenario.truthOrbit();
        this.array = new SolarArray(scenario.array());
        this.monitor = new ViolationMonitor(scenario.start());
        this.eps = new ElectricalPowerSystem(scenario.battery(), scenario.bus().nominalV());
        this.thermal = new ThermalNetwork(scenario.thermal(), monitor);
        this.boards = new BoardBank(scenario.boards(), scenario.actuation(), scenario.thermal().loops(),
                scenario.thermal().initialTempC(), monitor);
        this.sensors = new SensorFaults(scenario.seed());
        this.sensorModel = new SensorModel(scenario.seed(), scenario.sensors());
        this.gauge = new BatteryGauge(scenario.sensors().gauge(), sensorModel, eps.capacityWh(), eps.energyWh());
        this.radiation = RadiationEnvironment.of(scenario.radiation());
        this.corruption = new CorruptionModel(scenario.radiation().silentCorruption(), boards.count(), scenario.seed());
        this.workScratch = new double[boards.count()];
        this.startEpochNanos = scenario.start().getEpochSecond() * 1_000_000_000L + scenario.start().getNano();
        this.stepNanos = Math.round(scenario.stepS() * 1e9);
        this.housekeepingW = scenario.bus().housekeepingW();
        this.stringsOnline = scenario.array().strings();
        this.arrayTempC = scenario.thermal().initialTempC();
        this.heatJ = new double[scenario.thermal().loops()];
        double floorPct = scenario.battery().floorPct();
        this.floorChannel = monitor.channel(ViolationKind.BATTERY_BELOW_FLOOR, "battery", floorPct, false);
        this.emptyChannel = monitor.channel(ViolationKind.BATTERY_EMPTY, "battery", 1e-9, false);
        this.brownOutChannel = monitor.channel(ViolationKind.BROWN_OUT, "bus", 0.5, true);
        this.collapseChannel = monitor.channel(ViolationKind.BUS_COLLAPSE, "bus", 0.0, true);
        this.minSocPct = eps.socPct();
        this.point = truthOrbit.at(0.0);
        this.pointValid = true;
        this.lastSunlit = point.sunlit();
        this.faults = new FaultInjector(scenario, this, sensors, link);
        this.powerView = new SimPowerSystem(this);
        this.thermalView = new SimThermalControl(this);
        List<SimAcceleratorBoard> views = new ArrayList<>();
        for (int i = 0; i < boards.count(); i++) {
            views.add(new SimAcceleratorBoard(this, i));
        }
        this.boardViews = List.copyOf(views);
        this.safeStateGroup = scenario.actuation().groupSafeState()
                ? java.util.Optional.of(new SimSafeStateGroup(this)) : java.util.Optional.empty();
        this.sampleNanos = recording.sampleS() > 0 ? Math.round(recording.sampleS() * 1e9) : 0;
        this.maxSamples = recording.maxSamples();
        this.log = recording.logFile() == null ? null : new TruthLog(recording.logFile());
        this.oracleOnClose = recording.oracleOnClose();
        if (log != null) {
            log.header(scenario);
        }
        if (sampleNanos > 0) {
            recordSample();
            nextSampleNanos = sampleNanos;
        }
    }

    // ------------------------------------------------------------------ time

    /** Mission time of the model. */
    public synchronized Instant now() {
        if (nowNanos != tNanos || nowInstant == null) {
            nowInstant = scenario.start().plusNanos(tNanos);
            nowNanos = tNanos;
        }
        return nowInstant;
    }

    /** Simulated time since the start, in s. */
    public synchronized double elapsedS() {
        return tNanos / 1e9;
    }

    /** Steps the model until its time reaches {@code target} (no-op if it already has). */
    public synchronized void advanceTo(Instant target) {
        long targetNanos = target.getEpochSecond() * 1_000_000_000L + target.getNano() - startEpochNanos;
        while (tNanos < targetNanos) {
            long dt = Math.min(stepNanos, targetNanos - tNanos);
            step(dt);
        }
    }

    /** Steps the model by {@code seconds}. */
    public synchronized void advanceBy(Duration d) {
        advanceTo(now().plus(d));
    }

    private void step(long dtNanos) {
        double tS = tNanos / 1e9;
        double dtS = dtNanos / 1e9;
        if (faults.nextDueS() < tS + dtS) {
            faults.applyDue(tS + dtS);
        }
        if (sensors.any()) {
            sensors.expire(tS);
        }
        double irradiance = truthOrbit.irradianceWm2(tS);
        boolean sunlit = irradiance > 0;
        pointValid = false;
        double ageYears = scenario.array().yearsInOrbit() + tS / YEAR_S;
        double availW = array.availableW(irradiance, arrayTempC, ageYears, stringsOnline);
        double essentialW = housekeepingW + thermal.electricalW();
        double boardsW = boards.demandW(tS, dtS);
        double storedBeforeWh = eps.energyWh();
        ElectricalPowerSystem.BusOutcome outcome = eps.step(dtS, availW, essentialW, boardsW);
        gauge.step(dtS, eps.energyWh() - storedBeforeWh, eps.endedAtFull());
        if (outcome != ElectricalPowerSystem.BusOutcome.NORMAL) {
            brownOuts++;
            boards.shedAll();
        }
        java.util.Arrays.fill(heatJ, 0.0);
        boards.advance(tS, dtS, thermal.plateTemps(), heatJ);
        if (corruption.active() && tS + dtS >= nextCorruptionS) {
            // The environment each board works in, for its silent-corruption rate: sampled every
            // CORRUPTION_ENV_S (an anomaly pass lasts minutes), weighted by the work done since.
            for (int i = 0; i < workScratch.length; i++) {
                workScratch[i] = boards.workUnits(i);
            }
            corruption.accrue(workScratch, radiationFactor(tS) * faults.upsetFactor());
            nextCorruptionS = tS + dtS + CORRUPTION_ENV_S;
        }
        thermal.advance(tS, dtS, heatJ, outcome != ElectricalPowerSystem.BusOutcome.COLLAPSE);
        arrayTempC = array.nextTempC(arrayTempC, irradiance, eps.deliveredW() / scenario.array().areaM2(), dtS);
        double soc = eps.socPct();
        monitor.observe(floorChannel, soc, tS, dtS);
        monitor.observe(emptyChannel, eps.energyWh(), tS, dtS);
        monitor.observe(brownOutChannel, outcome == ElectricalPowerSystem.BusOutcome.NORMAL ? 0 : 1, tS, dtS);
        monitor.observe(collapseChannel, eps.unservedW(), tS, dtS);
        if (!sunlit) {
            eclipseS += dtS;
        }
        lastSunlit = sunlit;
        lastStepStartS = tS;
        minSocPct = Math.min(minSocPct, soc);
        for (int l = 0; l < heatJ.length; l++) {
            double f = thermal.fluidC(l);
            minLoopC = Math.min(minLoopC, f);
            maxLoopC = Math.max(maxLoopC, f);
        }
        tNanos += dtNanos;
        if (sampleNanos > 0 && tNanos >= nextSampleNanos) {
            recordSample();
            nextSampleNanos += sampleNanos;
        }
    }

    private void recordSample() {
        TruthSample s = sample();
        if (samples.size() < maxSamples) {
            samples.add(s);
        }
        if (log != null) {
            log.sample(s, truth(false));
        }
    }

    private TruthSample sample() {
        double minF = Double.POSITIVE_INFINITY;
        double maxF = Double.NEGATIVE_INFINITY;
        double maxR = Double.NEGATIVE_INFINITY;
        for (int l = 0; l < thermal.loops(); l++) {
            minF = Math.min(minF, thermal.fluidC(l));
            maxF = Math.max(maxF, thermal.fluidC(l));
            maxR = Math.max(maxR, thermal.radiatorC(l));
        }
        int throttled = 0;
        for (int i = 0; i < boards.count(); i++) {
            throttled += boards.throttled(i) ? 1 : 0;
        }
        OrbitPoint point = point();
        return new TruthSample(now(), point.sunlit(), point.latitudeDeg(), point.longitudeDeg(), eps.availableW(),
                eps.deliveredW(), eps.curtailedW(), arrayTempC, eps.loadW(), eps.boardsW(), eps.batteryW(),
                eps.energyWh(), eps.socPct(), eps.busV(), boards.countIn(BoardState.ENABLED),
                boards.countIn(BoardState.HUNG), boards.countIn(BoardState.DISABLED) + boards.countIn(BoardState.FAILED),
                throttled, boards.maxTempC(), minF, maxF, maxR, boards.totalWork(), link.up(tNanos / 1e9));
    }

    // ------------------------------------------------------------------ truth

    /** The truth record so far, with the samples kept in memory. */
    public synchronized Truth truth() {
        return truth(true);
    }

    private Truth truth(boolean withSamples) {
        double nowS = tNanos / 1e9;
        List<Truth.Outage> outages = link.windows().stream().map(w -> new Truth.Outage(
                scenario.start().plus(Seconds.of(w.startS())),
                scenario.start().plus(Seconds.of(Math.min(w.endS(), 1e12))))).toList();
        return new Truth(scenario.name(), scenario.seed(), scenario.start(), now(), nowS, eps.totals(),
                boards.totalWork(), eclipseS, minSocPct, boards.count() == 0 ? Double.NaN : boards.maxTempSeenC(),
                minLoopC == Double.POSITIVE_INFINITY ? thermal.fluidC(0) : minLoopC,
                maxLoopC == Double.NEGATIVE_INFINITY ? thermal.fluidC(0) : maxLoopC,
                new Truth.Counts(faults.upsets(), boards.hangs(), boards.eccErrors(), boards.resets(), boards.trips(),
                        brownOuts, faults.faultsInjected(), boardsFailed, scenario.array().strings() - stringsOnline,
                        scenario.battery().cellStrings() - eps.cellStringsOnline(), pumpsFailed,
                        boards.switchOffs()),
                monitor.counts(), monitor.seconds(), monitor.violations(nowS), outages,
                withSamples ? samples : List.of());
    }

    /**
     * Writes the truth log's last lines and closes it (no-op without a log): with
     * {@code oracleOnClose}, an {@code oracle} line with the bound for the time run so far and
     * the ratio of the work done to it; then the {@code final} line.
     */
    @Override
    public synchronized void close() {
        if (log == null) {
            return;
        }
        Truth truth = truth(false);
        if (oracleOnClose && tNanos >= stepNanos) {
            try {
                var bound = io.sunsync.sim.oracle.Oracle.bound(scenario.withDuration(tNanos / 1e9));
                log.oracle(bound, truth.workUnits());
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(SimSatellite.class).warn("oracle for the truth log failed: {}", e.toString());
            }
        }
        log.finish(truth);
    }

    // ------------------------------------------------------------------ views and state

    /** The scenario the model runs. */
    public Scenario scenario() {
        return scenario;
    }

    /** The orbit. */
    public SunSynchronousOrbit orbit() {
        return orbit;
    }

    /** The truth orbit the model flies (position, light, eclipses). */
    public TruthOrbit truthOrbit() {
        return truthOrbit;
    }

    /** Orbital period, in s. */
    public double periodS() {
        return orbit.periodS();
    }

    /** The power system device. */
    public SimPowerSystem power() {
        return powerView;
    }

    /** The thermal control device. */
    public SimThermalControl thermal() {
        return thermalView;
    }

    /** The accelerator board devices, in index order. */
    public List<SimAcceleratorBoard> boards() {
        return boardViews;
    }

    /** True when the array sees the Sun (as of the last step). */
    public synchronized boolean sunlit() {
        return lastSunlit;
    }

    private OrbitPoint point() {
        if (!pointValid) {
            point = truthOrbit.at(lastStepStartS);
            pointValid = true;
        }
        return point;
    }

    /** True when the ground link is available now. */
    public synchronized boolean linkUp() {
        return link.up(tNanos / 1e9);
    }

    /**
     * The fraction of the Sun's disc the array sees at {@code t}: 1 in sunlight, 0 in the umbra,
     * between in the penumbra (with a cylindrical shadow only 0 or 1). A probe for step-size
     * control; a controller must not see it.
     */
    public synchronized double illuminationAt(Instant t) {
        return truthOrbit.litFraction(sinceStartS(t));
    }

    /**
     * Whether nothing moves the power balance abruptly between {@code from} and {@code to}: no
     * shadow edge (penumbra or umbra entry or exit) falls between them, neither end is in the
     * penumbra, and no array or battery string is lost between (board upsets and sensor faults
     * change the balance by a board's share at most). The scenario runner steps finely where it is not, so a
     * controller's fast path is exercised where it matters without stepping whole missions at
     * 20 Hz. For step-size control only.
     */
    public synchronized boolean powerQuietBetween(Instant from, Instant to) {
        double fromS = sinceStartS(from);
        double toS = sinceStartS(to);
        double a = truthOrbit.litFraction(fromS);
        double b = truthOrbit.litFraction(toS);
        if (a != b || (a > 0 && a < 1) || truthOrbit.shadowEdgeBetween(fromS, toS)) {
            return false;
        }
        return !(faults.nextPowerFaultDueS() <= toS);
    }

    private double sinceStartS(Instant t) {
        return (t.getEpochSecond() * 1_000_000_000L + t.getNano() - startEpochNanos) / 1e9;
    }

    /** Where the satellite is (as of the last step). */
    public synchronized OrbitPoint position() {
        return point();
    }

    /** Battery energy stored now, in Wh. */
    public synchronized double batteryEnergyWh() {
        return eps.energyWh();
    }

    // package-private state for the device views (called with this object's monitor held)

    ElectricalPowerSystem eps() {
        return eps;
    }

    ThermalNetwork thermalNetwork() {
        return thermal;
    }

    /** The group every board is shed with, where the scenario's actuation has one (its {@code groupSafeState}). */
    java.util.Optional<io.sunsync.hal.accel.SafeStateGroup> safeStateGroup() {
        return safeStateGroup;
    }

    BoardBank boardBank() {
        return boards;
    }

    SensorFaults sensors() {
        return sensors;
    }

    BatteryGauge gauge() {
        return gauge;
    }

    /**
     * What sensor {@code key} reads now when the truth is {@code truth}: the sensor's own errors
     * ({@link SensorModel}), then any fault in force; problems go into {@code out}.
     */
    double sense(String key, double truth, Sensed out) {
        return senseAs(key, key, truth, out);
    }

    /**
     * What the reading {@code key} shows when it comes from sensor {@code sensorKey} (its errors)
     * reading {@code truth}, with the faults in force on {@code key}.
     */
    double senseAs(String key, String sensorKey, double truth, Sensed out) {
        double tS = tNanos / 1e9;
        return sensors.read(key, sensorModel.read(sensorKey, truth, tS), tS, out);
    }

    SolarArray array() {
        return array;
    }

    int stringsOnline() {
        return stringsOnline;
    }

    double tS() {
        return tNanos / 1e9;
    }

    // ------------------------------------------------------------------ silent data corruption

    /**
     * The output of one synthetic work item computed on board {@code index} (see
     * {@link CorruptionModel#compute}): its input's SHA-256, sometimes silently wrong.
     */
    synchronized byte[] runKernel(int index, byte[] input, double workUnits) {
        return corruption.compute(index, input, workUnits, tNanos / 1e9);
    }

    /** Truth: every output computed wrong so far (the first {@value CorruptionModel#KEPT}). */
    public synchronized List<CorruptionModel.Corruption> corruptions() {
        return corruption.corruptions();
    }

    /** Truth: the boards drawn weak, by index. */
    public synchronized List<Integer> weakBoards() {
        return corruption.weakBoards();
    }

    /** Truth: wrong outputs and all outputs computed by board {@code index} so far. */
    public synchronized long[] kernelCounts(int index) {
        return new long[] {corruption.corrupted(index), corruption.computed(index)};
    }

    // ------------------------------------------------------------------ FaultTarget

    @Override
    public double radiationFactor(double tS) {
        OrbitPoint p = truthOrbit.at(tS);
        return radiation.factor(p.latitudeDeg(), p.longitudeDeg());
    }

    @Override
    public void upset(int index, boolean hang, double tS) {
        if (hang) {
            boards.hang(index);
        } else {
            boards.eccError(index);
        }
    }

    @Override
    public void failBoard(int index, double tS) {
        if (boards.state(index) != BoardState.FAILED) {
            boardsFailed++;
        }
        boards.fail(index);
    }

    @Override
    public void failPump(int loop, double tS) {
        if (!thermal.pumpFailed(loop)) {
            pumpsFailed++;
        }
        thermal.failPump(loop);
    }

    @Override
    public void loseStrings(int count, double tS) {
        stringsOnline = Math.max(0, stringsOnline - count);
    }

    @Override
    public void loseCellStrings(int count, double tS) {
        gauge.keep(eps.loseCellStrings(count));
    }

    @Override
    public double sensorTruth(String key) {
        return SimSensors.truth(this, key);
    }

    @Override
    public int boardCount() {
        return boards.count();
    }

    @Override
    public int loopCount() {
        return thermal.loops();
    }
}
