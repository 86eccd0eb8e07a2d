package io.sunsync.hal.linux;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.accel.BoardSpec;
import io.sunsync.hal.accel.Ina3221Rail;
import io.sunsync.hal.accel.JetsonAcceleratorBoard;
import io.sunsync.hal.accel.JetsonOptions;
import io.sunsync.hal.accel.Nvpmodel;
import io.sunsync.hal.accel.NvpmodelOutput;
import io.sunsync.hal.config.BackendContext;
import io.sunsync.hal.config.BackendProvider;
import io.sunsync.hal.config.ConfigException;
import io.sunsync.hal.config.ConfigReader;
import io.sunsync.hal.sysfs.SysfsTree;
import io.sunsync.hal.thermal.SysfsThermalZone;
import io.sunsync.hal.time.Seconds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code jetson} backend: the Jetson module flight runs on is one {@link JetsonAcceleratorBoard}.
 * At start it finds the INA3221 rails by label, the thermal zones by type, and the power modes with
 * {@code nvpmodel -p --verbose} (budgets from their names or {@code modeBudgetsW}), and asks which
 * mode is in force. A tree without INA3221 rails, an input rail that is not there, no readable
 * thermal zone, an nvpmodel that cannot run or lists no mode with a budget refuses the config
 * naming the key.
 */
public final class JetsonBackendProvider implements BackendProvider {
    private static final Logger LOG = LoggerFactory.getLogger(JetsonBackendProvider.class);

    @Override
    public String name() {
        return "jetson";
    }

    @Override
    public List<AcceleratorBoard> accelerators(ObjectNode options, BackendContext context) {
        JetsonOptions o = ConfigReader.convert(options, JetsonOptions.class, "options");
        SysfsTree tree = new SysfsTree(context.resolve(o.root()));
        List<Ina3221Rail> rails = Ina3221Rail.discover(tree);
        if (rails.isEmpty()) {
            throw new ConfigException("options.root", "no INA3221 power rail under " + tree.root()
                    + "/class/hwmon (a hwmon chip named ina3221 with in1..3_label): is this a Jetson on JetPack 5 or 6?");
        }
        Ina3221Rail input = null;
        if (!o.inputRail().equalsIgnoreCase(JetsonOptions.SUM)) {
            input = rails.stream().filter(r -> r.label().equals(o.inputRail())).findFirst()
                    .orElseThrow(() -> new ConfigException("options.inputRail", "no rail '" + o.inputRail() + "'; found "
                            + rails.stream().map(Ina3221Rail::label).toList() + " (or 'sum' to add them)"));
        }
        List<Path> zones = new ArrayList<>();
        List<String> found = new ArrayList<>();
        double passive = Double.NaN;
        double hot = Double.NaN;
        for (Path dir : SysfsThermalZone.zones(tree)) {
            SysfsThermalZone.Snapshot z = SysfsThermalZone.read(tree, dir);
            found.add(z.type());
            if (!o.tempZones().contains(z.type())) {
                continue;
            }
            if (!z.tempC().good()) {
                LOG.warn("jetson: thermal zone {} ({}) does not read at start and is left out: {}", z.name(), z.type(),
                        z.tempC().detail());
                continue;
            }
            zones.add(dir);
            for (SysfsThermalZone.Trip t : z.trips()) {
                if (t.type().equals("passive") && t.tempC().good()) {
                    passive = Double.isNaN(passive) ? t.tempC().value() : Math.min(passive, t.tempC().value());
                }
            }
            double limit = z.lowestLimitC();
            hot = Double.isNaN(hot) ? limit : Double.isNaN(limit) ? hot : Math.min(hot, limit);
        }
        if (zones.isEmpty()) {
            throw new ConfigException("options.tempZones", "no readable thermal zone of " + o.tempZones() + "; found "
                    + found);
        }
        double slowdown = o.slowdownTempC() != null ? o.slowdownTempC() : !Double.isNaN(passive) ? passive : hot;
        if (Double.isNaN(slowdown)) {
            throw new ConfigException("options.slowdownTempC", "is required: the zones have no passive, hot or critical trip");
        }
        Nvpmodel tool = new Nvpmodel(o.nvpmodelPath(), Duration.ofMillis(Math.round(o.timeoutS() * 1000)));
        Nvpmodel.Modes listed = tool.modes();
        if (listed.fault() != null) {
            throw new ConfigException("options.nvpmodelPath", listed.detail());
        }
        List<NvpmodelOutput.Mode> ladder = new ArrayList<>();
        for (NvpmodelOutput.Mode m : listed.modes()) {
            Double configured = o.budgetOf(m.id());
            double budget = configured != null ? configured : m.budgetW();
            if (Double.isFinite(budget)) {
                ladder.add(new NvpmodelOutput.Mode(m.id(), m.name(), budget));
            } else {
                LOG.warn("jetson: power mode {} ({}) has no budget in its name and none in options.modeBudgetsW: not used",
                        m.id(), m.name());
            }
        }
        for (String id : o.modeBudgetsW().keySet()) {
            if (listed.modes().stream().noneMatch(m -> Integer.toString(m.id()).equals(id))) {
                throw new ConfigException("options.modeBudgetsW." + id, "nvpmodel lists no mode " + id + "; it lists "
                        + listed.modes().stream().map(m -> m.id() + " " + m.name()).toList());
            }
        }
        if (ladder.isEmpty()) {
            throw new ConfigException("options.modeBudgetsW", "no power mode has a budget: nvpmodel lists "
                    + listed.modes().stream().map(m -> m.id() + " " + m.name()).toList() + "; give them in W");
        }
        Nvpmodel.Query now = tool.query();
        if (!now.ok()) {
            throw new ConfigException("options.nvpmodelPath", now.detail());
        }
        double min = ladder.stream().mapToDouble(NvpmodelOutput.Mode::budgetW).min().orElseThrow();
        double max = ladder.stream().mapToDouble(NvpmodelOutput.Mode::budgetW).max().orElseThrow();
        BoardSpec spec = new BoardSpec(o.id(), model(tree), 0, min, max, o.idleW() != null ? o.idleW() : 0.1 * max,
                slowdown);
        LOG.info("jetson: {} {}: input {}, {} zones, modes {} (in force: {} {}), slowdown {} °C", spec.id(), spec.model(),
                input == null ? "sum of " + rails.size() + " rails" : input.label(), zones.size(),
                ladder.stream().map(m -> m.id() + " " + m.name() + " " + m.budgetW() + " W").toList(), now.current().id(),
                now.current().name(), slowdown);
        return List.of(new JetsonAcceleratorBoard(tree, rails, input, zones, tool, ladder, spec, now.current(),
                Seconds.of(o.modeCheckS()), Seconds.of(o.reapplyEveryS()), context.timeSource()));
    }

    /** The module's name from the device tree ({@code /sys/firmware/devicetree/base/model}), else "NVIDIA Jetson". */
    private static String model(SysfsTree tree) {
        Optional<String> m = Optional.of(tree.read(tree.resolve("firmware/devicetree/base/model")).textOr(""))
                .map(s -> s.replace("\u0000", "").strip()).filter(s -> !s.isEmpty());
        return m.orElse("NVIDIA Jetson");
    }

}
