package io.sunsync.hal.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.nav.NavigationReceiver;
import io.sunsync.hal.power.PowerSystem;
import io.sunsync.hal.thermal.ThermalControl;
import io.sunsync.hal.time.TimeSource;
import java.util.List;

/**
 * A family of backends (e.g. {@code sysfs}, {@code nvidia-smi}, {@code sim}), found with
 * {@link java.util.ServiceLoader}. A provider implements the devices it can drive and leaves
 * the others at their defaults, which refuse with a {@link ConfigException} naming the key.
 *
 * <p>Methods are called once each, on one thread, while the hardware is assembled. Errors in
 * {@code options} are reported as {@link ConfigException}s whose key is relative to the device
 * entry (e.g. {@code options.root}).
 */
public interface BackendProvider {

    /** The name the config file uses for this backend. */
    String name();

    /** A time source, for {@code hardware.clock}. */
    default TimeSource timeSource(ObjectNode options, BackendContext context) {
        throw unsupported("a clock");
    }

    /** The power system, for {@code hardware.power}. */
    default PowerSystem powerSystem(ObjectNode options, BackendContext context) {
        throw unsupported("a power system");
    }

    /** The thermal control hardware, for {@code hardware.thermal}. */
    default ThermalControl thermalControl(ObjectNode options, BackendContext context) {
        throw unsupported("thermal control");
    }

    /** The accelerator boards, for {@code hardware.accelerators}. */
    default List<AcceleratorBoard> accelerators(ObjectNode options, BackendContext context) {
        throw unsupported("accelerator boards");
    }

    /** The navigation receiver, for {@code hardware.navigation}. */
    default NavigationReceiver navigation(ObjectNode options, BackendContext context) {
        throw unsupported("a navigation receiver");
    }

    private ConfigException unsupported(String what) {
        return new ConfigException("backend", "backend '" + name() + "' does not provide " + what);
    }
}
