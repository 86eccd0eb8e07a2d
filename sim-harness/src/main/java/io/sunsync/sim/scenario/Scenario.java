package io.sunsync.sim.scenario;

import static io.sunsync.sim.scenario.Bounds.between;
import static io.sunsync.sim.scenario.Bounds.fraction;
import static io.sunsync.sim.scenario.Bounds.nonNegative;
import static io.sunsync.sim.scenario.Bounds.positive;

import io.sunsync.hal.config.ConfigException;
import io.sunsync.hal.config.ConfigReader;
import io.sunsync.hal.time.Seconds;
import io.sunsync.sim.fault.FaultKind;
import io.sunsync.sim.orbit.TruthOrbit;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A simulation scenario: the satellite (orbit, array, battery, bus, thermal, boards), its
 * environment (radiation), the faults to inject, and the run (start, duration, step, seed).
 * Read from YAML or JSON with {@link #load(Path)}; every section and field is optional and
 * defaults to the reference satellite of {@code docs/sim-harness.md}. Invalid values are
 * refused in the constructors with a {@link ConfigException} naming the dotted key.
 * Immutable; thread safe.
 *
 * @param name         short name (defaults to {@code reference})
 * @param description  what the scenario shows
 * @param start        mission time at the start, UTC (default 2027-06-21T00:00:00Z, the depth of the
 *                     reference orbit's eclipse season)
 * @param durationS    run length for {@code sim run}, the oracle and benchmarks, in s (default 86400)
 * @param stepS        physics step, in s (0 &lt; stepS ≤ 10; default 1)
 * @param seed         random seed: same seed, same run (default 1)
 * @param orbit        the orbit
 * @param array        the solar array
 * @param battery      the battery
 * @param bus          the main bus and housekeeping load
 * @param thermal      the thermal control system
 * @param boards       the accelerator boards
 * @param radiation    single-event upset environment
 * @param randomFaults rates of faults drawn from the seed
 * @param faults       faults scripted at given times
 * @param sensors      what the sensors get wrong (noise, bias); every effect on unless switched off
 * @param economy      what the satellite weighs and what launching it costs (the mass and cost model of
 *                     {@code io.sunsync.sim.economy}); no effect on the physics
 * @param actuation    how commands reach the boards and how the boards follow them (the backend's
 *                     latency and serialisation, the cap's time constant, the idle power of a disabled
 *                     board); every effect on unless switched off
 */
public record Scenario(String name, String description, Instant start, Double durationS, Double stepS, Long seed,
                       Orbit orbit, Array array, Battery battery, Bus bus, Thermal thermal, Boards boards,
                       Radiation radiation, RandomFaults randomFaults, List<Fault> faults, Sensors sensors,
                       Economy economy, Actuation actuation) {

    public Scenario {
        name = name == null || name.isBlank() ? "reference" : name;
        description = description == null ? "" : description;
        start = start == null ? Instant.parse("2027-06-21T00:00:00Z") : start;
        durationS = positive("durationS", durationS, 86_400.0);
        stepS = positive("stepS", stepS, 1.0);
        if (stepS > 10) {
            throw new ConfigException("stepS", "must be at most 10 s (the thermal network's explicit steps), was " + stepS);
        }
        seed = seed == null ? 1L : seed;
        orbit = orbit == null ? new Orbit(null, null) : orbit;
        array = array == null ? new Array(null, null, null, null, null, null, null, null, null, null, null, null, null)
                : array;
        battery = battery == null ? new Battery(null, null, null, null, null, null, null, null, null, null, null)
                : battery;
        bus = bus == null ? new Bus(null, null) : bus;
        thermal = thermal == null ? new Thermal(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null) : thermal;
        boards = boards == null ? new Boards(null, null, null, null, null, null, null, null, null, null, null) : boards;
        radiation = radiation == null ? new Radiation(null, null, null, null) : radiation;
        randomFaults = randomFaults == null ? new RandomFaults(null, null, null, null, null, null, null) : randomFaults;
        faults = faults == null ? List.of() : List.copyOf(faults);
        sensors = sensors == null ? new Sensors(null, null, null, null, null) : sensors;
        economy = economy == null ? Economy.reference() : economy;
        actuation = actuation == null ? new Actuation(null, null, null, null, null, null, null, null) : actuation;
        for (String key : sensors.gainPct().keySet()) {
            if (!sensorKeys(boards.count(), thermal.loops()).contains(key)) {
                throw new ConfigException("sensors.gainPct." + key, "must be a sensor key (e.g. power.arrayPowerW, "
                        + "board-07.powerW), was '" + key + "'");
            }
        }
        for (int i = 0; i < faults.size(); i++) {
            Fault f = faults.get(i);
            if (f == null) {
                throw new ConfigException("faults[" + i + "]", "is empty");
            }
            String where = "faults[" + i + "]";
            if (f.atS() > durationS * 1000) {
                throw new ConfigException(where + ".atS", "is far beyond the scenario's duration");
            }
            checkTarget(where, f, boards.count(), thermal.loops());
        }
    }

    /** A scenario with the reference mass and cost model ({@code economy} at its defaults). */
    public Scenario(String name, String description, Instant start, Double durationS, Double stepS, Long seed,
                    Orbit orbit, Array array, Battery battery, Bus bus, Thermal thermal, Boards boards,
                    Radiation radiation, RandomFaults randomFaults, List<Fault> faults, Sensors sensors) {
        this(name, description, start, durationS, stepS, seed, orbit, array, battery, bus, thermal, boards, radiation,
                randomFaults, faults, sensors, null, null);
    }

    /** A scenario with the default actuation ({@code actuation} at its defaults). */
    public Scenario(String name, String description, Instant start, Double durationS, Double stepS, Long seed,
                    Orbit orbit, Array array, Battery battery, Bus bus, Thermal thermal, Boards boards,
                    Radiation radiation, RandomFaults randomFaults, List<Fault> faults, Sensors sensors,
                    Economy economy) {
        this(name, description, start, durationS, stepS, seed, orbit, array, battery, bus, thermal, boards, radiation,
                randomFaults, faults, sensors, economy, null);
    }

    /** The reference scenario: every default. */
    public static Scenario reference() {
        return new Scenario(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    /**
     * This scenario with every realism effect of the sensors, the actuators and the battery
     * switched off: the readings are the truth, commands take effect at once. For tests that check
     * analytic results.
     */
    public Scenario idealised() {
        return new Scenario(name, description, start, durationS, stepS, seed, orbit, array, battery.idealised(), bus,
                thermal, boards, radiation, randomFaults, faults, Sensors.ideal(), economy, Actuation.ideal());
    }

    /** This scenario with {@code a} for its actuation. */
    public Scenario withActuation(Actuation a) {
        return new Scenario(name, description, start, durationS, stepS, seed, orbit, array, battery, bus, thermal, boards,
                radiation, randomFaults, faults, sensors, economy, a);
    }

    /** This scenario with {@code s} for its sensors. */
    public Scenario withSensors(Sensors s) {
        return new Scenario(name, description, start, durationS, stepS, seed, orbit, array, battery, bus, thermal, boards,
                radiation, randomFaults, faults, s, economy, actuation);
    }

    /** Reads a scenario file (YAML or JSON); errors name the dotted key and the line. */
    public static Scenario load(Path file) {
        return ConfigReader.read(file, Scenario.class);
    }

    /** The end of the run, {@link #start()} + {@link #durationS()}. */
    public Instant end() {
        return start.plus(Seconds.of(durationS));
    }

    /** This scenario with {@code start}, {@code seed}, board count and altitude replaced where not null. */
    public Scenario with(Instant newStart, Long newSeed, Integer boardCount, Double altitudeKm) {
        Boards b = boardCount == null ? boards : new Boards(boardCount, boards.minCapW(), boards.maxCapW(),
                boards.idleW(), boards.slowdownC(), boards.shutdownC(), boards.throttleFactor(),
                boards.thermalResistanceKPerW(), boards.heatCapacityJPerK(), boards.resetS(), boards.throughput());
        Orbit o = altitudeKm == null ? orbit : orbit.withAltitudeKm(altitudeKm);
        return new Scenario(name, description, newStart == null ? start : newStart, durationS, stepS,
                newSeed == null ? seed : newSeed, o, array, battery, bus, thermal, b, radiation, randomFaults, faults,
                sensors, economy, actuation);
    }

    /**
     * Where the satellite of this scenario really flies and the light it sees: its {@code orbit}
     * (propagator and shadow) from its {@code start}. Shared by every caller with the same orbit and
     * start (the numerical propagation runs once).
     */
    public TruthOrbit truthOrbit() {
        return TruthOrbit.shared(java.util.List.of(start, orbit),
                // Sized for the run and the few days of forecast beyond it that callers look ahead.
                () -> new TruthOrbit(orbit.trajectory(start, durationS + TRUTH_LOOKAHEAD_S), orbit.shadowModel()));
    }

    /** Mission time after the run that the truth orbit is sized for (forecasts look a few days ahead), in s. */
    static final double TRUTH_LOOKAHEAD_S = 4 * 86_400.0;

    /** This scenario with {@code newOrbit}. */
    public Scenario withOrbit(Orbit newOrbit) {
        return new Scenario(name, description, start, durationS, stepS, seed, newOrbit, array, battery, bus, thermal,
                boards, radiation, randomFaults, faults, sensors, economy, actuation);
    }

    /**
     * This scenario with the idealised orbit physics (circular orbit, cylindrical shadow): for tests
     * that check analytic results.
     */
    public Scenario idealisedOrbit() {
        return withOrbit(orbit.idealised());
    }

    /** This scenario run for {@code seconds} instead. */
    public Scenario withDuration(double seconds) {
        return new Scenario(name, description, start, seconds, stepS, seed, orbit, array, battery, bus, thermal, boards,
                radiation, randomFaults, faults, sensors, economy, actuation);
    }

    /** This scenario with {@code r} for its radiation environment. */
    public Scenario withRadiation(Radiation r) {
        return new Scenario(name, description, start, durationS, stepS, seed, orbit, array, battery, bus, thermal,
                boards, r, randomFaults, faults, sensors, economy, actuation);
    }

    /** This scenario with physics step {@code seconds}. */
    public Scenario withStep(double seconds) {
        return new Scenario(name, description, start, durationS, seconds, seed, orbit, array, battery, bus, thermal,
                boards, radiation, randomFaults, faults, sensors, economy, actuation);
    }

    /** This scenario with {@code newEconomy} for its mass and cost model. */
    public Scenario withEconomy(Economy newEconomy) {
        return new Scenario(name, description, start, durationS, stepS, seed, orbit, array, battery, bus, thermal,
                boards, radiation, randomFaults, faults, sensors, newEconomy, actuation);
    }

    /**
     * This scenario with the values at dotted keys replaced (e.g. {@code battery.capacityWh: 40000},
     * {@code thermal.radiatorAreaM2: 100}), checked exactly as a scenario file is: a value out of range
     * is refused with a {@link ConfigException} naming the key. The other fields keep their values.
     */
    public Scenario withValues(java.util.Map<String, ?> values) {
        com.fasterxml.jackson.databind.ObjectMapper json = ConfigReader.jsonMapper();
        com.fasterxml.jackson.databind.node.ObjectNode tree = json.valueToTree(this);
        for (var e : values.entrySet()) {
            String[] path = e.getKey().split("\\.");
            com.fasterxml.jackson.databind.node.ObjectNode at = tree;
            for (int i = 0; i < path.length - 1; i++) {
                com.fasterxml.jackson.databind.JsonNode next = at.get(path[i]);
                if (!(next instanceof com.fasterxml.jackson.databind.node.ObjectNode o)) {
                    throw new ConfigException(e.getKey(), "is not a scenario key");
                }
                at = o;
            }
            if (!at.has(path[path.length - 1])) {
                throw new ConfigException(e.getKey(), "is not a scenario key");
            }
            at.set(path[path.length - 1], json.valueToTree(e.getValue()));
        }
        return ConfigReader.convert(tree, Scenario.class, "");
    }

    /** Board id of board {@code index}: {@code board-00}, {@code board-01}, ... */
    public static String boardId(int index) {
        return String.format("board-%02d", index);
    }

    /** Loop name of loop {@code index}: {@code loop-a}, {@code loop-b}, ... */
    public static String loopName(int index) {
        return "loop-" + (char) ('a' + index);
    }

    /** Zone name of loop {@code index}'s cold plates: {@code cold-plate-a}, ... */
    public static String coldPlateZone(int index) {
        return "cold-plate-" + (char) ('a' + index);
    }

    /** Every sensor key a sensor fault may target, for {@code boards} boards and {@code loops} loops. */
    public static List<String> sensorKeys(int boardCount, int loops) {
        List<String> keys = new ArrayList<>(List.of("power.arrayAvailableW", "power.arrayPowerW", "power.busVoltageV",
                "power.loadPowerW", "power.batteryPowerW", "power.batteryEnergyWh", "power.batterySocPct"));
        for (int l = 0; l < loops; l++) {
            keys.add("thermal." + coldPlateZone(l));
            keys.add("thermal." + loopName(l) + ".radiatorTempC");
            keys.add("thermal." + loopName(l) + ".flowLpm");
        }
        for (int b = 0; b < boardCount; b++) {
            keys.add(boardId(b) + ".tempC");
            keys.add(boardId(b) + ".powerW");
        }
        return keys;
    }

    private static void checkTarget(String where, Fault f, int boardCount, int loops) {
        switch (f.kind()) {
            case BOARD_HANG, BOARD_ECC_ERROR, BOARD_FAILURE -> {
                if (boardIndex(f.target(), boardCount) < 0) {
                    throw new ConfigException(where + ".target", "must be a board id board-00.."
                            + boardId(boardCount - 1) + " for " + f.kind() + ", was '" + f.target() + "'");
                }
            }
            case PUMP_FAILURE -> {
                if (loopIndex(f.target(), loops) < 0) {
                    throw new ConfigException(where + ".target", "must be a loop name loop-a.." + loopName(loops - 1)
                            + " for PUMP_FAILURE, was '" + f.target() + "'");
                }
            }
            case SENSOR_NAN, SENSOR_STUCK, SENSOR_NOISE, SENSOR_OUT_OF_RANGE -> {
                if (!sensorKeys(boardCount, loops).contains(f.target())) {
                    throw new ConfigException(where + ".target", "must be a sensor key (e.g. power.batterySocPct, "
                            + "thermal.cold-plate-a, board-07.tempC), was '" + f.target() + "'");
                }
                if (f.kind() == FaultKind.SENSOR_NOISE && !(f.value() > 0)) {
                    throw new ConfigException(where + ".value", "must be the noise's standard deviation (> 0)");
                }
                if (f.kind() == FaultKind.SENSOR_OUT_OF_RANGE && !Double.isFinite(f.value())) {
                    throw new ConfigException(where + ".value", "must be the out-of-range value the sensor reads");
                }
            }
            case SOLAR_PARTICLE_EVENT -> {
                if (!(f.value() >= 1)) {
                    throw new ConfigException(where + ".value", "must be the upset-rate factor (>= 1)");
                }
            }
            default -> {
            }
        }
    }

    /** Index of board id {@code id} among {@code count} boards, or -1. */
    public static int boardIndex(String id, int count) {
        for (int i = 0; i < count; i++) {
            if (boardId(i).equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** Index of loop {@code name} among {@code loops} loops, or -1. */
    public static int loopIndex(String name, int loops) {
        for (int i = 0; i < loops; i++) {
            if (loopName(i).equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The solar array: sun-tracking (normal incidence while sunlit), one thermal node per m².
     *
     * @param areaM2              array area, in m² (default 300)
     * @param efficiency          cell efficiency at {@code refTempC} (default 0.30, triple junction)
     * @param packingFactor       fraction of the area covered by cells (default 0.85)
     * @param tempCoeffPerC       relative power change per °C above {@code refTempC} (default -0.0009)
     * @param refTempC            cell rating temperature, in °C (default 28)
     * @param degradationPerYear  relative power lost per year (default 0.015)
     * @param yearsInOrbit        age of the array at the start, in years (default 0)
     * @param strings             parallel strings (default 40)
     * @param absorptance         solar absorptance of the front (default 0.91)
     * @param frontEmissivity     IR emissivity of the front (default 0.85)
     * @param backEmissivity      IR emissivity of the back (default 0.80)
     * @param earthIrWm2          Earth infrared absorbed per m², in W/m² (default 60)
     * @param heatCapacityJPerM2K areal heat capacity, in J/(m²·K) (default 1600)
     */
    public record Array(Double areaM2, Double efficiency, Double packingFactor, Double tempCoeffPerC, Double refTempC,
                        Double degradationPerYear, Double yearsInOrbit, Integer strings, Double absorptance,
                        Double frontEmissivity, Double backEmissivity, Double earthIrWm2, Double heatCapacityJPerM2K) {
        public Array {
            areaM2 = positive("areaM2", areaM2, 300.0);
            efficiency = fraction("efficiency", efficiency, 0.30);
            packingFactor = fraction("packingFactor", packingFactor, 0.85);
            tempCoeffPerC = between("tempCoeffPerC", tempCoeffPerC, -0.0009, -0.01, 0.0);
            refTempC = between("refTempC", refTempC, 28.0, -50, 100);
            degradationPerYear = between("degradationPerYear", degradationPerYear, 0.015, 0, 0.5);
            yearsInOrbit = between("yearsInOrbit", yearsInOrbit, 0.0, 0, 30);
            strings = strings == null ? 40 : strings;
            if (strings < 1 || strings > 10_000) {
                throw new ConfigException("strings", "must be in [1, 10000], was " + strings);
            }
            absorptance = fraction("absorptance", absorptance, 0.91);
            frontEmissivity = fraction("frontEmissivity", frontEmissivity, 0.85);
            backEmissivity = fraction("backEmissivity", backEmissivity, 0.80);
            earthIrWm2 = nonNegative("earthIrWm2", earthIrWm2, 60.0);
            heatCapacityJPerM2K = positive("heatCapacityJPerM2K", heatCapacityJPerM2K, 1600.0);
            if (efficiency * packingFactor >= absorptance) {
                throw new ConfigException("efficiency", "efficiency × packingFactor must be below the absorptance");
            }
        }
    }

    /**
     * The battery (lithium-ion).
     *
     * @param capacityWh          nameplate energy, in Wh (default 20000)
     * @param floorPct            depth-of-discharge floor, state of charge in % (default 35)
     * @param initialSocPct       state of charge at the start, in % (default 90)
     * @param chargeEfficiency    stored / drawn from the bus while charging (default 0.96)
     * @param dischargeEfficiency delivered to the bus / taken from storage (default 0.96)
     * @param maxChargeW          charge-rate limit on the bus side, in W (default 10000, 0.5 C)
     * @param maxDischargeW       discharge-rate limit on the bus side, in W (default 40000, 2 C)
     * @param cellStrings         parallel cell strings (a cell loss takes one; default 12)
     * @param internalResistanceOhm the cells' DC resistance with every string online, in Ω: losses I²R and the
     *                            terminal voltage's sag under load (default 0.02; 0 = none)
     * @param taperStartPct       the charger's constant-voltage phase starts at this state of charge: above it
     *                            the battery takes less and less (default 85; 100 = no taper)
     * @param terminationC        the charger ends a charge when its current falls to this C-rate (default 0.05)
     */
    public record Battery(Double capacityWh, Double floorPct, Double initialSocPct, Double chargeEfficiency,
                          Double dischargeEfficiency, Double maxChargeW, Double maxDischargeW, Integer cellStrings,
                          Double internalResistanceOhm, Double taperStartPct, Double terminationC) {
        public Battery {
            capacityWh = positive("capacityWh", capacityWh, 20_000.0);
            floorPct = between("floorPct", floorPct, 35.0, 0, 95);
            initialSocPct = between("initialSocPct", initialSocPct, 90.0, 0, 100);
            chargeEfficiency = fraction("chargeEfficiency", chargeEfficiency, 0.96);
            dischargeEfficiency = fraction("dischargeEfficiency", dischargeEfficiency, 0.96);
            maxChargeW = positive("maxChargeW", maxChargeW, 10_000.0);
            maxDischargeW = positive("maxDischargeW", maxDischargeW, 40_000.0);
            cellStrings = cellStrings == null ? 12 : cellStrings;
            if (cellStrings < 1 || cellStrings > 1000) {
                throw new ConfigException("cellStrings", "must be in [1, 1000], was " + cellStrings);
            }
            internalResistanceOhm = between("internalResistanceOhm", internalResistanceOhm, 0.02, 0, 1);
            taperStartPct = between("taperStartPct", taperStartPct, 85.0, 50, 100);
            terminationC = between("terminationC", terminationC, 0.05, 0, 1);
        }

        /** This battery with no internal resistance and no charge taper (the idealised battery of analytic tests). */
        public Battery idealised() {
            return new Battery(capacityWh, floorPct, initialSocPct, chargeEfficiency, dischargeEfficiency, maxChargeW,
                    maxDischargeW, cellStrings, 0.0, 100.0, terminationC);
        }
    }

    /**
     * The main bus.
     *
     * @param nominalV      regulated bus voltage, in V (default 120)
     * @param housekeepingW avionics, attitude control, radios: drawn always, in W (default 2000)
     */
    public record Bus(Double nominalV, Double housekeepingW) {
        public Bus {
            nominalV = positive("nominalV", nominalV, 120.0);
            housekeepingW = nonNegative("housekeepingW", housekeepingW, 2000.0);
        }
    }

    /**
     * The thermal control system: {@code loops} pumped loops, each serving an equal share of the
     * boards through cold plates and dumping heat through its share of the radiator panels.
     *
     * @param loops                      pumped loops (1..8; default 2)
     * @param radiatorAreaM2             total radiator panel area, both faces radiating, in m² (default 120)
     * @param emissivity                 radiator IR emissivity (default 0.9)
     * @param sinkTempK                  effective radiative sink temperature, in K (default 180)
     * @param pumpW                      electrical power of one running pump, in W (default 300)
     * @param heaterW                    one loop heater's power, in W (default 2000)
     * @param loopConductanceWPerK       fluid-to-radiator conductance with the pump running, in W/K (default 4000)
     * @param pumpOffConductanceWPerK    fluid-to-radiator conductance with the pump stopped, in W/K (default 100)
     * @param fluidHeatCapacityJPerK     heat capacity of one loop's fluid and cold plates, in J/K (default 300000)
     * @param radiatorHeatCapacityJPerK  heat capacity of one loop's radiator panels, in J/K (default 250000)
     * @param bypassSetpointC            the radiator bypass valve holds the fluid at least this warm, in °C (default 15)
     * @param loopMinC                   lowest allowed fluid temperature (freezing margin), in °C (default -30)
     * @param loopMaxC                   highest allowed fluid temperature, in °C (default 65)
     * @param initialTempC               fluid, radiator and board temperature at the start, in °C (default 20)
     */
    public record Thermal(Integer loops, Double radiatorAreaM2, Double emissivity, Double sinkTempK, Double pumpW,
                          Double heaterW, Double loopConductanceWPerK, Double pumpOffConductanceWPerK,
                          Double fluidHeatCapacityJPerK, Double radiatorHeatCapacityJPerK, Double bypassSetpointC,
                          Double loopMinC, Double loopMaxC, Double initialTempC) {
        public Thermal {
            loops = loops == null ? 2 : loops;
            if (loops < 1 || loops > 8) {
                throw new ConfigException("loops", "must be in [1, 8], was " + loops);
            }
            radiatorAreaM2 = positive("radiatorAreaM2", radiatorAreaM2, 120.0);
            emissivity = fraction("emissivity", emissivity, 0.9);
            sinkTempK = between("sinkTempK", sinkTempK, 180.0, 3, 290);
            pumpW = nonNegative("pumpW", pumpW, 300.0);
            heaterW = nonNegative("heaterW", heaterW, 2000.0);
            loopConductanceWPerK = positive("loopConductanceWPerK", loopConductanceWPerK, 4000.0);
            pumpOffConductanceWPerK = positive("pumpOffConductanceWPerK", pumpOffConductanceWPerK, 100.0);
            if (pumpOffConductanceWPerK > loopConductanceWPerK) {
                throw new ConfigException("pumpOffConductanceWPerK", "must not exceed loopConductanceWPerK");
            }
            fluidHeatCapacityJPerK = positive("fluidHeatCapacityJPerK", fluidHeatCapacityJPerK, 300_000.0);
            radiatorHeatCapacityJPerK = positive("radiatorHeatCapacityJPerK", radiatorHeatCapacityJPerK, 250_000.0);
            bypassSetpointC = between("bypassSetpointC", bypassSetpointC, 15.0, -60, 80);
            loopMinC = between("loopMinC", loopMinC, -30.0, -100, 50);
            loopMaxC = between("loopMaxC", loopMaxC, 65.0, -50, 150);
            if (!(loopMaxC > loopMinC)) {
                throw new ConfigException("loopMaxC", "must exceed loopMinC");
            }
            initialTempC = between("initialTempC", initialTempC, 20.0, -100, 100);
        }
    }

    /**
     * Single-event upsets on the boards: a Poisson process per board whose rate is multiplied
     * inside the South Atlantic Anomaly and the polar horns of the outer belt.
     *
     * @param upsetsPerBoardDay baseline rate per board outside the regions, per day (default 0.02)
     * @param saaFactor         rate factor inside the South Atlantic Anomaly (default 25)
     * @param hornFactor        rate factor inside the polar horns, 55°..75° latitude (default 5)
     * @param hangFraction      fraction of upsets that hang the board; the rest are uncorrectable memory
     *                          errors (default 0.5)
     * @param silentCorruption  work items computed wrong with no error reported, at a rate tied to the
     *                          same environment (default: {@link SilentCorruption} with its defaults)
     */
    public record Radiation(Double upsetsPerBoardDay, Double saaFactor, Double hornFactor, Double hangFraction,
                            SilentCorruption silentCorruption) {
        public Radiation {
            upsetsPerBoardDay = nonNegative("upsetsPerBoardDay", upsetsPerBoardDay, 0.02);
            saaFactor = between("saaFactor", saaFactor, 25.0, 1, 10_000);
            hornFactor = between("hornFactor", hornFactor, 5.0, 1, 10_000);
            hangFraction = between("hangFraction", hangFraction, 0.5, 0, 1);
            silentCorruption = silentCorruption == null ? new SilentCorruption(null, null, null, null) : silentCorruption;
        }

        /** Upsets with the default silent-corruption model. */
        public Radiation(Double upsetsPerBoardDay, Double saaFactor, Double hornFactor, Double hangFraction) {
            this(upsetsPerBoardDay, saaFactor, hornFactor, hangFraction, null);
        }
    }

    /**
     * Silent data corruption: a work item computed on a board comes out wrong, with no error
     * reported (see {@code io.sunsync.sim.fault.CorruptionModel}). A board's rate is
     * {@code perWorkUnit} times its susceptibility times the radiation environment's factor
     * (the South Atlantic Anomaly's and the horns' factors above, a solar particle event's).
     * Susceptibility is log-normal across boards with median 1 ({@code spread}: the standard
     * deviation of its logarithm), and {@code weakBoards} boards, drawn from the seed, are
     * {@code weakFactor} times worse (a marginal memory stack, a defective core).
     *
     * @param perWorkUnit  wrong outputs per work unit of a median board outside the anomaly and the
     *                     horns (default 1e-6: an assumption, see docs/sim-harness.md)
     * @param spread       standard deviation of the natural log of the boards' susceptibility (default 0.5)
     * @param weakBoards   boards with a weak part (default 0)
     * @param weakFactor   how much more often a weak board computes wrong (default 20,000)
     */
    public record SilentCorruption(Double perWorkUnit, Double spread, Integer weakBoards, Double weakFactor) {
        public SilentCorruption {
            perWorkUnit = between("perWorkUnit", perWorkUnit, 1e-6, 0, 1);
            spread = between("spread", spread, 0.5, 0, 5);
            weakBoards = weakBoards == null ? 0 : weakBoards;
            if (weakBoards < 0) {
                throw new ConfigException("weakBoards", "must be >= 0, was " + weakBoards);
            }
            weakFactor = between("weakFactor", weakFactor, 20_000.0, 1, 1e9);
        }
    }

    /**
     * Faults drawn from the seed (Poisson processes), besides the radiation upsets.
     *
     * @param sensorFaultsPerDay    sensor faults (NaN, stuck, noise, out of range; uniform over kinds and
     *                              sensors), per day (default 0)
     * @param sensorFaultDurationS  how long a drawn sensor fault lasts, in s (default 600)
     * @param pumpFailuresPerYear   pump failures per loop per year (default 0)
     * @param stringLossesPerYear   array string losses per year (default 0)
     * @param cellLossesPerYear     battery cell-string losses per year (default 0)
     * @param linkOutagesPerDay     ground link outages per day (default 0)
     * @param linkOutageMeanS       mean link outage, in s (exponential; default 900)
     */
    public record RandomFaults(Double sensorFaultsPerDay, Double sensorFaultDurationS, Double pumpFailuresPerYear,
                               Double stringLossesPerYear, Double cellLossesPerYear, Double linkOutagesPerDay,
                               Double linkOutageMeanS) {
        public RandomFaults {
            sensorFaultsPerDay = nonNegative("sensorFaultsPerDay", sensorFaultsPerDay, 0.0);
            sensorFaultDurationS = positive("sensorFaultDurationS", sensorFaultDurationS, 600.0);
            pumpFailuresPerYear = nonNegative("pumpFailuresPerYear", pumpFailuresPerYear, 0.0);
            stringLossesPerYear = nonNegative("stringLossesPerYear", stringLossesPerYear, 0.0);
            cellLossesPerYear = nonNegative("cellLossesPerYear", cellLossesPerYear, 0.0);
            linkOutagesPerDay = nonNegative("linkOutagesPerDay", linkOutagesPerDay, 0.0);
            linkOutageMeanS = positive("linkOutageMeanS", linkOutageMeanS, 900.0);
        }
    }

    /**
     * A fault scripted at a time.
     *
     * @param atS       when, in s after the scenario start
     * @param kind      what happens
     * @param target    board id, loop name or sensor key, as the kind needs
     * @param durationS how long a sensor fault, link outage or particle event lasts, in s (default: the rest of the run)
     * @param count     strings or cell strings lost (default 1)
     * @param value     noise standard deviation, out-of-range reading, or upset-rate factor, as the kind needs
     */
    public record Fault(Double atS, FaultKind kind, String target, Double durationS, Integer count, Double value) {
        public Fault {
            atS = nonNegative("atS", ConfigException.require(atS, "atS"), 0.0);
            ConfigException.require(kind, "kind");
            durationS = durationS == null ? Double.POSITIVE_INFINITY : durationS;
            if (!(durationS > 0)) {
                throw new ConfigException("durationS", "must be > 0, was " + durationS);
            }
            count = count == null ? 1 : count;
            if (count < 1) {
                throw new ConfigException("count", "must be >= 1, was " + count);
            }
            value = value == null ? Double.NaN : value;
        }
    }
}
