package io.sunsync.hal.probe;

import io.sunsync.hal.accel.CpufreqPolicy;
import io.sunsync.hal.accel.Ina3221Rail;
import io.sunsync.hal.accel.Nvpmodel;
import io.sunsync.hal.accel.NvpmodelOutput;
import io.sunsync.hal.accel.Nvml;
import io.sunsync.hal.accel.NvmlReturn;
import io.sunsync.hal.accel.NvidiaSmi;
import io.sunsync.hal.accel.NvidiaSmiCsv;
import io.sunsync.hal.accel.RaplEnergyCounter;
import io.sunsync.hal.accel.RaplZone;
import io.sunsync.hal.accel.ThrottleReason;
import io.sunsync.hal.power.SysfsPowerSupply;
import io.sunsync.hal.sysfs.HwmonChip;
import io.sunsync.hal.sysfs.Quantity;
import io.sunsync.hal.sysfs.Sample;
import io.sunsync.hal.sysfs.SysfsTree;
import io.sunsync.hal.thermal.SysfsThermalZone;
import io.sunsync.hal.time.TimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds what the Linux backends can see under a sysfs root, through {@code nvidia-smi} and through
 * NVML, and reads it once (RAPL power is measured over a short interval; one nvidia-smi query and
 * 1000 NVML reads are timed). Reads only: no limit, clock or mode is changed. Never throws for what
 * it finds. Used on one thread.
 */
public final class Probe {
    private final SysfsTree tree;
    private final String smiPath;
    private final Duration smiTimeout;
    private final String nvmlLibrary;
    private final String nvpmodelPath;
    private final Duration raplInterval;
    private final TimeSource time;

    /**
     * @param tree         the sysfs tree to probe
     * @param smiPath      the {@code nvidia-smi} to run
     * @param smiTimeout   its time limit
     * @param nvmlLibrary  the NVML library to load (a name the dynamic loader finds, or a path)
     * @param nvpmodelPath the {@code nvpmodel} to ask (read only: {@code -p --verbose}, {@code -q}) on a Jetson
     * @param raplInterval how long to watch RAPL energy counters for power (zero: no power figure)
     * @param time         the clock (and the wait for the RAPL interval)
     */
    public Probe(SysfsTree tree, String smiPath, Duration smiTimeout, String nvmlLibrary, String nvpmodelPath,
                 Duration raplInterval, TimeSource time) {
        this.tree = tree;
        this.smiPath = smiPath;
        this.smiTimeout = smiTimeout;
        this.nvmlLibrary = nvmlLibrary;
        this.nvpmodelPath = nvpmodelPath;
        this.raplInterval = raplInterval;
        this.time = time;
    }

    /** Probes now. */
    public ProbeReport run() throws InterruptedException {
        List<ProbeReport.Rapl> rapl = rapl();
        ProbeReport.Gpus nvidia = nvidia();
        ProbeReport.NvmlGpus nvml = nvml();
        ProbeReport.Jetson jetson = jetson();
        List<String> accelerators = new ArrayList<>();
        if (!jetson.rails().isEmpty()) {
            accelerators.add("Jetson module (rails " + jetson.rails().stream().map(ProbeReport.Rail::label).toList()
                    + (jetson.modes().isEmpty() ? "; no power modes: " + jetson.status() : "; modes " + jetson.modes())
                    + "): backend jetson");
        }
        for (ProbeReport.NvmlGpu g : nvml.gpus()) {
            boolean smiToo = nvidia.gpus().stream().anyMatch(x -> x.uuid().equals(g.uuid()));
            accelerators.add("NVIDIA GPU " + g.index() + " (" + g.name() + ", " + g.uuid() + "): backend nvml"
                    + (smiToo ? " (or nvidia-smi)" : ""));
        }
        for (ProbeReport.Gpu g : nvidia.gpus()) {
            if (nvml.gpus().stream().noneMatch(x -> x.uuid().equals(g.uuid()))) {
                accelerators.add("NVIDIA GPU " + g.index() + " (" + g.name() + ", " + g.uuid() + "): backend nvidia-smi");
            }
        }
        for (ProbeReport.Rapl z : rapl) {
            if (z.name().startsWith("package") && RaplZone.zoneIndex(Path.of(z.dir()).getFileName().toString()) >= 0) {
                accelerators.add("CPU " + z.name() + " (" + Path.of(z.dir()).getFileName() + "): backend powercap");
            }
        }
        return new ProbeReport(tree.root().toString(), supplies(), hwmon(), zones(), cooling(), rapl, cpufreq(), nvidia,
                nvml, jetson, accelerators);
    }

