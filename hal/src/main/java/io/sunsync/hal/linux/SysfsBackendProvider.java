package io.sunsync.hal.linux;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.hal.config.BackendContext;
import io.sunsync.hal.config.BackendProvider;
import io.sunsync.hal.config.ConfigReader;
import io.sunsync.hal.power.PowerSystem;
import io.sunsync.hal.power.SysfsPowerOptions;
import io.sunsync.hal.power.SysfsPowerSystem;
import io.sunsync.hal.sysfs.SysfsTree;
import io.sunsync.hal.thermal.SysfsThermalControl;
import io.sunsync.hal.thermal.SysfsThermalOptions;
import io.sunsync.hal.thermal.ThermalControl;

/**
 * The {@code sysfs} backend: the power system ({@link SysfsPowerSystem}, options
 * {@link SysfsPowerOptions}) and thermal control ({@link SysfsThermalControl}, options
 * {@link SysfsThermalOptions}) of a Linux board.
 */
public final class SysfsBackendProvider implements BackendProvider {
    @Override
    public String name() {
        return "sysfs";
    }

    @Override
    public PowerSystem powerSystem(ObjectNode options, BackendContext context) {
        SysfsPowerOptions o = ConfigReader.convert(options, SysfsPowerOptions.class, "options");
        return new SysfsPowerSystem(new SysfsTree(context.resolve(o.root())), o, context.timeSource());
    }

    @Override
    public ThermalControl thermalControl(ObjectNode options, BackendContext context) {
        SysfsThermalOptions o = ConfigReader.convert(options, SysfsThermalOptions.class, "options");
        return new SysfsThermalControl(new SysfsTree(context.resolve(o.root())), o, context.timeSource());
    }
}
