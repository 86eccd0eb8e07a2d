package io.sunsync.hal.probe;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sunsync.hal.sysfs.SysfsTree;
import io.sunsync.hal.time.SystemTimeSource;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sunsync hal probe}: lists what the Linux backends find on this machine, with values and
 * units, as tables or JSON. Exit code 0 whatever it finds (a machine without accelerators says
 * so plainly); 2 for a bad command line or a {@code --root} that does not exist.
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Lists what the Linux backends find on this machine: power supplies, hwmon chips, thermal zones "
                + "with trip points, cooling devices, RAPL zones, cpufreq policies and NVIDIA GPUs (through nvidia-smi "
                + "and through NVML, each timed), with values and units. Reads only; changes nothing."},
        footer = {"", "Examples:",
                "  sunsync hal probe",
                "  sunsync hal probe --json > board.json",
                "  sunsync hal probe --root /tmp/fake-sys --smi ./fake-nvidia-smi --nvml-library ./libnvidia-ml.so.1"})
public final class ProbeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON instead of tables.")
    boolean json;

    @Option(names = "--root", paramLabel = "DIR", description = "The sysfs root to probe (default: ${DEFAULT-VALUE}).",
            defaultValue = "/sys")
    Path root;

    @Option(names = "--smi", paramLabel = "PATH", description = "The nvidia-smi to run (default: ${DEFAULT-VALUE}, from PATH).",
            defaultValue = "nvidia-smi")
    String smiPath;

    @Option(names = "--nvml-library", paramLabel = "LIB", defaultValue = "libnvidia-ml.so.1",
            description = "The NVML library to load (default: ${DEFAULT-VALUE}, found by the dynamic loader).")
    String nvmlLibrary;

    @Option(names = "--nvpmodel", paramLabel = "PATH", defaultValue = "nvpmodel",
            description = "The nvpmodel to ask on a Jetson, read only (default: ${DEFAULT-VALUE}, from PATH).")
    String nvpmodelPath;

    @Option(names = "--smi-timeout-s", paramLabel = "SECONDS", defaultValue = "10",
            description = "Time limit for nvidia-smi (default: ${DEFAULT-VALUE}).")
    double smiTimeoutS;

    @Option(names = "--rapl-interval-ms", paramLabel = "MS", defaultValue = "250",
            description = "How long to watch RAPL energy counters to measure power; 0 = do not (default: ${DEFAULT-VALUE}).")
    long raplIntervalMs;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isDirectory(root)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--root " + root + ": no such folder");
        }
        if (!(smiTimeoutS > 0) || raplIntervalMs < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--smi-timeout-s must be > 0 and --rapl-interval-ms >= 0");
        }
        ProbeReport report = new Probe(new SysfsTree(root), smiPath, Duration.ofMillis(Math.round(smiTimeoutS * 1000)),
                nvmlLibrary, nvpmodelPath, Duration.ofMillis(raplIntervalMs), new SystemTimeSource()).run();
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .setSerializationInclusion(JsonInclude.Include.NON_NULL);
            out.println(mapper.writeValueAsString(report));
        } else {
            out.print(render(report));
        }
        out.flush();
        return 0;
    }

    /** The report as tables. */
    static String render(ProbeReport r) {
        StringBuilder sb = new StringBuilder();
        List<String> problems = new ArrayList<>();
        sb.append("sunsync hal probe: sysfs root ").append(r.root()).append("\n\n");

        sb.append("POWER SUPPLIES (class/power_supply)\n");
        if (r.powerSupplies().isEmpty()) {
            sb.append("  none found\n");
        } else {
            TextTable t = new TextTable("name", "type", "status", "online", "voltage", "current", "power", "energy",
                    "full", "capacity");
            for (ProbeReport.Supply s : r.powerSupplies()) {
                t.row(s.name(), blank(s.type()), blank(s.status()), s.online(), cell(s.voltage(), problems, s.name()),
                        cell(s.current(), problems, s.name()), cell(s.power(), problems, s.name()),
                        cell(s.energy(), problems, s.name()), cell(s.energyFull(), problems, s.name()),
                        cell(s.capacity(), problems, s.name()));
            }
            sb.append(t.render(2));
        }

        sb.append("\nHWMON CHIPS (class/hwmon)\n");
        if (r.hwmon().isEmpty()) {
            sb.append("  none found\n");
        }
        for (ProbeReport.Chip c : r.hwmon()) {
            sb.append("  ").append(c.dir()).append("  ").append(c.name()).append("  (config: ").append(c.ref())
                    .append("/ATTR)\n");
            if (c.channels().isEmpty()) {
                sb.append("    no sensor channels\n");
                continue;
            }
            TextTable t = new TextTable("attribute", "label", "value");
            for (ProbeReport.Channel ch : c.channels()) {
                t.row(ch.attr(), blank(ch.label()), cell(ch.value(), problems, c.dir() + "/" + ch.attr()));
            }
            sb.append(t.render(4));
        }

        sb.append("\nTHERMAL ZONES (class/thermal)\n");
        if (r.thermalZones().isEmpty()) {
            sb.append("  none found\n");
        } else {
            TextTable t = new TextTable("zone", "type", "mode", "temp", "trip points");
            for (ProbeReport.Zone z : r.thermalZones()) {
                String trips = z.trips().isEmpty() ? "-" : z.trips().stream()
                        .map(tp -> (tp.type().isEmpty() ? "trip" + tp.index() : tp.type()) + " "
                                + TextTable.cell(tp.temp())).collect(Collectors.joining(", "));
                t.row(z.dir(), blank(z.type()), blank(z.mode()), cell(z.temp(), problems, z.dir()), trips);
            }
            sb.append(t.render(2));
        }

        sb.append("\nCOOLING DEVICES (class/thermal)\n");
        if (r.coolingDevices().isEmpty()) {
            sb.append("  none found\n");
        } else {
            TextTable t = new TextTable("device", "type", "state", "max state");
            for (ProbeReport.Cooling c : r.coolingDevices()) {
                t.row(c.dir(), blank(c.type()), cell(c.curState(), problems, c.dir()), cell(c.maxState(), problems, c.dir()));
            }
            sb.append(t.render(2));
        }

        sb.append("\nRAPL POWER ZONES (class/powercap)\n");
        if (r.rapl().isEmpty()) {
            sb.append("  none found\n");
        } else {
            TextTable t = new TextTable("zone", "name", "enabled", "energy", "power", "limits");
            for (ProbeReport.Rapl z : r.rapl()) {
                String limits = z.constraints().isEmpty() ? "-" : z.constraints().stream()
                        .map(c -> (c.name().isEmpty() ? "c" + c.index() : c.name()) + " " + TextTable.cell(c.limit())
                                + (c.maxPower().value() != null ? " (max " + TextTable.cell(c.maxPower()) + ")" : ""))
                        .collect(Collectors.joining(", "));
                t.row(z.dir(), blank(z.name()), z.enabled() == null ? "-" : z.enabled() ? "yes" : "no",
                        cell(z.energy(), problems, z.dir()), cell(z.power(), problems, z.dir()), limits);
            }
            sb.append(t.render(2));
        }

        sb.append("\nCPUFREQ POLICIES (devices/system/cpu/cpufreq)\n");
        if (r.cpufreq().isEmpty()) {
            sb.append("  none found\n");
        } else {
            TextTable t = new TextTable("policy", "cpus", "governor", "now", "limits", "hardware range");
            for (ProbeReport.Policy p : r.cpufreq()) {
                t.row(p.dir(), p.cpus().stream().map(String::valueOf).collect(Collectors.joining(",")), blank(p.governor()),
                        cell(p.cur(), problems, p.dir()), TextTable.cell(p.min()) + " .. " + TextTable.cell(p.max()),
                        TextTable.cell(p.hwMin()) + " .. " + TextTable.cell(p.hwMax()));
            }
            sb.append(t.render(2));
        }

        sb.append("\nNVIDIA GPUS (").append(r.nvidia().smiPath()).append(")\n");
        if (r.nvidia().gpus().isEmpty()) {
            sb.append("  none: ").append(r.nvidia().status()).append('\n');
        } else {
            if (!r.nvidia().status().equals("ok")) {
                sb.append("  ").append(r.nvidia().status()).append('\n');
            }
            TextTable t = new TextTable("gpu", "name", "uuid", "power", "limit", "limit range", "temp", "util", "ecc",
                    "throttle");
            for (ProbeReport.Gpu g : r.nvidia().gpus()) {
                String who = "GPU " + g.index();
                t.row(g.index(), g.name(), g.uuid(), cell(g.power(), problems, who), cell(g.limit(), problems, who),
                        TextTable.cell(g.minLimit()) + " .. " + TextTable.cell(g.maxLimit()), cell(g.temp(), problems, who),
                        TextTable.cell(g.utilization()), g.ecc(), g.throttle().isEmpty() ? "-" : String.join(",", g.throttle()));
            }
            sb.append(t.render(2));
        }

        sb.append("\nNVIDIA GPUS (NVML, ").append(r.nvml().library()).append(")\n");
        if (r.nvml().driverVersion() != null) {
            sb.append("  driver ").append(r.nvml().driverVersion()).append(", NVML ")
                    .append(r.nvml().nvmlVersion() == null ? "?" : r.nvml().nvmlVersion()).append('\n');
        }
        if (r.nvml().gpus().isEmpty()) {
            sb.append("  none: ").append(r.nvml().status()).append('\n');
        } else {
            if (!r.nvml().status().equals("ok")) {
                sb.append("  ").append(r.nvml().status()).append('\n');
            }
            TextTable t = new TextTable("gpu", "name", "uuid", "power", "limit", "enforced", "limit range", "default",
                    "temp", "slowdown", "shutdown", "util", "ecc", "throttle");
            for (ProbeReport.NvmlGpu g : r.nvml().gpus()) {
                String who = "NVML GPU " + g.index();
                t.row(g.index(), blank(g.name()), blank(g.uuid()), cell(g.power(), problems, who),
                        cell(g.limit(), problems, who), cell(g.enforcedLimit(), problems, who),
                        TextTable.cell(g.minLimit()) + " .. " + TextTable.cell(g.maxLimit()),
                        cell(g.defaultLimit(), problems, who), cell(g.temp(), problems, who),
                        cell(g.slowdownTemp(), problems, who), cell(g.shutdownTemp(), problems, who),
                        TextTable.cell(g.utilization()), TextTable.cell(g.eccUncorrected()),
                        g.throttle().isEmpty() ? "-" : String.join(",", g.throttle()));
            }
            sb.append(t.render(2));
        }

        if (!r.jetson().rails().isEmpty()) {
            sb.append("\nJETSON (INA3221 rails; power modes from ").append(r.jetson().nvpmodelPath()).append(")\n");
            TextTable t = new TextTable("rail", "chip", "channel", "power", "alarm");
            for (ProbeReport.Rail rail : r.jetson().rails()) {
                t.row(rail.label(), rail.ref(), rail.channel(), cell(rail.power(), problems, rail.label()),
                        rail.alarm() == null ? "-" : rail.alarm());
            }
            sb.append(t.render(2));
            if (r.jetson().modes().isEmpty()) {
                sb.append("  power modes: none (").append(r.jetson().status()).append(")\n");
            } else {
                sb.append("  power modes: ").append(String.join(", ", r.jetson().modes())).append('\n');
                sb.append("  in force: ").append(r.jetson().current() == null ? r.jetson().status() : r.jetson().current())
                        .append('\n');
            }
        }

        sb.append("\nACCELERATORS\n");
        long nvml = r.nvml().gpus().size();
        long smi = r.nvidia().gpus().size();
        long gpus = r.accelerators().stream().filter(a -> a.startsWith("NVIDIA GPU")).count();
        long cpus = r.accelerators().size() - gpus;
        sb.append("  NVIDIA GPUs through NVML (nvml backend): ").append(nvml == 0 ? "none (" + r.nvml().status() + ")"
                : Long.toString(nvml)).append('\n');
        sb.append("  NVIDIA GPUs through nvidia-smi (nvidia-smi backend): ").append(smi == 0 ? "none (" + r.nvidia().status() + ")"
                : Long.toString(smi)).append('\n');
        if (r.nvml().readMicros() != null || r.nvidia().queryMs() != null) {
            sb.append("  cost of one reading: NVML ").append(r.nvml().readMicros() == null ? "-"
                    : String.format(Locale.ROOT, "%.1f µs (power, temperature, limit of one GPU; mean of 1000)",
                    r.nvml().readMicros())).append("; nvidia-smi ").append(r.nvidia().queryMs() == null ? "-"
                    : String.format(Locale.ROOT, "%.1f ms (one query, every GPU)", r.nvidia().queryMs())).append('\n');
        }
        sb.append("  CPU packages with RAPL (powercap backend): ").append(cpus == 0 ? "none" : Long.toString(cpus))
                .append('\n');
        if (r.accelerators().isEmpty()) {
            sb.append("  No accelerators found on this machine: the nvml, nvidia-smi and powercap backends have nothing to"
                    + " drive here (the sim backend still runs).\n");
        } else {
            for (String a : r.accelerators()) {
                sb.append("  - ").append(a).append('\n');
            }
        }
        if (!problems.isEmpty()) {
            sb.append("\nPROBLEMS (values marked !CODE above)\n");
            for (String p : problems) {
                sb.append("  ").append(p).append('\n');
            }
        }
        return sb.toString();
    }

    private static String cell(ProbeReport.Value v, List<String> problems, String where) {
        String c = TextTable.cell(v);
        if (c.contains("!")) {
            problems.add(where + ": " + v.error());
        }
        return c;
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