    private List<ProbeReport.Supply> supplies() {
        List<ProbeReport.Supply> out = new ArrayList<>();
        for (String name : SysfsPowerSupply.list(tree)) {
            SysfsPowerSupply.Snapshot s = new SysfsPowerSupply(name, SysfsPowerSupply.CurrentSign.KERNEL).read(tree);
            out.add(new ProbeReport.Supply(name, s.type(), s.status(), s.online(), ProbeReport.Value.of(s.voltageV(), "V"),
                    ProbeReport.Value.of(s.currentA(), "A"), ProbeReport.Value.of(s.powerW(), "W"),
                    ProbeReport.Value.of(s.energyWh(), "Wh"), ProbeReport.Value.of(s.energyFullWh(), "Wh"),
                    ProbeReport.Value.of(s.capacityPct(), "%")));
        }
        return out;
    }

    private List<ProbeReport.Chip> hwmon() {
        List<ProbeReport.Chip> out = new ArrayList<>();
        for (HwmonChip chip : HwmonChip.list(tree)) {
            List<ProbeReport.Channel> channels = new ArrayList<>();
            for (HwmonChip.Channel c : chip.channels(tree)) {
                Quantity q = c.quantity();
                channels.add(new ProbeReport.Channel(c.attr(), c.label(),
                        ProbeReport.Value.of(q.parse(tree.read(chip.dir(), c.attr())), q.unit())));
            }
            out.add(new ProbeReport.Chip(chip.dir().getFileName().toString(), chip.name(), "hwmon:" + chip.refName(),
                    channels));
        }
        return out;
    }

    private List<ProbeReport.Zone> zones() {
        List<ProbeReport.Zone> out = new ArrayList<>();
        for (Path dir : SysfsThermalZone.zones(tree)) {
            SysfsThermalZone.Snapshot z = SysfsThermalZone.read(tree, dir);
            List<ProbeReport.Trip> trips = z.trips().stream()
                    .map(t -> new ProbeReport.Trip(t.index(), t.type(), ProbeReport.Value.of(t.tempC(), "°C"))).toList();
            out.add(new ProbeReport.Zone(z.name(), z.type(), z.mode(), ProbeReport.Value.of(z.tempC(), "°C"), trips));
        }
        return out;
    }

    private List<ProbeReport.Cooling> cooling() {
        List<ProbeReport.Cooling> out = new ArrayList<>();
        for (Path dir : SysfsThermalZone.coolingDevices(tree)) {
            SysfsThermalZone.Cooling c = SysfsThermalZone.readCooling(tree, dir);
            out.add(new ProbeReport.Cooling(c.name(), c.type(), ProbeReport.Value.of(c.curState(), ""),
                    ProbeReport.Value.of(c.maxState(), "")));
        }
        return out;
    }

    private List<ProbeReport.Rapl> rapl() throws InterruptedException {
        List<Path> dirs = RaplZone.all(tree);
        Map<Path, RaplEnergyCounter> counters = new LinkedHashMap<>();
        if (!raplInterval.isZero() && !dirs.isEmpty()) {
            for (Path d : dirs) {
                RaplZone.Snapshot z = RaplZone.read(tree, d);
                RaplEnergyCounter c = new RaplEnergyCounter();
                c.update(z.energyUj(), z.maxEnergyRangeUj(), time.now(), d.toString());
                counters.put(d, c);
            }
            time.awaitUntil(time.now().plus(raplInterval));
        }
        List<ProbeReport.Rapl> out = new ArrayList<>();
        for (Path d : dirs) {
            RaplZone.Snapshot z = RaplZone.read(tree, d);
            Instant now = time.now();
            RaplEnergyCounter c = counters.get(d);
            ProbeReport.Value p = c == null ? new ProbeReport.Value(null, "W", "not measured")
                    : ProbeReport.Value.of(c.update(z.energyUj(), z.maxEnergyRangeUj(), now, d.toString()), "W");
            List<ProbeReport.Constraint> cs = z.constraints().stream().map(k -> new ProbeReport.Constraint(k.index(),
                    k.name(), ProbeReport.Value.of(k.limitW(), "W"), ProbeReport.Value.of(k.windowS(), "s"),
                    ProbeReport.Value.of(k.maxPowerW(), "W"))).toList();
            out.add(new ProbeReport.Rapl(z.zone(), z.name(), z.enabled(),
                    ProbeReport.Value.of(z.energyUj(), "µJ").scaled(1e-6, "J"), p, cs));
        }
        return out;
    }

