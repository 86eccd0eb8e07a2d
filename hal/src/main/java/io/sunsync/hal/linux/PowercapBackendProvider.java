package io.sunsync.hal.linux;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.accel.BoardSpec;
import io.sunsync.hal.accel.PowercapBoard;
import io.sunsync.hal.accel.PowercapOptions;
import io.sunsync.hal.accel.RaplZone;
import io.sunsync.hal.config.BackendContext;
import io.sunsync.hal.config.BackendProvider;
import io.sunsync.hal.config.ConfigException;
import io.sunsync.hal.config.ConfigReader;
import io.sunsync.hal.sysfs.HwmonChip;
import io.sunsync.hal.sysfs.Quantity;
import io.sunsync.hal.sysfs.Sample;
import io.sunsync.hal.sysfs.SysfsRef;
import io.sunsync.hal.sysfs.SysfsSensor;
import io.sunsync.hal.sysfs.SysfsTree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code powercap} backend: every CPU package with a RAPL zone is a {@link PowercapBoard}
 * (options {@link PowercapOptions}). A package's board id is {@code idPrefix} + the zone number.
 */
public final class PowercapBackendProvider implements BackendProvider {
    @Override
    public String name() {
        return "powercap";
    }

    @Override
    public List<AcceleratorBoard> accelerators(ObjectNode options, BackendContext context) {
        PowercapOptions o = ConfigReader.convert(options, PowercapOptions.class, "options");
        SysfsTree tree = new SysfsTree(context.resolve(o.root()));
        List<Path> zones = new ArrayList<>();
        if (o.zones().isEmpty()) {
            for (Path z : RaplZone.topLevel(tree)) {
                if (RaplZone.read(tree, z).name().startsWith("package")) {
                    zones.add(z);
                }
            }
            if (zones.isEmpty()) {
                throw new ConfigException("options.zones", "no RAPL package zone under " + tree.resolve("class/powercap")
                        + " (is the intel_rapl driver loaded?)");
            }
        } else {
            for (int i = 0; i < o.zones().size(); i++) {
                Path z = tree.resolve("class/powercap").resolve(o.zones().get(i));
                if (!tree.exists(z)) {
                    throw new ConfigException("options.zones[" + i + "]", "no RAPL zone " + z);
                }
                zones.add(z);
            }
        }
        List<AcceleratorBoard> boards = new ArrayList<>();
        for (Path z : zones) {
            boards.add(board(tree, z, o, context));
        }
        return boards;
    }

    private static PowercapBoard board(SysfsTree tree, Path zoneDir, PowercapOptions o, BackendContext context) {
        RaplZone.Snapshot z = RaplZone.read(tree, zoneDir);
        int n = RaplZone.zoneIndex(z.zone());
        int pkg = z.name().matches("package-\\d+") ? Integer.parseInt(z.name().substring("package-".length())) : n;
        Optional<RaplZone.Constraint> c = z.constraint(o.constraint(),
                o.constraint().matches("\\d{1,2}") ? Integer.parseInt(o.constraint()) : 0);
        if (c.isEmpty()) {
            throw new ConfigException("options.constraint", "zone " + z.zone() + " has no constraint '" + o.constraint() + "'");
        }
        double maxCapW;
        if (o.maxCapW() != null) {
            maxCapW = o.maxCapW();
        } else if (c.get().maxPowerW().good() && c.get().maxPowerW().value() > 0) {
            maxCapW = c.get().maxPowerW().value();
        } else if (c.get().limitW().good() && c.get().limitW().value() > 0) {
            maxCapW = c.get().limitW().value();
        } else {
            throw new ConfigException("options.maxCapW", "is required: zone " + z.zone()
                    + " reports neither a max_power_uw nor a readable power limit (" + c.get().limitW().detail() + ")");
        }
        double minCapW = o.minCapW() != null ? o.minCapW() : 0.25 * maxCapW;
        if (minCapW > maxCapW) {
            throw new ConfigException("options.minCapW", minCapW + " W exceeds the zone's highest cap " + maxCapW + " W");
        }
        SysfsSensor temp = null;
        double slowdownC = o.slowdownTempC() != null ? o.slowdownTempC() : 100.0;
        String configured = o.temps().get(z.zone());
        SysfsRef ref = configured != null ? SysfsRef.parse(configured, "options.temps." + z.zone()) : defaultTemp(tree, pkg);
        if (ref != null) {
            temp = new SysfsSensor(ref, SysfsSensor.Role.TEMPERATURE, "tempC", -200, 300, "options.temps." + z.zone());
            if (o.slowdownTempC() == null) {
                slowdownC = critical(tree, temp).orElse(slowdownC);
            }
        }
        BoardSpec spec = new BoardSpec(o.idPrefix() + n, "RAPL " + (z.name().isEmpty() ? z.zone() : z.name()), n,
                minCapW, maxCapW, o.idleW() != null ? o.idleW() : 0.1 * maxCapW, slowdownC);
        return new PowercapBoard(tree, zoneDir, c.get().name().isEmpty() ? Integer.toString(c.get().index())
                : c.get().name(), spec, temp, pkg, context.timeSource());
    }

    /** coretemp's "Package id N", else AMD k10temp's Tctl on package 0, else the x86_pkg_temp zone on package 0. */
    static SysfsRef defaultTemp(SysfsTree tree, int pkg) {
        String label = "Package id " + pkg;
        for (HwmonChip chip : HwmonChip.list(tree)) {
            if (chip.name().equals("coretemp") && chip.inputForLabel(tree, label).isPresent()) {
                return SysfsRef.parse("hwmon:" + chip.refName() + "/" + label, "temps");
            }
        }
        if (pkg == 0) {
            for (HwmonChip chip : HwmonChip.list(tree)) {
                if (chip.name().equals("k10temp") && chip.inputForLabel(tree, "Tctl").isPresent()) {
                    return SysfsRef.parse("hwmon:" + chip.refName() + "/Tctl", "temps");
                }
            }
            SysfsRef zone = SysfsRef.parse("zone:x86_pkg_temp", "temps");
            if (zone.resolve(tree, null).isPresent()) {
                return zone;
            }
        }
        return null;
    }

    private static Optional<Double> critical(SysfsTree tree, SysfsSensor temp) {
        return temp.path(tree).filter(p -> p.getFileName().toString().endsWith("_input")).map(p -> {
            String f = p.getFileName().toString();
            Sample s = Quantity.millidegrees("critC", -200, 300)
                    .parse(tree.read(p.resolveSibling(f.substring(0, f.length() - "_input".length()) + "_crit")));
            return s.good() && s.value() > 0 ? s.value() : null;
        });
    }
}
