package io.sunsync.hal.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.nav.NavigationReceiver;
import io.sunsync.hal.power.PowerSystem;
import io.sunsync.hal.thermal.ThermalControl;
import io.sunsync.hal.time.TimeSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The satellite's hardware, built from its {@link HardwareConfig}: the one place where
 * backends are chosen. Providers come from an explicit list or the service loader; the choice
 * for every device is logged and kept in {@link #chosen()}.
 *
 * @param timeSource   mission time
 * @param power        the power system
 * @param thermal      thermal control
 * @param boards       accelerator boards, in index order
 * @param navigation   the navigation receiver, or null when the satellite has none
 * @param chosen       device name to backend name, for logs and telemetry
 */
public record HardwareAssembly(TimeSource timeSource, PowerSystem power, ThermalControl thermal,
                               List<AcceleratorBoard> boards, NavigationReceiver navigation, Map<String, String> chosen) {
    private static final Logger LOG = LoggerFactory.getLogger(HardwareAssembly.class);

    /** Hardware without a navigation receiver. */
    public HardwareAssembly(TimeSource timeSource, PowerSystem power, ThermalControl thermal,
                            List<AcceleratorBoard> boards, Map<String, String> chosen) {
        this(timeSource, power, thermal, boards, null, chosen);
    }

    public HardwareAssembly {
        Objects.requireNonNull(timeSource, "timeSource");
        Objects.requireNonNull(power, "power");
        Objects.requireNonNull(thermal, "thermal");
        boards = List.copyOf(boards);
        chosen = Map.copyOf(chosen);
    }

    /** Builds the hardware with the providers the service loader finds on the class path. */
    public static HardwareAssembly build(HardwareConfig config, Path configDir, String keyPrefix) {
        List<BackendProvider> providers = new ArrayList<>();
        ServiceLoader.load(BackendProvider.class).forEach(providers::add);
        return build(config, configDir, keyPrefix, providers);
    }

    /**
     * Builds the hardware with the given providers.
     *
     * @param keyPrefix the dotted key of the hardware section in the config file, for errors
     *                  (e.g. {@code hardware})
     */
    public static HardwareAssembly build(HardwareConfig config, Path configDir, String keyPrefix,
                                         List<BackendProvider> providers) {
        Map<String, BackendProvider> byName = new TreeMap<>();
        for (BackendProvider p : providers) {
            byName.put(p.name(), p);
        }
        for (String configured : config.backends().keySet()) {
            if (!byName.containsKey(configured)) {
                throw new ConfigException(keyPrefix + ".backends." + configured,
                        "unknown backend '" + configured + "'; available: " + String.join(", ", byName.keySet()));
            }
        }
        BackendContext context = new BackendContext(configDir, config, keyPrefix);
        Map<String, String> chosen = new LinkedHashMap<>();
        TimeSource time = device(keyPrefix, "clock", config.clock(), byName, context, chosen, BackendProvider::timeSource);
        context.timeSource(time);
        PowerSystem power = device(keyPrefix, "power", config.power(), byName, context, chosen, BackendProvider::powerSystem);
        ThermalControl thermal = device(keyPrefix, "thermal", config.thermal(), byName, context, chosen,
                BackendProvider::thermalControl);
        List<AcceleratorBoard> boards = device(keyPrefix, "accelerators", config.accelerators(), byName, context,
                chosen, BackendProvider::accelerators);
        NavigationReceiver navigation = config.navigation() == null ? null : device(keyPrefix, "navigation",
                config.navigation(), byName, context, chosen, BackendProvider::navigation);
        LOG.info("hardware backends chosen: {} ({} accelerator boards{})", chosen, boards.size(),
                navigation == null ? ", no navigation receiver" : "");
        return new HardwareAssembly(time, power, thermal, boards, navigation, chosen);
    }

    @FunctionalInterface
    private interface Factory<T> {
        T make(BackendProvider provider, ObjectNode options, BackendContext context);
    }

    private static <T> T device(String prefix, String device, DeviceConfig cfg, Map<String, BackendProvider> byName,
                                BackendContext context, Map<String, String> chosen, Factory<T> factory) {
        String key = prefix + "." + device;
        BackendProvider provider = byName.get(cfg.backend());
        if (provider == null) {
            throw new ConfigException(key + ".backend", "unknown backend '" + cfg.backend() + "'; available: "
                    + String.join(", ", byName.keySet()));
        }
        try {
            T built = factory.make(provider, cfg.options(), context);
            chosen.put(device, cfg.backend());
            return Objects.requireNonNull(built, () -> "backend " + cfg.backend() + " built no " + device);
        } catch (ConfigException e) {
            if (e.key().startsWith(prefix + ".")) {
                throw e; // already names its full key (shared backend settings)
            }
            throw new ConfigException(key + "." + e.key(), e.reason(), e);
        }
    }

}