    private List<ProbeReport.Policy> cpufreq() {
        List<ProbeReport.Policy> out = new ArrayList<>();
        for (Path dir : CpufreqPolicy.list(tree)) {
            CpufreqPolicy p = CpufreqPolicy.read(tree, dir);
            out.add(new ProbeReport.Policy(p.name(), p.cpus(), p.governor(), mhz(p.curKHz()), mhz(p.minKHz()),
                    mhz(p.maxKHz()), mhz(p.hwMinKHz()), mhz(p.hwMaxKHz())));
        }
        return out;
    }

    private static ProbeReport.Value mhz(Sample khz) {
        return ProbeReport.Value.of(khz, "kHz").scaled(1e-3, "MHz");
    }

    private ProbeReport.Gpus nvidia() {
        NvidiaSmi smi = new NvidiaSmi(smiPath, smiTimeout, smiTimeout, Duration.ZERO, time);
        long start = System.nanoTime();
        NvidiaSmi.Snapshot s = smi.query();
        double queryMs = (System.nanoTime() - start) / 1e6;
        List<ProbeReport.Gpu> gpus = new ArrayList<>();
        for (NvidiaSmiCsv.Row r : s.rows()) {
            String where = "GPU " + r.index();
            Set<ThrottleReason> reasons = NvidiaSmiCsv.reasons(r.reasons());
            gpus.add(new ProbeReport.Gpu(r.index(), r.uuid(), r.name(),
                    ProbeReport.Value.of(r.powerDraw().sample(Quantity.plain("power.draw", "W", 0, 5000), where), "W"),
                    ProbeReport.Value.of(r.powerLimit().sample(Quantity.plain("power.limit", "W", 0, 5000), where), "W"),
                    ProbeReport.Value.of(r.minLimit().sample(Quantity.plain("power.min_limit", "W", 0, 5000), where), "W"),
                    ProbeReport.Value.of(r.maxLimit().sample(Quantity.plain("power.max_limit", "W", 0, 5000), where), "W"),
                    ProbeReport.Value.of(r.temp().sample(Quantity.plain("temperature.gpu", "°C", -60, 200), where), "°C"),
                    ProbeReport.Value.of(r.util().sample(Quantity.plain("utilization.gpu", "%", 0, 100), where), "%"),
                    r.ecc().raw(), reasons == null ? List.of("unparsable: " + r.reasons().raw())
                            : reasons.stream().map(Enum::name).toList()));
        }
        String status;
        if (s.ok()) {
            status = gpus.isEmpty() ? "nvidia-smi lists no GPU" : "ok";
        } else if (s.fault() == io.sunsync.hal.FaultCode.SENSOR_MISSING) {
            status = s.detail().contains("No such file") || s.detail().contains("error=2")
                    ? "nvidia-smi not found " + (smiPath.contains("/") ? "at " + smiPath : "on PATH")
                    : s.detail();
        } else {
            status = s.fault() + ": " + s.detail();
        }
        return new ProbeReport.Gpus(smiPath, status, gpus, s.fault() == io.sunsync.hal.FaultCode.SENSOR_MISSING ? null : queryMs);
    }

    private ProbeReport.Jetson jetson() {
        List<ProbeReport.Rail> rails = new ArrayList<>();
        for (Ina3221Rail r : Ina3221Rail.discover(tree)) {
            String alarm = r.alarm(tree);
            rails.add(new ProbeReport.Rail(r.label(), r.ref(), r.channel(), ProbeReport.Value.of(r.powerW(tree), "W"),
                    alarm.isEmpty() ? null : alarm));
        }
        if (rails.isEmpty()) {
            return new ProbeReport.Jetson(rails, null, "no INA3221 rails: not a Jetson", List.of(), null);
        }
        Nvpmodel tool = new Nvpmodel(nvpmodelPath, smiTimeout);
        Nvpmodel.Modes modes = tool.modes();
        Nvpmodel.Query q = modes.fault() == null ? tool.query() : null;
        List<String> listed = modes.modes().stream().map(m -> m.id() + " " + m.name()
                + (Double.isFinite(m.budgetW()) ? " (" + TextTable.number(m.budgetW(), "W") + ")" : " (no budget)")).toList();
        NvpmodelOutput.Current current = q == null || !q.ok() ? null : q.current();
        String status = modes.fault() != null ? modes.detail() : q != null && !q.ok() ? q.detail() : "ok";
        return new ProbeReport.Jetson(rails, nvpmodelPath, status, listed,
                current == null ? null : current.id() + " " + current.name());
    }

    private ProbeReport.NvmlGpus nvml() {
        Nvml.Opened opened = Nvml.open(nvmlLibrary);
        if (!opened.ok()) {
            String status = opened.status() == NvmlReturn.LIBRARY_NOT_FOUND && !nvmlLibrary.contains("/")
                    ? nvmlLibrary + " not found (no NVIDIA driver here)" : opened.detail();
            return new ProbeReport.NvmlGpus(nvmlLibrary, status, null, null, List.of(), null);
        }
        Nvml nvml = opened.nvml();
        try {
            Nvml.Text driver = nvml.driverVersion();
            Nvml.Text version = nvml.nvmlVersion();
            Nvml.Value count = nvml.count();
            List<ProbeReport.NvmlGpu> gpus = new ArrayList<>();
            Nvml.Device first = null;
            for (int i = 0; count.ok() && i < count.value(); i++) {
                Nvml.Lookup l = nvml.byIndex(i);
                if (!l.ok()) {
                    gpus.add(new ProbeReport.NvmlGpu(i, "", "", failed(nvml, l.status(), "W"), null, null, null, null, null,
                            null, null, null, null, null, List.of()));
                    continue;
                }
                Nvml.Device d = l.device();
                first = first == null ? d : first;
                Nvml.Range range = nvml.limitRangeMw(d);
                Nvml.Value bits = nvml.clocksEventReasons(d);
                gpus.add(new ProbeReport.NvmlGpu(i, nvml.uuid(d).value(), nvml.name(d).value(),
                        value(nvml, nvml.powerMw(d), 1e-3, "W"), value(nvml, nvml.managementLimitMw(d), 1e-3, "W"),
                        value(nvml, nvml.enforcedLimitMw(d), 1e-3, "W"),
                        value(nvml, new Nvml.Value(range.minMw(), range.status()), 1e-3, "W"),
                        value(nvml, new Nvml.Value(range.maxMw(), range.status()), 1e-3, "W"),
                        value(nvml, nvml.defaultLimitMw(d), 1e-3, "W"), value(nvml, nvml.tempC(d), 1, "°C"),
                        value(nvml, nvml.slowdownC(d), 1, "°C"), value(nvml, nvml.shutdownC(d), 1, "°C"),
                        value(nvml, nvml.utilizationPct(d), 1, "%"), value(nvml, nvml.eccUncorrected(d), 1, ""),
                        bits.ok() ? ThrottleReason.fromNvmlBits(bits.value()).stream().map(Enum::name).sorted().toList()
                                : List.of()));
            }
            String status = !count.ok() ? "nvmlDeviceGetCount_v2 returned " + nvml.describe(count.status())
                    : gpus.isEmpty() ? "NVML sees no GPU" : "ok";
            return new ProbeReport.NvmlGpus(nvmlLibrary, status, driver.status().ok() ? driver.value() : null,
                    version.status().ok() ? version.value() : null, gpus, first == null ? null : readMicros(nvml, first));
        } finally {
            nvml.shutdown();
        }
    }

    /** Mean wall time of reading power, temperature and power limit (the backend's core reading), in µs. */
    private static double readMicros(Nvml nvml, Nvml.Device d) {
        int n = 1000;
        for (int i = 0; i < 100; i++) { // warm the JNA path
            nvml.powerMw(d);
        }
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            nvml.powerMw(d);
            nvml.tempC(d);
            nvml.managementLimitMw(d);
        }
        return (System.nanoTime() - start) / 1e3 / n;
    }

    private static ProbeReport.Value value(Nvml nvml, Nvml.Value v, double scale, String unit) {
        return v.ok() ? new ProbeReport.Value(v.value() * scale, unit, null) : failed(nvml, v.status(), unit);
    }

    private static ProbeReport.Value failed(Nvml nvml, NvmlReturn r, String unit) {
        return new ProbeReport.Value(null, unit, r.readFault() + ": " + nvml.describe(r));
    }
}
